package io.portlock.state;

import io.portlock.domain.KdfParameters;
import java.time.Duration;
import java.util.Optional;

/**
 * Where the state lives: a file ({@link FileStateStore}), memory (tests), or a database. Plan reads
 * without a lock; everything that changes the state opens a {@link StateSession}. Every store
 * passes the same contract test suite ({@code StateStoreContract}).
 */
public interface StateStore {

  /** The stored state with every commit so far, or empty when nothing is stored; no lock. */
  Optional<State> read();

  /**
   * The KDF parameters of the stored state and whether it holds a fingerprint seal, read cheaply
   * ahead of {@link #read()} so that the slow fingerprints can start early. A hint only: it may be
   * stale, and empty means unknown.
   */
  default Optional<Hint> hint() {
    return Optional.empty();
  }

  /** What {@link #hint()} reads: the state's kdf, and whether a seal follows it. */
  record Hint(KdfParameters kdf, boolean sealed) {}

  /**
   * Takes the lock, waiting up to {@code lockTimeout}, and reads the state.
   *
   * @param operation what takes the lock ({@code apply}, {@code state rm}), shown to others
   * @throws LockHeldException when another session holds the lock; it names the holder
   */
  StateSession open(String operation, Duration lockTimeout);

  /** Clears a lock record left behind, after checking that {@code lockId} names it. */
  String forceUnlock(String lockId);

  /** Where the state lives, for messages: a path or a URL. */
  String location();
}
