package io.portlock.engine;

/** An apply refused by a safety rule (removals, a size guard, no approval). Exit 3. */
public final class RefusedException extends RuntimeException {
  public RefusedException(String message) {
    super(message);
  }
}
