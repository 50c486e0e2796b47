package io.portlock.state.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portlock.domain.AccountId;
import io.portlock.domain.Fingerprint;
import io.portlock.domain.KdfParameters;
import io.portlock.domain.NumberSet;
import io.portlock.state.JournalEntry;
import io.portlock.state.LockHeldException;
import io.portlock.state.State;
import io.portlock.state.StateChange;
import io.portlock.state.StateEntry;
import io.portlock.state.StateException;
import io.portlock.state.StateSession;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** What the PostgreSQL store does beyond the contract: its database's ways of failing. */
class PostgresStateStoreTest {
  private static final AccountId ACCOUNT = new AccountId("9900000");
  private static final Fingerprint FP = new Fingerprint("3fa9c1" + "0".repeat(58));
  private static final String WORKSPACE = "9900000/portlock";

  private final TestPostgres server = TestPostgres.shared();
  private final PostgresUrl url = PostgresUrl.parse(server.newDatabase(), null);

  private PostgresStateStore store() {
    return store(WORKSPACE);
  }

  private PostgresStateStore store(String workspace) {
    // No real waits: a retry or a lock poll moves on at once.
    return new PostgresStateStore(
        new Connector(url, d -> Thread.sleep(1), 8), workspace, Clock.systemUTC());
  }

  private static State sample() {
    return State.empty(ACCOUNT, KdfParameters.generate())
        .withApplied(
            NumberSet.of(2018551020L, 2018551030L, 2018551031L, 2018551032L),
            new StateEntry(
                "hq", FP, Instant.parse("2026-11-26T18:00:00Z"), "ord-1", "portlock-ab-1"));
  }

  private static JournalEntry order(String id) {
    return new JournalEntry(
        id,
        "ab",
        Instant.parse("2026-11-26T18:01:00Z"),
        null,
        List.of(new JournalEntry.Group("hq", FP, NumberSet.of(2018551040L))));
  }

  @Test
  void workspacesInOneDatabaseAreApart() {
    try (StateSession session = store().open("apply", Duration.ZERO)) {
      session.commit(new StateChange.Replaced(sample()));
    }
    assertThat(store("9900000/lab").read()).isEmpty();
    try (StateSession lab = store("9900000/lab").open("apply", Duration.ZERO)) {
      assertThat(lab.state()).as("the other workspace's lock is its own").isEmpty();
    }
  }

  @Test
  void theReadAheadBeforeTheAccountIsKnownAnswersOnlyForNamesWithTheConfigsEnding() {
    try (StateSession session = store().open("apply", Duration.ZERO)) {
      session.commit(new StateChange.Replaced(sample()));
    }
    try (StateSession session = store("team/other").open("apply", Duration.ZERO)) {
      session.commit(new StateChange.Replaced(sample()));
    }

    PostgresStateStore.Prefetched read = PostgresStateStore.prefetch(url, "portlock");

    assertThat(read.covers(WORKSPACE)).isTrue();
    assertThat(read.stateOf(WORKSPACE).orElseThrow().numbers())
        .isEqualTo(store().read().orElseThrow().numbers());
    assertThat(read.covers("1234567/portlock")).isTrue();
    assertThat(read.stateOf("1234567/portlock")).as("no such workspace").isEmpty();
    assertThat(read.covers("team/other")).as("state.workspace names another").isFalse();
    assertThat(PostgresStateStore.prefetch(url, "port_ock").covers(WORKSPACE))
        .as("'_' is no wildcard")
        .isFalse();
  }

  @Test
  void aConnectionCutBetweenCommitsIsRetriedAndEachCommitLandsOnce() {
    try (StateSession session = store().open("apply", Duration.ZERO)) {
      session.commit(new StateChange.Replaced(sample()));
      server.terminateConnections(url.database());
      session.commit(new StateChange.OrderJournaled(order("portlock-ab-2")));
      server.terminateConnections(url.database());
      session.commit(new StateChange.OrderDropped("portlock-ab-2"));
    }
    State stored = store().read().orElseThrow();
    assertThat(stored.serial()).isEqualTo(3);
    assertThat(stored.journal()).isEmpty();
  }

  @Test
  void theDatabaseRestartedUnderASessionIsRiddenOut() {
    try (StateSession session = store().open("apply", Duration.ZERO)) {
      session.commit(new StateChange.Replaced(sample()));
      server.restart();
      session.commit(new StateChange.OrderJournaled(order("portlock-ab-2")));
    }
    assertThat(store().read().orElseThrow().journal())
        .extracting(JournalEntry::customerOrderId)
        .containsExactly("portlock-ab-2");
  }

