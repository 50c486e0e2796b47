package io.portlock.sandbox;

/**
 * How many faults the sandbox injected since it started, by kind; setting new faults keeps them.
 *
 * @param tooManyRequests answered 429 with Retry-After
 * @param serverErrors answered 500
 * @param dropsBefore connections closed before the request was looked at (nothing happened)
 * @param dropsAfter connections closed after the request was carried out (a create was accepted)
 */
public record FaultCounts(
    long tooManyRequests, long serverErrors, long dropsBefore, long dropsAfter) {

  public long drops() {
    return dropsBefore + dropsAfter;
  }

  public long total() {
    return tooManyRequests + serverErrors + drops();
  }
}
