package dev.knowledgerouter.verify;

/** One number a check measured, by the name the verifier's weights use. */
public record Feature(String name, double value) {
}
