package io.portlock.bandwidth;

import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * How often and how long to retry 429, 5xx and dropped connections.
 *
 * @param maxAttempts attempts in all, the first included (1 means never retry)
 * @param initialBackoff the backoff ceiling before the first retry; doubled for each further one
 * @param maxBackoff the backoff ceiling is never raised above this
 * @param maxTotal no retry starts when it would end later than this after the first attempt (time
 *     spent waiting out rate-limit windows not counted)
 * @param maxRateLimitWait how long one call may wait out the rate-limit windows Bandwidth names
 *     ({@code X-RateLimit-Reset}, {@code Retry-After}) in all; a window ending later fails at once
 */
public record RetryPolicy(
    int maxAttempts,
    Duration initialBackoff,
    Duration maxBackoff,
    Duration maxTotal,
    Duration maxRateLimitWait) {

  /** Five minutes of rate-limit windows per call: Bandwidth's windows last seconds. */
  public static final Duration DEFAULT_MAX_RATE_LIMIT_WAIT = Duration.ofMinutes(5);

  public RetryPolicy {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("expected at least 1 attempt but was " + maxAttempts);
    }
    Objects.requireNonNull(initialBackoff, "initialBackoff");
    Objects.requireNonNull(maxBackoff, "maxBackoff");
    Objects.requireNonNull(maxTotal, "maxTotal");
    if (initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
      throw new IllegalArgumentException(
          "expected 0 <= initialBackoff <= maxBackoff but was "
              + initialBackoff
              + " and "
              + maxBackoff);
    }
    if (maxTotal.isNegative()) {
      throw new IllegalArgumentException("expected a positive maxTotal but was " + maxTotal);
    }
    Objects.requireNonNull(maxRateLimitWait, "maxRateLimitWait");
    if (maxRateLimitWait.isNegative()) {
      throw new IllegalArgumentException(
          "expected a positive maxRateLimitWait but was " + maxRateLimitWait);
    }
  }

  /** A policy that waits out rate-limit windows for up to {@link #DEFAULT_MAX_RATE_LIMIT_WAIT}. */
  public RetryPolicy(
      int maxAttempts, Duration initialBackoff, Duration maxBackoff, Duration maxTotal) {
    this(maxAttempts, initialBackoff, maxBackoff, maxTotal, DEFAULT_MAX_RATE_LIMIT_WAIT);
  }

  /** 8 attempts, backoff from 200 ms doubling up to 10 s, all within 2 minutes. */
  public static RetryPolicy defaults() {
    return new RetryPolicy(
        8, Duration.ofMillis(200), Duration.ofSeconds(10), Duration.ofMinutes(2));
  }

  /** A single attempt: every failure surfaces at once. */
  public static RetryPolicy none() {
    return new RetryPolicy(1, Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO);
  }

  /**
   * The wait before retry number {@code retry} (1 for the first retry): "full jitter", a uniform
   * draw below the exponential ceiling, so that parallel clients do not retry in lockstep.
   */
  Duration backoffBefore(int retry, RandomGenerator random) {
    long ceiling = initialBackoff.toMillis();
    for (int i = 1; i < retry && ceiling < maxBackoff.toMillis(); i++) {
      ceiling *= 2;
    }
    ceiling = Math.min(ceiling, maxBackoff.toMillis());
    return Duration.ofMillis(ceiling <= 0 ? 0 : random.nextLong(ceiling + 1));
  }
}
