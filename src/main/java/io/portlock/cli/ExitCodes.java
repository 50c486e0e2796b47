package io.portlock.cli;

/** portlock's exit codes, as documented in the README. */
public final class ExitCodes {
  public static final int OK = 0;
  public static final int ERROR = 1;

  /** Success with changes, only with {@code --detailed-exitcode}. */
  public static final int CHANGES = 2;

  /** An apply refused by a safety rule. */
  public static final int REFUSED = 3;

  /** An apply stopped by SIGINT (Ctrl-C): 128 + 2. */
  public static final int INTERRUPTED = 130;

  /** An apply stopped by SIGTERM: 128 + 15. */
  public static final int TERMINATED = 143;

  private ExitCodes() {}
}
