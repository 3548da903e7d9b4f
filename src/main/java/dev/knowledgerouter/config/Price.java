package dev.knowledgerouter.config;

/** What a model costs, in US dollars per million input and output tokens. */
public record Price(double inputPerMillion, double outputPerMillion) {
    public Price {
        if (inputPerMillion < 0 || outputPerMillion < 0) {
            throw new ConfigException("prices must not be negative, got " + inputPerMillion + " / " + outputPerMillion);
        }
    }

    public double cost(long inputTokens, long outputTokens) {
        return (inputTokens * inputPerMillion + outputTokens * outputPerMillion) / 1_000_000.0;
    }
}
