package io.portlock.apply;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Asks a running apply to stop: once cancelled, the applier sends no new order and follows the
 * orders already at Bandwidth for at most the grace period, then leaves the rest in the journal.
 * Safe to cancel from any thread (a signal handler does); only the first cancel counts.
 */
public final class Cancellation {
  /** How long orders already sent are followed after a cancel, unless told otherwise. */
  public static final Duration DEFAULT_GRACE = Duration.ofSeconds(60);

  private final Clock clock;
  private final Duration grace;
  private final AtomicReference<Cancelled> cancelled = new AtomicReference<>();

  /** Why and when the apply was cancelled. */
  public record Cancelled(String reason, Instant at) {}

  public Cancellation(Clock clock, Duration grace) {
    if (grace.isNegative()) {
      throw new IllegalArgumentException("expected a grace period of 0s or more but was " + grace);
    }
    this.clock = clock;
    this.grace = grace;
  }

  /** A cancellation nobody triggers. */
  public static Cancellation never() {
    return new Cancellation(Clock.systemUTC(), DEFAULT_GRACE);
  }

  /**
   * Cancels with a reason such as {@code SIGINT}.
   *
   * @return true for the first cancel, false when already cancelled
   */
  public boolean cancel(String reason) {
    return cancelled.compareAndSet(null, new Cancelled(reason, clock.instant()));
  }

  public boolean isCancelled() {
    return cancelled.get() != null;
  }

  public Optional<Cancelled> cancelled() {
    return Optional.ofNullable(cancelled.get());
  }

  public Duration grace() {
    return grace;
  }

  /** When following orders must stop: the cancel plus the grace period; empty until cancelled. */
  public Optional<Instant> deadline() {
    return cancelled().map(c -> c.at().plus(grace));
  }
}
