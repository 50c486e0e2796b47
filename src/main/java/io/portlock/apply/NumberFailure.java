package io.portlock.apply;

/** A number Bandwidth did not change, with its error code and description. */
public record NumberFailure(
    long number, Integer code, String description, String customerOrderId) {}
