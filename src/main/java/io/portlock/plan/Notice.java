package io.portlock.plan;

/**
 * Something a reviewer must see before applying: drift, a tripped safety guard, an interrupted
 * apply, numbers that left the account.
 */
public record Notice(Kind kind, String message) {

  /** What the notice is about. */
  public enum Kind {
    DRIFT,
    GUARD,
    JOURNAL,
    LEFT_ACCOUNT,
    INFO
  }
}
