package io.portlock.bandwidth;

/** One {@code ErrorList/Error}: a code, its description, and the number it is about if any. */
public record NumberError(int code, String description, Long number) {}
