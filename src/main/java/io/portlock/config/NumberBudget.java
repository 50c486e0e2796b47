package io.portlock.config;

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
  boolean take(long count, Place place, Diagnostics out) {
    if (exceeded) {
      return false;
    }
    if (used + count > max) {
      exceeded = true;
      out.error(place.file(), place.line(), place.column(), "the config holds more than " + max
          + " numbers, the most portlock handles in one config; split the groups over several"
          + " configs");
      return false;
    }
    used += count;
    return true;
  }
}
