package io.portlock.sandbox;

/**
 * How many faults the sandbox injected since it started, by kind; setting new faults keeps them.
 *
 * @param tooManyRequests answered 429 with Retry-After
 * @param serverErrors answered 500
 * @param dropsBefore connections closed before the request was looked at (nothing happened)
 * @param dropsAfter connections closed after the request was carried out (a create was accepted)
 * @param rateLimited answered 429 with X-RateLimit-Reset because a window's requests ran out
 * @param lostCreateAnswers creates accepted whose answer was dropped or cut
 * @param redirects list reads answered 303
 */
public record FaultCounts(
    long tooManyRequests,
    long serverErrors,
    long dropsBefore,
    long dropsAfter,
    long rateLimited,
    long lostCreateAnswers,
    long redirects) {

  public long drops() {
    return dropsBefore + dropsAfter;
  }

  public long total() {
    return tooManyRequests + serverErrors + drops();
  }
}
