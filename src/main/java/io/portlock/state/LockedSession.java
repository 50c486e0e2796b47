package io.portlock.state;

import java.util.Optional;

/**
 * What every store's session shares: the state as of the last commit, the lineage check of a
 * replacement, the serial numbering, and refusing commits once closed. A store supplies how a
 * version is stored (a compare-and-set on the serial) and how the lock is released.
 */
public abstract class LockedSession implements StateSession {
  private final String location;
  private final LockInfo lock;
  private Optional<State> current;
  private boolean closed;

  protected LockedSession(String location, LockInfo lock, Optional<State> current) {
    this.location = location;
    this.lock = lock;
    this.current = current;
  }

  /**
   * Stores {@code next} (serial {@code before}'s + 1) if the stored serial is still {@code
   * before}'s; else throws {@link #conflict}.
   */
  protected abstract void store(Optional<State> before, State next, StateChange change);

  /** Releases the lock. */
  protected abstract void release();

  @Override
  public synchronized Optional<State> state() {
    return current;
  }

  @Override
  public synchronized void commit(StateChange change) {
    if (closed) {
      throw new IllegalStateException("the session of " + location + " is closed");
    }
    State next = next(current, change);
    store(current, next, change);
    current = Optional.of(next);
  }

  private State next(Optional<State> before, StateChange change) {
    if (change instanceof StateChange.Replaced r) {
      State replacement = r.state();
      if (before.isPresent() && !before.get().lineage().equals(replacement.lineage())) {
        throw new StateException(location, "refusing to replace the stored state (lineage "
            + before.get().lineage() + ") with a state of another lineage ("
            + replacement.lineage() + "): they are different states, from another account or"
            + " another copy; nothing was written");
      }
      return replacement.withSerial(before.map(State::serial).orElse(0L) + 1);
    }
    State base = before.orElseThrow(() -> new IllegalStateException("nothing is stored at "
        + location + " yet: its first commit replaces the state as a whole"));
    return base.apply(change).withSerial(base.serial() + 1);
  }

  /** The stored state moved underneath this session: another writer got there first. */
  protected static StateException conflict(String location, Optional<State> before,
      String found) {
    return new StateException(location, "the state changed underneath this session: it was at "
        + before.map(s -> "serial " + s.serial()).orElse("no state") + " when this session last"
        + " saw it and is now at " + found + " (another portlock wrote it, or it was edited or"
        + " checked out meanwhile). Nothing was written; run the command again");
  }

  @Override
  public LockInfo lock() {
    return lock;
  }

  @Override
  public String location() {
    return location;
  }

  @Override
  public synchronized void close() {
    if (!closed) {
      closed = true;
      release();
    }
  }

  synchronized boolean isClosed() {
    return closed;
  }
}
