package io.portlock.state;

import java.time.Duration;

/** Sessions for tests that drive the applier directly. */
public final class TestSessions {
  private TestSessions() {}

  /**
   * Opens a session on {@code store}; when nothing is stored yet, {@code initial} becomes the
   * stored state, as the first apply does.
   */
  public static StateSession startingWith(StateStore store, State initial) {
    StateSession session = store.open("test", Duration.ZERO);
    if (session.state().isEmpty()) {
      session.commit(new StateChange.Replaced(initial));
    }
    return session;
  }

  /** Ends {@code session} as a killed process would: the lock goes, nothing is tidied. */
  public static void crash(StateSession session) {
    FileStateStore.crash(session);
  }
}
