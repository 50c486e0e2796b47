package io.portlock.state;

import java.time.Duration;
import java.util.Optional;

/**
 * Where the state lives. The file store is the first backend; a PostgreSQL store with advisory
 * locks is meant to implement the same four operations.
 */
public interface StateStore {

  /** The stored state, or empty when nothing has been applied yet. */
  Optional<State> read();

  /**
   * Replaces the stored state atomically: readers see the old or the new version, never a mix.
   * Refuses when the stored state changed since this store last read or wrote it.
   */
  void write(State next);

  /** Takes the apply lock, waiting up to {@code timeout}; a held lock names its holder. */
  StateLock lock(String operation, Duration timeout);

  /** Clears a lock record left behind, after checking that {@code lockId} names it. */
  String forceUnlock(String lockId);

  /** Where the state lives, for messages: a path or a URL. */
  String location();
}
