package io.portlock.bandwidth;

/** One {@code Warnings/Warning}. */
public record NumberWarning(Long number, String description) {}
