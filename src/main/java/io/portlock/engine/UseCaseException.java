package io.portlock.engine;

/**
 * A use case that cannot go on as asked (a stale or edited plan, a journal to resume first, an
 * unmanaged number): the message says what was found and what to do. Exit 1, like a usage error.
 */
public final class UseCaseException extends RuntimeException {
  public UseCaseException(String message) {
    super(message);
  }
}
