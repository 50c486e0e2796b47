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
import io.portlock.state.StateEntry;
import io.portlock.state.StateLock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class PostgresStateStoreTest {
  private static final AccountId ACCOUNT = new AccountId("9900000");
  private static final Fingerprint FP = new Fingerprint("3fa9c1" + "0".repeat(58));
  private static final String WORKSPACE = "9900000/portlock";

  private final TestPostgres server = TestPostgres.shared();
  private final String database = server.newDatabase();
  private final PostgresUrl url = PostgresUrl.parse(database, null);
  private final String dbName = url.database();

  private PostgresStateStore store() {
    return store(WORKSPACE);
  }

  private PostgresStateStore store(String workspace) {
    // No real waits: a retry or a lock poll moves on at once.
    return new PostgresStateStore(new Connector(url, d -> Thread.onSpinWait(), 8), workspace,
        Clock.systemUTC());
  }

  private static State sample() {
    return State.empty(ACCOUNT, KdfParameters.generate())
        .withApplied(NumberSet.of(2018551020L, 2018551030L, 2018551031L, 2018551032L),
            new StateEntry("hq", FP, Instant.parse("2026-11-26T18:00:00Z"), "ord-1",
                "portlock-ab-1"))
        .withJournalEntry(new JournalEntry("portlock-ab-2", "ab",
            Instant.parse("2026-11-26T18:01:00Z"), null,
            List.of(new JournalEntry.Group("hq", FP, NumberSet.of(2018551040L)))))
        .nextSerial();
  }

  @Test
  void anEmptyWorkspaceMeansNothingAppliedYetAndAWrittenStateReadsBackWhole() {
    PostgresStateStore store = store();
    assertThat(store.read()).isEmpty();
    State state = sample();
    store.write(state);

    State read = store().read().orElseThrow();
    assertThat(read.lineage()).isEqualTo(state.lineage());
    assertThat(read.serial()).isEqualTo(1);
    assertThat(read.numbers()).isEqualTo(state.numbers());
    assertThat(read.entryOf(2018551031L)).isEqualTo(state.entryOf(2018551031L));
    assertThat(read.journal()).isEqualTo(state.journal());
    assertThat(store(WORKSPACE + "-other").read()).as("workspaces are apart").isEmpty();
  }

  @Test
  void aWriteOnTopOfAStateThatChangedSinceItWasReadIsRefusedAndChangesNothing() {
    PostgresStateStore first = store();
    first.read();
    first.write(sample());
    PostgresStateStore a = store();
    PostgresStateStore b = store();
    State base = a.read().orElseThrow();
    b.read();
    a.write(base.withRemoved(NumberSet.of(2018551020L)).nextSerial());

    assertThatThrownBy(() -> b.write(base.nextSerial()))
        .isInstanceOf(PostgresStateException.class)
        .hasMessage(url + ": the state of workspace " + WORKSPACE + " changed since portlock"
            + " read it (serial 1, now 2), by another portlock or a 'state migrate'; nothing"
            + " was written. Run the command again");
    assertThat(store().read().orElseThrow().numbers().size()).isEqualTo(3);
  }

  @Test
  void aSecondRunnerIsToldWhoHoldsTheLockAndGetsItOnceReleased() {
    PostgresStateStore a = store();
    PostgresStateStore b = store();
    StateLock held = a.lock("apply", Duration.ZERO);

    assertThatThrownBy(() -> b.lock("refresh", Duration.ZERO))
        .isInstanceOf(LockHeldException.class)
        .hasMessage("the state " + b.location() + " is locked: " + held.info() + "; wait for it"
            + " to finish, or retry with --lock-timeout 5m to wait")
        .hasMessageContaining("operation apply")
        .hasMessageContaining("pid " + ProcessHandle.current().pid());
    held.close();
    try (StateLock mine = b.lock("refresh", Duration.ZERO)) {
      assertThat(mine.info().operation()).isEqualTo("refresh");
    }
  }

  @Test
  void aHolderWhoseConnectionDiesReleasesTheLockAsASigkilledRunnerWould() {
    PostgresStateStore a = store();
    StateLock held = a.lock("apply", Duration.ZERO);
    server.terminateConnections(dbName);

    try (StateLock mine = store().lock("apply", Duration.ZERO)) {
      assertThat(mine.info().id()).isNotEqualTo(held.info().id());
    }
  }

  @Test
  void lockTimeoutWaitsForTheHolderToFinish() throws Exception {
    PostgresStateStore a = store();
    StateLock held = a.lock("apply", Duration.ZERO);
    CompletableFuture<String> waiter = CompletableFuture.supplyAsync(() -> {
      try (StateLock mine = store().lock("apply", Duration.ofMinutes(1))) {
        return mine.info().id();
      }
    });
    Thread.sleep(300);
    assertThat(waiter).isNotDone();
    held.close();
    assertThat(waiter.get(30, TimeUnit.SECONDS)).isNotEqualTo(held.info().id());
  }

  @Test
  void forceUnlockEndsAVanishedHoldersSessionAndItsLaterWriteFails() {
    PostgresStateStore a = store();
    a.read();
    StateLock held = a.lock("apply", Duration.ZERO);
    PostgresStateStore other = store();

    assertThatThrownBy(() -> other.forceUnlock("not-the-id"))
        .hasMessage(url + ": the lock record of workspace " + WORKSPACE + " has ID "
            + held.info().id() + ", not not-the-id; pass the ID shown in the lock error");
    assertThat(other.forceUnlock(held.info().id()))
        .startsWith("Ended the database session of lock " + held.info().id());
    StateLock mine = other.lock("apply", Duration.ZERO);

    assertThatThrownBy(() -> a.write(sample()))
        .isInstanceOf(PostgresStateException.class)
        .hasMessageContaining("the connection holding the lock of workspace " + WORKSPACE
            + " dropped, and another portlock took the lock (" + mine.info() + ")");
    assertThat(store().read()).isEmpty();
    mine.close();
  }

  @Test
  void aConnectionCutBeforeAWriteIsRetriedAndTheWriteLandsOnce() {
    PostgresStateStore a = store();
    a.read();
    try (StateLock held = a.lock("apply", Duration.ZERO)) {
      server.terminateConnections(dbName);
      a.write(sample());
      assertThat(held.info().operation()).isEqualTo("apply");
    }
    assertThat(store().read().orElseThrow().serial()).isEqualTo(1);
  }

  @Test
  void aPasswordFromTheUrlAuthenticatesAndAWrongOneIsRefusedWithoutBeingShown() {
    String base = server.url(TestPostgres.PASSWORD_ROLE, dbName);
    PostgresUrl good = PostgresUrl.parse(base.replace("@", ":" + TestPostgres.PASSWORD + "@"),
        null);
    PostgresStateStore store = new PostgresStateStore(good, WORKSPACE);
    store.read();
    store.write(sample());
    assertThat(store.read()).isPresent();

    PostgresUrl wrong = PostgresUrl.parse(base, "Wrong-Pw-4411");
    assertThatThrownBy(() -> new PostgresStateStore(wrong, WORKSPACE).read())
        .isInstanceOf(PostgresStateException.class)
        .hasMessageStartingWith("postgresql://portlock_pw:***@127.0.0.1:" + server.port() + "/"
            + dbName + ": cannot connect: ")
        .hasMessageContaining("password authentication failed")
        .hasMessageEndingWith("; check the user and the password (from the URL, PGPASSWORD or"
            + " the config's state.password)")
        .message().doesNotContain("Wrong-Pw-4411").doesNotContain(TestPostgres.PASSWORD);
  }
}
