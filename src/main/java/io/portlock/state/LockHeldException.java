package io.portlock.state;

/** Another process holds the apply lock. */
public final class LockHeldException extends RuntimeException {
  private final LockInfo holder;

  public LockHeldException(String location, LockInfo holder, String advice) {
    super("the state " + location + " is locked"
        + (holder == null ? " by a process that has not written its details yet" : ": " + holder)
        + "; " + advice);
    this.holder = holder;
  }

  /** The holder's details, or null when they could not be read. */
  public LockInfo holder() {
    return holder;
  }
}
