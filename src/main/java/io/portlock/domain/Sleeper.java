package io.portlock.domain;

import java.time.Duration;

/**
 * Waits, for a poll interval or a retry backoff. The one seam through which portlock's waits pass:
 * code that waits takes a {@code Sleeper} (and a {@link java.time.Clock}), so that tests step a
 * manual clock instead of sleeping.
 */
@FunctionalInterface
public interface Sleeper {
  /** Sleeps for real. */
  Sleeper REAL = duration -> Thread.sleep(duration.toMillis());

  void sleep(Duration duration) throws InterruptedException;
}
