package io.portlock.state;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What every store's session shares: the state as of the last commit, the lineage check of a
 * replacement, the serial numbering, and refusing commits once closed. A store supplies how a
 * version is stored (a compare-and-set on the serial) and how the lock is released.
 *
 * <p>Commits are kept as changes and folded into the state only when someone looks at it (or the
 * store asks for it), in one pass however many there are: an apply of 400 orders does not rebuild a
 * state of millions of numbers 800 times.
 */
public abstract class LockedSession implements StateSession {
  private final String location;
  private final LockInfo lock;
  private State base; // null when nothing is stored
  private final List<StateChange> pending = new ArrayList<>();
  private long serial;
  private boolean closed;

  protected LockedSession(String location, LockInfo lock, Optional<State> current) {
    this.location = location;
    this.lock = lock;
    this.base = current.orElse(null);
    this.serial = current.map(State::serial).orElse(0L);
  }

  /**
   * What one commit stores.
   *
   * @param expected the serial the store must still hold, or -1 when it must hold nothing
   * @param serial the serial to store ({@code expected} + 1, or 1)
   * @param lineage the state's lineage after the change
   * @param state the whole state after the change, computed only when asked for
   */
  public record Commit(
      long expected, long serial, String lineage, StateChange change, Supplier<State> state) {}

  /**
   * Stores {@code commit} if the stored serial is still the expected one; else throws {@link
   * #conflict}. A store that writes only the change overrides this; by default the whole next state
   * is handed to {@link #store(Optional, State, StateChange)}.
   */
  protected void store(Commit commit) {
    store(Optional.ofNullable(current()), commit.state().get(), commit.change());
  }

  /**
   * Stores {@code next} (serial {@code before}'s + 1) if the stored serial is still {@code
   * before}'s; else throws {@link #conflict}. For stores that write the whole state each time.
   */
  protected void store(Optional<State> before, State next, StateChange change) {
    throw new UnsupportedOperationException("a store overrides one of the store methods");
  }

  /** Called after each successful commit, with this session's monitor held. */
  protected void afterCommit() {}

  /** Releases the lock. */
  protected abstract void release();

  @Override
  public synchronized Optional<State> state() {
    return Optional.ofNullable(current());
  }

  /** The state with every commit folded in; null when nothing is stored. */
  protected synchronized State current() {
    if (!pending.isEmpty()) {
      base = base.applyAll(pending).withSerial(serial);
      pending.clear();
    }
    return base;
  }

  /** The serial of the last commit (0 when nothing is stored). */
  protected synchronized long serial() {
    return serial;
  }

  @Override
  public synchronized void commit(StateChange change) {
    if (closed) {
      throw new IllegalStateException("the session of " + location + " is closed");
    }
    long expected = base == null ? -1 : serial;
    long nextSerial = serial + 1;
    State replacement = null;
    if (change instanceof StateChange.Migrated m) {
      replacement = migrated(m.state());
      nextSerial = replacement.serial();
    }
    if (change instanceof StateChange.Replaced r) {
      if (base != null && !base.lineage().equals(r.state().lineage())) {
        throw new StateException(
            location,
            "refusing to replace the stored state (lineage "
                + base.lineage()
                + ") with a state of another lineage ("
                + r.state().lineage()
                + "): they are different states, from another account or another copy; nothing"
                + " was written");
      }
      replacement = r.state().withSerial(nextSerial);
    } else if (replacement == null && base == null) {
      throw new IllegalStateException(
          "nothing is stored at "
              + location
              + " yet: its first"
              + " commit replaces the state as a whole");
    }
    State[] computed = {replacement};
    Supplier<State> after =
        () -> {
          if (computed[0] == null) {
            computed[0] = current().apply(change).withSerial(serial + 1);
          }
          return computed[0];
        };
    String lineage = replacement != null ? replacement.lineage() : base.lineage();
    store(new Commit(expected, nextSerial, lineage, change, after));
    serial = nextSerial;
    if (computed[0] != null) {
      base = computed[0];
      pending.clear();
    } else {
      pending.add(change);
    }
    afterCommit();
  }

  /** A state moved in whole keeps lineage and serial; never over another lineage or a newer one. */
  private State migrated(State moved) {
    Optional<State> before = Optional.ofNullable(current());
    if (before.isPresent() && !before.get().lineage().equals(moved.lineage())) {
      throw new StateException(
          location,
          "refusing to overwrite the state here (lineage "
              + before.get().lineage()
              + ", serial "
              + before.get().serial()
              + ") with a state of"
              + " another lineage ("
              + moved.lineage()
              + "): they are different states; nothing was"
              + " written. Migrate to an empty location, or remove this one first if it is no"
              + " longer needed");
    }
    if (before.isPresent() && before.get().serial() > moved.serial()) {
      throw new StateException(
          location,
          "refusing to overwrite the state here (serial "
              + before.get().serial()
              + ") with an older version of it (serial "
              + moved.serial()
              + "); nothing was written. Migrate in the other direction");
    }
    return moved;
  }

  /** The stored state moved underneath this session: another writer got there first. */
  protected static StateException conflict(String location, Optional<State> before, String found) {
    return conflict(location, before.map(State::serial).orElse(-1L), found);
  }

  /** The same, with the serial this session expected (-1: none). */
  protected static StateException conflict(String location, long expected, String found) {
    return new StateException(
        location,
        "the state changed underneath this session: it was at "
            + (expected < 0 ? "no state" : "serial " + expected)
            + " when this session last saw it"
            + " and is now at "
            + found
            + " (another portlock wrote it, or it was edited or checked"
            + " out meanwhile). Nothing was written; run the command again");
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
}
