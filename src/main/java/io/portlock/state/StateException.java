package io.portlock.state;

/**
 * The state cannot be read or written; the message names where it lives (a file's path or a
 * database URL without its password) and says how to recover.
 */
public final class StateException extends RuntimeException {
  private final String location;

  public StateException(String location, String message) {
    this(location, message, null);
  }

  public StateException(String location, String message, Throwable cause) {
    super(location + ": " + message, cause);
    this.location = location;
  }

  /** Where the state lives, as the store names it. */
  public String location() {
    return location;
  }
}
