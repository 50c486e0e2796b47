package io.portlock.state;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A store in memory, for tests: the same sessions, lock and compare-and-set as the other stores, so
 * code under test cannot tell it from them (the contract suite checks that).
 */
public final class InMemoryStateStore implements StateStore {
  private final String location;
  private State stored; // guarded by this
  private LockInfo holder; // the lock record; null when free
  private boolean held; // whether a live session holds it

  public InMemoryStateStore() {
    this("memory:state");
  }

  public InMemoryStateStore(String location) {
    this.location = location;
  }

  @Override
  public synchronized Optional<State> read() {
    return Optional.ofNullable(stored);
  }

  @Override
  public StateSession open(String operation, Duration lockTimeout) {
    Instant deadline = Instant.now().plus(lockTimeout);
    synchronized (this) {
      while (held) {
        long left = Duration.between(Instant.now(), deadline).toMillis();
        if (left <= 0) {
          throw LockHeldException.timedOut(location, holder, lockTimeout);
        }
        try {
          wait(left);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new StateException(location, "interrupted while waiting for the lock", e);
        }
      }
      LockInfo info = LockInfo.forThisProcess(operation);
      holder = info;
      held = true;
      return new Session(info, Optional.ofNullable(stored));
    }
  }

  @Override
  public synchronized String forceUnlock(String lockId) {
    if (holder == null) {
      throw new StateException(location, "no lock record is there; nothing to unlock");
    }
    if (!holder.id().equals(lockId)) {
      throw new StateException(
          location,
          "the lock record has ID "
              + holder.id()
              + ", not "
              + lockId
              + "; pass the ID shown in the lock error");
    }
    if (held) {
      throw new StateException(
          location,
          "lock "
              + lockId
              + " is still held by a running"
              + " session ("
              + holder
              + "); let it finish instead of unlocking");
    }
    LockInfo was = holder;
    holder = null;
    return "Cleared lock record " + lockId + " (" + was + "); its session had already ended.";
  }

  @Override
  public String location() {
    return location;
  }

  /** The lock is lost as a dead process loses it, the record staying behind (tests). */
  synchronized void loseLock() {
    held = false;
    notifyAll();
  }

  private final class Session extends LockedSession {
    Session(LockInfo lock, Optional<State> current) {
      super(InMemoryStateStore.this.location, lock, current);
    }

    @Override
    protected void store(Commit commit) {
      synchronized (InMemoryStateStore.this) {
        long actual = stored == null ? -1 : stored.serial();
        if (commit.expected() != actual) {
          throw conflict(
              location, commit.expected(), stored == null ? "no state" : "serial " + actual);
        }
        stored = commit.state().get();
      }
    }

    @Override
    protected void release() {
      synchronized (InMemoryStateStore.this) {
        if (holder != null && holder.id().equals(lock().id())) {
          holder = null;
          held = false;
          InMemoryStateStore.this.notifyAll();
        }
      }
    }
  }
}
