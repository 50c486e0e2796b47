package io.portlock.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portlock.domain.AccountId;
import io.portlock.domain.Fingerprint;
import io.portlock.domain.FingerprintSeal;
import io.portlock.domain.Fingerprinter;
import io.portlock.domain.KdfParameters;
import io.portlock.domain.NumberSet;
import io.portlock.domain.Passcode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * What every {@link StateStore} promises, whatever it keeps the state in. A store's test extends
 * this class and says how to make a store, how to lose a lock behind its holder's back and how a
 * holder dies; every test here then runs against that store.
 */
public abstract class StateStoreContract {
  protected static final AccountId ACCOUNT = new AccountId("9900000");
  protected static final Instant AT = Instant.parse("2026-11-26T18:00:00Z");
  private static final Passcode SECRET = Passcode.of("Zq7Wx3Kp");

  /** A store on the same location every time it is called within one test. */
  protected abstract StateStore store();

  /**
   * Makes the lock of the live session {@code holder} free without it knowing (a deleted lock file,
   * a dropped connection), so that a second session can open beside it.
   */
  protected abstract void breakLock(StateStore store, StateSession holder);

  /** Ends {@code session} as a killed process would: no close, nothing tidied. */
  protected abstract void crash(StateSession session);

  /** Everything the store has written for this test, as text (files, rows). */
  protected abstract String everythingStored();

  private final KdfParameters kdf = KdfParameters.generate();
  private final Fingerprint hq = new Fingerprinter(kdf).fingerprint("hq", SECRET);
  private final Fingerprint sales = new Fingerprinter(kdf).fingerprint("sales", SECRET);

  private State first() {
    return State.empty(ACCOUNT, kdf)
        .withApplied(
            NumberSet.of(2018551020L, 2018551021L, 2018551030L),
            new StateEntry("hq", hq, AT, "ord-1", "portlock-ab-1"));
  }

  private StateSession openWithFirst() {
    StateSession session = store().open("apply", Duration.ZERO);
    session.commit(new StateChange.Replaced(first()));
    return session;
  }

  private JournalEntry journalEntry(String id, long number) {
    return new JournalEntry(
        id,
        "ab",
        AT,
        null,
        List.of(
            new JournalEntry.Group("hq", hq, NumberSet.of(number)),
            JournalEntry.Group.clear(NumberSet.of(number + 1))));
  }

  @Test
  void anEmptyStoreReadsAsNothingAppliedAndItsSessionHoldsNoState() {
    assertThat(store().read()).isEmpty();
    try (StateSession session = store().open("apply", Duration.ZERO)) {
      assertThat(session.state()).isEmpty();
      assertThat(session.location()).isEqualTo(store().location());
    }
  }

  @Test
  void theFirstCommitMustReplaceTheStateAsAWhole() {
    try (StateSession session = store().open("apply", Duration.ZERO)) {
      assertThatThrownBy(() -> session.commit(new StateChange.NumbersDropped(NumberSet.of(1L))))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("nothing is stored at " + store().location() + " yet");
    }
    assertThat(store().read()).isEmpty();
  }

  @Test
  void eachCommitIsTheNextSerialAndIsReadBackWithoutALock() {
    try (StateSession session = openWithFirst()) {
      assertThat(session.state().orElseThrow().serial()).isEqualTo(1);
      session.commit(new StateChange.NumbersDropped(NumberSet.of(2018551020L)));
      assertThat(session.state().orElseThrow().serial()).isEqualTo(2);

      State read = store().read().orElseThrow();
      assertThat(read.serial()).isEqualTo(2);
      assertThat(read.numbers()).isEqualTo(NumberSet.of(2018551021L, 2018551030L));
    }
  }

  @Test
  void commitsAreThereAfterTheSessionClosesAndAnotherOpens() {
    try (StateSession session = openWithFirst()) {
      session.commit(new StateChange.OrderJournaled(journalEntry("portlock-ab-2", 2018551040L)));
    }
    try (StateSession again = store().open("apply", Duration.ZERO)) {
      State state = again.state().orElseThrow();
      assertThat(state.serial()).isEqualTo(2);
      assertThat(state.journal()).containsExactly(journalEntry("portlock-ab-2", 2018551040L));
      assertThat(state.lineage()).isEqualTo(store().read().orElseThrow().lineage());
    }
  }

  @Test
  void aCrashedSessionLosesNoCommittedChange() {
    StateSession session = openWithFirst();
    session.commit(new StateChange.OrderJournaled(journalEntry("portlock-ab-2", 2018551040L)));
    session.commit(new StateChange.NumbersDropped(NumberSet.of(2018551030L)));
    crash(session);

    assertThat(store().read().orElseThrow().serial()).isEqualTo(3);
    try (StateSession next = store().open("apply", Duration.ZERO)) {
      State state = next.state().orElseThrow();
      assertThat(state.serial()).isEqualTo(3);
      assertThat(state.numbers()).isEqualTo(NumberSet.of(2018551020L, 2018551021L));
      assertThat(state.journal())
          .extracting(JournalEntry::customerOrderId)
          .containsExactly("portlock-ab-2");
      next.commit(new StateChange.OrderDropped("portlock-ab-2"));
    }
    assertThat(store().read().orElseThrow().serial()).isEqualTo(4);
  }

