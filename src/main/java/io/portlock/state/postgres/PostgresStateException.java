package io.portlock.state.postgres;

/**
 * The PostgreSQL state cannot be read or written; the message names the URL (password masked)
 * and says what to do.
 */
public final class PostgresStateException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  PostgresStateException(PostgresUrl url, String message) {
    super(url + ": " + message);
  }

  PostgresStateException(PostgresUrl url, String message, Throwable cause) {
    super(url + ": " + message, cause);
  }
}
