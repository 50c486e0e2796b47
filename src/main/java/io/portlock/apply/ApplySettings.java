package io.portlock.apply;

import java.time.Duration;

/**
 * How apply runs orders.
 *
 * @param parallelism orders in flight at once
 * @param orderTimeout how long to follow one order before giving up on it (its journal entry stays,
 *     so the next apply resumes it), or null for no limit
 * @param firstPoll the wait before the first status check; later waits grow by half each time
 * @param maxPoll the longest wait between two status checks
 * @param lookupWait how long Bandwidth's lookup by CustomerOrderId may lag behind a create: an
 *     order whose create answer was lost is looked up again, with growing waits, for this long (and
 *     is never sent again in the same run); a journaled order is taken for one that never reached
 *     Bandwidth only once its journal entry is older than this
 */
public record ApplySettings(
    int parallelism,
    Duration orderTimeout,
    Duration firstPoll,
    Duration maxPoll,
    Duration lookupWait) {
  public static final int DEFAULT_PARALLELISM = 4;

  /** The lag is not documented: minutes, not seconds, and bounded so that apply ends. */
  public static final Duration DEFAULT_LOOKUP_WAIT = Duration.ofMinutes(15);

  public ApplySettings {
    if (parallelism < 1 || parallelism > 64) {
      throw new IllegalArgumentException(
          "expected a parallelism from 1 to 64 but was " + parallelism);
    }
    if (lookupWait == null || lookupWait.isNegative()) {
      throw new IllegalArgumentException(
          "expected a lookup wait of 0 or more but was " + lookupWait);
    }
  }

  /** Settings with the default lookup wait. */
  public ApplySettings(
      int parallelism, Duration orderTimeout, Duration firstPoll, Duration maxPoll) {
    this(parallelism, orderTimeout, firstPoll, maxPoll, DEFAULT_LOOKUP_WAIT);
  }

  public static ApplySettings defaults() {
    return new ApplySettings(
        DEFAULT_PARALLELISM, null, Duration.ofMillis(250), Duration.ofSeconds(5));
  }
}