  @Test
  void aSecondSessionIsRefusedWhileTheFirstHoldsTheLockAndNamesItsHolder() {
    try (StateSession held = store().open("apply", Duration.ZERO)) {
      assertThatThrownBy(() -> store().open("state rm", Duration.ofMillis(50)))
          .isInstanceOf(LockHeldException.class)
          .hasMessageStartingWith(
              "the state "
                  + store().location()
                  + " is locked: ID "
                  + held.lock().id()
                  + ", operation apply, by ")
          .hasMessageContaining("(pid " + ProcessHandle.current().pid() + ")")
          .hasMessageEndingWith("wait for it to finish and retry")
          .extracting(e -> ((LockHeldException) e).holder().id())
          .isEqualTo(held.lock().id());
    }
    try (StateSession again = store().open("state rm", Duration.ZERO)) {
      assertThat(again.lock().operation()).isEqualTo("state rm");
    }
  }

  @Test
  void aCommitAfterTheSerialMovedUnderneathIsRefusedNamingTheLocation() {
    StateSession a = openWithFirst();
    breakLock(store(), a);
    try (StateSession b = store().open("apply", Duration.ZERO)) {
      b.commit(new StateChange.NumbersDropped(NumberSet.of(2018551020L)));
    }

    assertThatThrownBy(() -> a.commit(new StateChange.NumbersDropped(NumberSet.of(2018551021L))))
        .isInstanceOf(StateException.class)
        .hasMessageStartingWith(
            store().location()
                + ": the state changed underneath this"
                + " session: it was at serial 1 when this session last saw it and is now at serial 2")
        .hasMessageEndingWith("Nothing was written; run the command again")
        .extracting(e -> ((StateException) e).location())
        .isEqualTo(store().location());
    crash(a);
    State stored = store().read().orElseThrow();
    assertThat(stored.serial()).isEqualTo(2);
    assertThat(stored.numbers()).isEqualTo(NumberSet.of(2018551021L, 2018551030L));
  }

  @Test
  void aStateOfAnotherLineageDoesNotReplaceTheStoredOne() {
    try (StateSession session = openWithFirst()) {
      State other = State.empty(ACCOUNT, kdf);
      assertThatThrownBy(() -> session.commit(new StateChange.Replaced(other)))
          .isInstanceOf(StateException.class)
          .hasMessage(
              store().location()
                  + ": refusing to replace the stored state (lineage "
                  + session.state().orElseThrow().lineage()
                  + ") with a state of another lineage ("
                  + other.lineage()
                  + "): they are different states, from another account or"
                  + " another copy; nothing was written");
    }
    assertThat(store().read().orElseThrow().serial()).isEqualTo(1);
    assertThat(store().read().orElseThrow().size()).isEqualTo(3);
  }

  @Test
  void forceUnlockClearsTheRecordOfADeadHolderOnly() {
    StateSession dead = store().open("apply", Duration.ZERO);
    String id = dead.lock().id();
    assertThatThrownBy(() -> store().forceUnlock(id))
        .isInstanceOf(StateException.class)
        .hasMessageContaining("lock " + id + " is still held by a running");
    crash(dead);

    assertThatThrownBy(() -> store().forceUnlock("not-the-id"))
        .isInstanceOf(StateException.class)
        .hasMessageContaining(
            "the lock record has ID "
                + id
                + ", not not-the-id; pass the ID"
                + " shown in the lock error");
    assertThat(store().forceUnlock(id)).startsWith("Cleared lock record " + id + " (");
    assertThatThrownBy(() -> store().forceUnlock(id))
        .isInstanceOf(StateException.class)
        .hasMessageContaining("no lock record is there; nothing to unlock");
  }

