package io.portlock.state;

import java.util.Optional;

/**
 * The state held under its lock: read once when opened, then changed by {@link #commit} calls. Each
 * commit is a compare-and-set on the serial: it succeeds only when the stored serial is still the
 * one this session last saw, and then stores serial + 1. Closing releases the lock. Safe to use
 * from several threads; commits are serialised.
 */
public interface StateSession extends AutoCloseable {

  /** The state as of the last commit, or empty when nothing is stored yet. */
  Optional<State> state();

  /**
   * Stores {@code change} as the next serial. When nothing is stored yet, only {@link
   * StateChange.Replaced} is accepted.
   *
   * @throws StateException when the stored state moved underneath this session (its message names
   *     the location), or cannot be written; the stored state is then unchanged
   */
  void commit(StateChange change);

  /** Who holds the lock: this session. */
  LockInfo lock();

  /** Where the state lives, for messages. */
  String location();

  /** Releases the lock; a store may first fold what was committed into its compact form. */
  @Override
  void close();
}
