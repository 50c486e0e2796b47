package io.portlock.config;

import java.nio.file.Path;

/** The most numbers one config may hold, shared by all its groups, so memory stays bounded. */
final class NumberBudget {
  static final long MAX_NUMBERS = 10_000_000;

  private final long max;
  private long used;
  private boolean exceeded;

  NumberBudget(long max) {
    this.max = max;
  }

  /** Takes {@code count} numbers; the first time that is too many, says so and returns false. */
  boolean take(long count, Path file, int line, int column, Diagnostics out) {
    if (exceeded) {
      return false;
    }
    if (used + count > max) {
      exceeded = true;
      out.error(
          file,
          line,
          column,
          "the config holds more than "
              + max
              + " numbers, the most portlock handles in one config; split the groups over several"
              + " configs");
      return false;
    }
    used += count;
    return true;
  }
}
