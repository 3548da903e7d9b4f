package dev.knowledgerouter.cli;

import java.util.ArrayList;
import java.util.List;

/** Seeds as the CLI takes them: numbers and inclusive ranges, e.g. {@code 1-10} or {@code 1,4,7}. */
final class SeedRange {
    private static final int MAX_SEEDS = 1000;

    private SeedRange() {}

    static List<Long> parse(List<String> parts) {
        List<Long> seeds = new ArrayList<>();
        for (String raw : parts) {
            String p = raw.strip();
            try {
                int dash = p.indexOf('-', 1);
                if (dash > 0) {
                    long from = Long.parseLong(p.substring(0, dash).strip());
                    long to = Long.parseLong(p.substring(dash + 1).strip());
                    if (to < from || to - from >= MAX_SEEDS) {
                        throw new CliException(
                                "--seed range '" + p + "' must run upwards and hold at most " + MAX_SEEDS + " seeds");
                    }
                    for (long s = from; s <= to; s++) {
                        seeds.add(s);
                    }
                } else {
                    seeds.add(Long.parseLong(p));
                }
            } catch (NumberFormatException e) {
                throw new CliException("--seed takes numbers and ranges such as 1-10 or 1,4,7, got '" + p + "'");
            }
        }
        if (seeds.isEmpty()) {
            throw new CliException("--seed needs at least one seed, e.g. --seed 1-10");
        }
        return seeds;
    }
}
