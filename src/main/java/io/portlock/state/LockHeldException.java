package io.portlock.state;

import java.time.Duration;

/** Another process holds the apply lock. */
public final class LockHeldException extends RuntimeException {
  private final LockInfo holder;

  public LockHeldException(String location, LockInfo holder, String advice) {
    super(
        "the state "
            + location
            + " is locked"
            + (holder == null
                ? " by a process that has not written its details yet"
                : ": " + holder)
            + "; "
            + advice);
    this.holder = holder;
  }

  /** The lock was still held when {@code timeout} ran out; the advice says how to go on. */
  public static LockHeldException timedOut(String location, LockInfo holder, Duration timeout) {
    return new LockHeldException(
        location,
        holder,
        timeout.isZero()
            ? "wait for it to finish, or retry with --lock-timeout 5m to wait"
            : "waited " + timeout.toSeconds() + "s; wait for it to finish and retry");
  }

  /** The holder's details, or null when they could not be read. */
  public LockInfo holder() {
    return holder;
  }
}
