package io.portlock.cli;

/** portlock's exit codes, as documented in the README. */
public final class ExitCodes {
  public static final int OK = 0;
  public static final int ERROR = 1;
  /** Success with changes, only with {@code --detailed-exitcode}. */
  public static final int CHANGES = 2;
  /** An apply refused by a safety rule. */
  public static final int REFUSED = 3;

  private ExitCodes() {}
}
