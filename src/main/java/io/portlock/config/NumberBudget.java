package io.portlock.config;

import java.nio.file.Path;

/** The most numbers one config may hold, shared by all its groups, so memory stays bounded. */
final class NumberBudget {
  static final long MAX_NUMBERS = 10_000_000;

  private final long max;
  private long used;
  private boolean exceeded;

  /**
   * The array the last group collected its numbers in, lent to the next: the budget is shared by
   * the groups of one load, which are read one after the other, so a config of 100 groups needs one
   * such array instead of 100 (each then copied to its exact size). Gone with the load.
   */
  private long[] spare;

  NumberBudget(long max) {
    this.max = max;
  }

  /** The spare array, or a new small one when it is lent out or there is none yet. */
  long[] lendArray() {
    long[] array = spare;
    spare = null;
    return array == null ? new long[16] : array;
  }

  /** Takes {@code array} back, to lend it to the next group; its content is not kept. */
  void giveBack(long[] array) {
    if (spare == null || array.length > spare.length) {
      spare = array;
    }
  }

  /** Whether {@link #take} of {@code count} numbers would succeed (nothing is taken). */
  boolean fits(long count) {
    return !exceeded && used + count <= max;
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
