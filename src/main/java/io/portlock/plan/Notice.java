package io.portlock.plan;

/**
 * Something a reviewer must see before applying: drift, a tripped safety guard, an interrupted
 * apply, numbers that left the account, numbers of the config that cannot hold a passcode.
 */
public record Notice(Kind kind, String message) {

  /** What the notice is about. */
  public enum Kind {
    DRIFT,
    GUARD,
    JOURNAL,
    LEFT_ACCOUNT,
    /** Numbers a group lists that Bandwidth cannot protect: no order is sent for them. */
    INELIGIBLE,
    INFO
  }
}
