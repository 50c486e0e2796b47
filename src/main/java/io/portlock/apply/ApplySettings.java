package io.portlock.apply;

import java.time.Duration;

/**
 * How apply runs orders.
 *
 * @param parallelism orders in flight at once
 * @param orderTimeout how long to follow one order before giving up on it (its journal entry
 *     stays, so the next apply resumes it), or null for no limit
 * @param firstPoll the wait before the first status check; later waits grow by half each time
 * @param maxPoll the longest wait between two status checks
 */
public record ApplySettings(
    int parallelism, Duration orderTimeout, Duration firstPoll, Duration maxPoll) {
  public static final int DEFAULT_PARALLELISM = 4;

  public ApplySettings {
    if (parallelism < 1 || parallelism > 64) {
      throw new IllegalArgumentException(
          "expected a parallelism from 1 to 64 but was " + parallelism);
    }
  }

  public static ApplySettings defaults() {
    return new ApplySettings(DEFAULT_PARALLELISM, null, Duration.ofMillis(250), Duration.ofSeconds(5));
  }
}