  @Test
  void aRunnerWhoseLockWentWithItsConnectionWritesNothingWhileAnotherHoldsIt() {
    StateSession a = store().open("apply", Duration.ZERO);
    a.commit(new StateChange.Replaced(sample()));
    server.terminateConnections(url.database());
    try (StateSession b = store().open("apply", Duration.ofSeconds(30))) {
      assertThatThrownBy(() -> a.commit(new StateChange.OrderJournaled(order("portlock-ab-2"))))
          .isInstanceOf(StateException.class)
          .hasMessage(
              store().location()
                  + ": the connection holding the lock dropped, and"
                  + " another portlock took the lock ("
                  + b.lock()
                  + "); nothing more was written."
                  + " Run the command again: the state's journal keeps the orders already sent");
    }
    assertThat(store().read().orElseThrow().serial()).isEqualTo(1);
  }

  @Test
  void lockTimeoutWaitsForTheHolderToFinish() throws Exception {
    StateSession held = store().open("apply", Duration.ZERO);
    CompletableFuture<String> waiter =
        CompletableFuture.supplyAsync(
            () -> {
              try (StateSession mine = store().open("apply", Duration.ofMinutes(1))) {
                return mine.lock().id();
              }
            });
    Thread.sleep(300);
    assertThat(waiter).isNotDone();
    held.close();
    assertThat(waiter.get(30, TimeUnit.SECONDS)).isNotEqualTo(held.lock().id());
  }

  @Test
  void aSecondRunnerWithoutLockTimeoutIsToldHowToWait() {
    try (StateSession held = store().open("refresh", Duration.ZERO)) {
      assertThatThrownBy(() -> store().open("apply", Duration.ZERO))
          .isInstanceOf(LockHeldException.class)
          .hasMessage(
              "the state "
                  + store().location()
                  + " is locked: "
                  + held.lock()
                  + "; wait for it to finish, or retry with --lock-timeout 5m to wait");
    }
  }

  @Test
  void forceUnlockByIdAloneFindsTheWorkspaceAndRefusesALiveHolder() {
    StateSession held = store().open("apply", Duration.ZERO);
    String id = held.lock().id();
    PostgresStateStore anywhere = store(null);

    assertThatThrownBy(() -> anywhere.forceUnlock(id))
        .isInstanceOf(StateException.class)
        .hasMessageContaining("lock " + id + " is still held by a running session")
        .hasMessageContaining("to end it now: SELECT pg_terminate_backend(");
    PostgresStateStore.crash(held);
    for (int i = 0; i < 200 && AdvisoryLockProbe.held(server, url, WORKSPACE); i++) {
      sleep(10);
    }
    assertThat(anywhere.forceUnlock(id))
        .startsWith("Cleared lock record " + id + " (")
        .endsWith(") of workspace " + WORKSPACE + "; its session had already ended.");
  }

  @Test
  void aPasswordFromTheUrlAuthenticatesAndAWrongOneIsRefusedWithoutBeingShown() {
    String base = server.url(TestPostgres.PASSWORD_ROLE, url.database());
    PostgresUrl good =
        PostgresUrl.parse(base.replace("@", ":" + TestPostgres.PASSWORD + "@"), null);
    PostgresStateStore store = new PostgresStateStore(good, WORKSPACE);
    try (StateSession session = store.open("apply", Duration.ZERO)) {
      session.commit(new StateChange.Replaced(sample()));
    }
    assertThat(store.read()).isPresent();
    assertThat(store.location()).doesNotContain(TestPostgres.PASSWORD);

    PostgresUrl wrong = PostgresUrl.parse(base, null).withPasswordIfNone("Wrong-Pw-4411");
    assertThatThrownBy(() -> new PostgresStateStore(wrong, WORKSPACE).read())
        .isInstanceOf(StateException.class)
        .hasMessageStartingWith(
            "postgresql://portlock_pw:***@127.0.0.1:"
                + server.port()
                + "/"
                + url.database()
                + ": cannot connect: ")
        .hasMessageContaining("password authentication failed")
        .hasMessageEndingWith(
            "; check the user and the password (from the URL, PGPASSWORD or"
                + " the config's state.password)")
        .message()
        .doesNotContain("Wrong-Pw-4411")
        .doesNotContain(TestPostgres.PASSWORD);
  }

  @Test
  void aNewerSchemaIsRefusedNamingTheWorkspace() {
    store().read();
    server.execute(
        url.database(),
        "INSERT INTO portlock.schema_version (version, by_portlock)"
            + " VALUES ("
            + (Schema.VERSION + 1)
            + ", 'future')");

    assertThatThrownBy(() -> store().read())
        .isInstanceOf(StateException.class)
        .hasMessageStartingWith(
            store().location()
                + ": the PostgreSQL state at "
                + url
                + " has schema version "
                + (Schema.VERSION + 1)
                + ", newer than this portlock knows");
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Whether the workspace's advisory lock is held, as another session sees it. */
  static final class AdvisoryLockProbe {
    static boolean held(TestPostgres server, PostgresUrl url, String workspace) {
      try (var c = server.connect(url.database())) {
        return AdvisoryLock.isHeld(c, workspace);
      } catch (java.sql.SQLException e) {
        throw new IllegalStateException(e);
      }
    }
  }
}