  @Test
  void everyKindOfChangeIsReadBackAsCommitted() {
    JournalEntry sent = journalEntry("portlock-ab-2", 2018551040L);
    StateEntry recorded = new StateEntry("hq", hq, AT.plusSeconds(60), "ord-2", "portlock-ab-2");
    StateEntry adopted = new StateEntry("sales", sales, AT.plusSeconds(90), null, null);
    try (StateSession session = openWithFirst()) {
      session.commit(new StateChange.OrderJournaled(sent));
      session.commit(new StateChange.OrderJournaled(sent.withOrderId("ord-2")));
      session.commit(new StateChange.OrderJournaled(journalEntry("portlock-ab-3", 2018551050L)));
      session.commit(
          new StateChange.OrderRecorded(
              "portlock-ab-2",
              List.of(new StateChange.Applied(NumberSet.of(2018551040L), recorded)),
              NumberSet.of(2018551021L)));
      session.commit(new StateChange.OrderDropped("portlock-ab-3"));
      session.commit(
          new StateChange.NumbersRecorded(
              List.of(new StateChange.Applied(NumberSet.of(2018551060L, 2018551061L), adopted))));
      session.commit(
          new StateChange.NumbersMoved(
              List.of(
                  new StateChange.Moved(NumberSet.of(2018551020L, 2018551099L), "sales", sales))));
      session.commit(new StateChange.NumbersDropped(NumberSet.of(2018551061L)));
    }

    State state = store().read().orElseThrow();
    assertThat(state.serial()).isEqualTo(9);
    assertThat(state.journal()).isEmpty();
    assertThat(state.numbers())
        .isEqualTo(NumberSet.of(2018551020L, 2018551030L, 2018551040L, 2018551060L));
    assertThat(state.entryOf(2018551020L))
        .as("moved, keeping its order")
        .isEqualTo(new StateEntry("sales", sales, AT, "ord-1", "portlock-ab-1"));
    assertThat(state.entryOf(2018551030L))
        .isEqualTo(new StateEntry("hq", hq, AT, "ord-1", "portlock-ab-1"));
    assertThat(state.entryOf(2018551040L)).isEqualTo(recorded);
    assertThat(state.entryOf(2018551060L)).isEqualTo(adopted);
    assertThat(state.kdf()).isEqualTo(kdf);
    assertThat(state.account()).isEqualTo(ACCOUNT);
  }

  private FingerprintSeal seal(Passcode hqPasscode) {
    Fingerprinter fingerprinter = new Fingerprinter(kdf);
    Map<String, Passcode> config = Map.of("hq", hqPasscode, "sales", SECRET);
    return Fingerprinter.seal(
        fingerprinter.sealKey(config), fingerprinter.fingerprintGroups(config));
  }

  @Test
  void aSealIsReadBackAsCommittedAfterACrashAndTheNextOneReplacesIt() {
    FingerprintSeal first = seal(SECRET);
    FingerprintSeal second = seal(Passcode.of("Rotated99"));
    StateSession crashed = openWithFirst();
    crashed.commit(new StateChange.FingerprintsSealed(first));
    crash(crashed);

    assertThat(store().read().orElseThrow().seal()).isEqualTo(first);
    try (StateSession session = store().open("apply", Duration.ZERO)) {
      assertThat(session.state().orElseThrow().seal()).isEqualTo(first);
      session.commit(new StateChange.FingerprintsSealed(second));
      session.commit(new StateChange.NumbersDropped(NumberSet.of(2018551030L)));
      assertThat(store().read().orElseThrow().seal()).isEqualTo(second);
    }
    State read = store().read().orElseThrow();
    assertThat(read.seal()).isEqualTo(second);
    assertThat(read.serial()).isEqualTo(4);
    assertThat(everythingStored()).doesNotContain(SECRET.reveal(), "Rotated99");
  }

  @Test
  void newKdfParametersDropTheSealTheyWouldNeverOpen() {
    try (StateSession session = openWithFirst()) {
      session.commit(new StateChange.FingerprintsSealed(seal(SECRET)));
      State stored = session.state().orElseThrow();
      session.commit(new StateChange.Replaced(stored.withKdf(KdfParameters.generate())));
    }
    assertThat(store().read().orElseThrow().seal()).isNull();
  }

  @Test
  void aJournaledOrderKeepsItsGroupsRemovalsAndBandwidthId() {
    JournalEntry sent = journalEntry("portlock-ab-2", 2018551040L).withOrderId("ord-2");
    try (StateSession session = openWithFirst()) {
      session.commit(new StateChange.OrderJournaled(sent));
    }
    assertThat(store().read().orElseThrow().journal()).containsExactly(sent);
  }

  @Test
  void aReplacementKeepsTheLineageAndTakesTheNextSerial() {
    try (StateSession session = openWithFirst()) {
      State stored = session.state().orElseThrow();
      KdfParameters fresh = KdfParameters.generate();
      session.commit(
          new StateChange.Replaced(stored.withKdf(fresh).withRemoved(NumberSet.of(2018551030L))));
      State read = store().read().orElseThrow();
      assertThat(read.lineage()).isEqualTo(stored.lineage());
      assertThat(read.serial()).isEqualTo(2);
      assertThat(read.kdf()).isEqualTo(fresh);
      assertThat(read.size()).isEqualTo(2);
    }
  }

  @Test
  void aClosedSessionCommitsNothing() {
    StateSession session = openWithFirst();
    session.close();
    assertThatThrownBy(() -> session.commit(new StateChange.NumbersDropped(NumberSet.empty())))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("is closed");
    assertThat(store().read().orElseThrow().serial()).isEqualTo(1);
  }

  @Test
  void noPasscodeIsEverStoredOnlyItsFingerprint() {
    try (StateSession session = openWithFirst()) {
      session.commit(new StateChange.OrderJournaled(journalEntry("portlock-ab-2", 2018551040L)));
    }
    String stored = everythingStored();
    assertThat(stored).contains(hq.hex());
    assertThat(stored).doesNotContain(SECRET.reveal());
  }

  /** The store's state, for subclasses' own tests. */
  protected Optional<State> stored() {
    return store().read();
  }
}
