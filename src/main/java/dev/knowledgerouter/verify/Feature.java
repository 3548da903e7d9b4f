package dev.knowledgerouter.verify;

/**
 * One number a check measured, by the name the verifier's weights use. A feature that does not
 * apply to this answer (arithmetic features of an answer that states no arithmetic) is NaN: the
 * verifier counts it as the fitting sample's average, so it neither raises nor lowers the score.
 */
public record Feature(String name, double value) {
    public static Feature notApplicable(String name) {
        return new Feature(name, Double.NaN);
    }

    public boolean applies() {
        return !Double.isNaN(value);
    }
}
