package io.portlock.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portlock.domain.AccountId;
import io.portlock.domain.Fingerprint;
import io.portlock.domain.FingerprintSeal;
import io.portlock.domain.KdfParameters;
import io.portlock.domain.NumberSet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileStateStoreTest {
  private static final AccountId ACCOUNT = new AccountId("9900000");
  private static final Fingerprint FP = new Fingerprint("3fa9c1" + "0".repeat(58));

  @TempDir Path dir;

  private State sample() {
    return State.empty(ACCOUNT, KdfParameters.generate())
        .withApplied(
            NumberSet.of(2018551020L, 2018551030L, 2018551031L, 2018551032L),
            new StateEntry(
                "hq", FP, Instant.parse("2026-11-26T18:00:00Z"), "ord-1", "portlock-ab-1"))
        .nextSerial();
  }

  /** Stores {@code state} as the next version through a session of its own. */
  private static void commit(FileStateStore store, State state) {
    try (StateSession session = store.open("test", Duration.ZERO)) {
      session.commit(new StateChange.Replaced(state));
    }
  }

  @Test
  void writeThenReadGivesTheSameStateWithRangesCompressed() throws Exception {
    FileStateStore store = new FileStateStore(dir.resolve("portlock.state.json"));
    State state =
        sample()
            .withJournalEntry(
                new JournalEntry(
                    "portlock-ab-2",
                    "ab",
                    Instant.parse("2026-11-26T18:01:00Z"),
                    null,
                    List.of(
                        new JournalEntry.Group("hq", FP, NumberSet.of(2018551040L)),
                        JournalEntry.Group.clear(NumberSet.of(2018551050L)))));
    commit(store, state);

    State read = new FileStateStore(store.file()).read().orElseThrow();
    assertThat(read.lineage()).isEqualTo(state.lineage());
    assertThat(read.serial()).isEqualTo(1);
    assertThat(read.numbers()).isEqualTo(state.numbers());
    assertThat(read.entryOf(2018551031L)).isEqualTo(state.entryOf(2018551031L));
    assertThat(read.journal()).isEqualTo(state.journal());
    assertThat(Files.readString(store.file())).contains("\"2018551030..2018551032\"");
  }

  @Test
  void theHintIsTheStatesKdfAndWhetherASealFollowsReadFromTheFilesHead() throws Exception {
    FileStateStore store = new FileStateStore(dir.resolve("portlock.state.json"));
    assertThat(store.hint()).isEmpty();
    State state = sample();
    commit(store, state);
    store.read(); // closing the session folded the journal in

    assertThat(new FileStateStore(store.file()).hint())
        .contains(new StateStore.Hint(state.kdf(), false));
    try (StateSession session = store.open("apply", Duration.ZERO)) {
      session.commit(
          new StateChange.FingerprintsSealed(
              new FingerprintSeal(Map.of("hq", FP), "9".repeat(64))));
    }
    assertThat(new FileStateStore(store.file()).hint())
        .contains(new StateStore.Hint(state.kdf(), true));
  }

  @Test
  void aKdfHintFromAnythingButAStateIsEmptyNotAnError() throws Exception {
    Path file = dir.resolve("portlock.state.json");
    for (String text :
        List.of(
            "",
            "not json",
            "[1, 2]",
            "{\"format_version\": 2, \"entries\": [], \"kdf\": {}}",
            "{\"kdf\": {\"algorithm\": \"MD5\", \"iterations\": 1}}",
            "{\"kdf\": {\"algorithm\": \"PBKDF2-HMAC-SHA256\", \"iterations\": \"many\"}}",
            "{\"kdf\": {\"algorithm\": \"PBKDF2-HMAC-SHA256\"")) {
      Files.writeString(file, text);
      assertThat(new FileStateStore(file).hint()).as(text).isEmpty();
    }
    Files.delete(file);
    Files.createDirectory(file);
    assertThat(new FileStateStore(file).hint()).isEmpty();
  }

  @Test
  void eachWriteKeepsThePreviousVersionAsBackup() throws Exception {
    FileStateStore store = new FileStateStore(dir.resolve("portlock.state.json"));
    State first = sample();
    commit(store, first);
    String firstText = Files.readString(store.file());
    commit(store, first.withRemoved(NumberSet.of(2018551020L)));

    assertThat(Files.readString(store.backupFile())).isEqualTo(firstText);
    assertThat(new FileStateStore(store.file()).read().orElseThrow().size()).isEqualTo(3);
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder(
              "portlock.state.json", "portlock.state.json.backup", "portlock.state.json.lock");
    }
  }

  @Test
  void aCorruptStateIsAnErrorThatSaysHowToRecoverAndIsLeftAlone() throws Exception {
    Path file = dir.resolve("portlock.state.json");
    Files.writeString(file, "{\"format_version\": 1, \"lineage\": \"x\", \"ser");

    assertThatThrownBy(() -> new FileStateStore(file).read())
        .isInstanceOf(StateException.class)
        .hasMessageStartingWith(file + ": the state file is corrupt (")
        .hasMessageContaining(
            "Restore the previous version with `cp "
                + file
                + ".backup "
                + file
                + "` or take it from git; do not delete it");
    assertThat(Files.readString(file)).endsWith("\"ser");
  }

  @Test
  void aStateOfAnotherFormatVersionIsRefused() throws Exception {
    Path file = dir.resolve("portlock.state.json");
    Files.writeString(file, "{\"format_version\": 0}");
    assertThatThrownBy(() -> new FileStateStore(file).read())
        .hasMessageContaining(
            "the state file is corrupt (expected format_version 2 (or 1, still read) but was 0)");
  }

  private static final String VALID =
      """
      {"format_version": 2, "lineage": "l1", "serial": 3, "account": "9900000",
       "kdf": {"algorithm": "PBKDF2-HMAC-SHA256", "iterations": 100000,
               "salt": "cG9ydGxvY2stdGVzdC1zYWx0", "length": 32, "salt_per_group": true,
               "key_id": null},
       "entries": [{"group": "hq", "fingerprint": "%s", "applied_at": null, "order_id": null,
                    "customer_order_id": null, "numbers": ["2018551020..2018551029"]}],
       "journal": [{"customer_order_id": "portlock-ab-1", "plan_id": "ab",
                    "recorded_at": "2026-11-26T18:00:00Z", "order_id": null,
                    "groups": [{"group": null, "fingerprint": null, "numbers": ["2018551030"]}]}]}
      """
          .formatted(FP.hex());

  private StateException corruptWith(String text) throws Exception {
    Path file = dir.resolve("portlock.state.json");
    Files.writeString(file, text);
    try {
      new FileStateStore(file).read();
    } catch (StateException e) {
      assertThat(Files.readString(file)).isEqualTo(text);
      return e;
    }
    throw new AssertionError("the state was read");
  }

  @Test
  void aHandWrittenStateWithEveryFieldIsRead() throws Exception {
    Path file = dir.resolve("portlock.state.json");
    Files.writeString(file, VALID);
    State state = new FileStateStore(file).read().orElseThrow();
    assertThat(state.serial()).isEqualTo(3);
    assertThat(state.size()).isEqualTo(10);
    assertThat(state.journal().get(0).groups().get(0).isRemoval()).isTrue();
  }

  @Test
  void aMissingRequiredFieldIsNamedWithTheFile() throws Exception {
    Path file = dir.resolve("portlock.state.json");
    assertThat(corruptWith(VALID.replace("\"group\": \"hq\", ", "")))
        .hasMessageStartingWith(
            file
                + ": the state file is corrupt (the required field"
                + " \"entries[].group\" is missing) and was not changed");
    assertThat(corruptWith(VALID.replace("\"salt\": \"cG9ydGxvY2stdGVzdC1zYWx0\", ", "")))
        .hasMessageStartingWith(
            file + ": the state file is corrupt (the required field" + " \"kdf.salt\" is missing)");
    assertThat(corruptWith(VALID.replace("\"recorded_at\": \"2026-11-26T18:00:00Z\", ", "")))
        .hasMessageContaining("(the required field \"journal[].recorded_at\" is missing)");
    assertThat(corruptWith(VALID.replace(", \"numbers\": [\"2018551020..2018551029\"]", "")))
        .hasMessageContaining("(the required field \"entries[].numbers\" is missing)");
    assertThat(corruptWith(VALID.replace("\"journal\": [{", "\"x\": [{")))
        .hasMessageContaining("(the required field \"journal\" is missing)");
  }

  @Test
  void aBrokenSealIsRefusedNamingItsFieldNotQuotingItAndAGoodOneIsRead() throws Exception {
    String sealed = "\"fingerprint_seal\": {\"groups\": {\"hq\": \"%s\"}, \"mac\": \"%s\"},";
    String withSeal = VALID.replace("\"entries\":", sealed + " \"entries\":");
    String mac = "9".repeat(64);

    assertThat(corruptWith(withSeal.formatted(FP.hex(), "Zq7Wx3Kp" + "0".repeat(56))).getMessage())
        .contains("expected \"fingerprint_seal\" to hold fingerprints")
        .contains("the value is not shown")
        .doesNotContain("Zq7Wx3Kp");
    assertThat(corruptWith(withSeal.formatted("Secret42", mac)).getMessage())
        .contains("\"fingerprint_seal\"")
        .doesNotContain("Secret42");
    assertThat(
            corruptWith(
                VALID.replace(
                    "\"entries\":",
                    "\"fingerprint_seal\": {\"mac\": \"" + mac + "\"}, \"entries\":")))
        .hasMessageContaining("(the required field \"fingerprint_seal.groups\" is missing)");

    Path file = dir.resolve("portlock.state.json");
    Files.writeString(file, withSeal.formatted(FP.hex(), mac));
    FingerprintSeal read = new FileStateStore(file).read().orElseThrow().seal();
    assertThat(read.groups()).containsExactly(Map.entry("hq", FP));
    assertThat(read.mac()).isEqualTo(mac);
  }

  @Test
  void aValueOfTheWrongTypeIsRefusedNamingTheFieldNotQuotingIt() throws Exception {
    assertThat(corruptWith(VALID.replace("\"serial\": 3", "\"serial\": \"3\"")))
        .hasMessageContaining(
            "the state file is corrupt (expected \"serial\" to be a whole"
                + " number but it is not at line 1, column ")
        .hasMessageContaining("(the value is not shown, in case the file holds a secret)");
    assertThat(corruptWith(VALID.replace("\"plan_id\": \"ab\"", "\"plan_id\": 7")))
        .hasMessageContaining("expected \"journal[0].plan_id\" to be a string but it is not");
    assertThat(corruptWith(VALID.replace("\"length\": 32", "\"length\": 3000000000")))
        .hasMessageContaining("\"kdf.length\" is 3000000000 at line");
  }

  @Test
  void aNumberInTwoEntriesIsCorruption() throws Exception {
    FileStateStore store = new FileStateStore(dir.resolve("portlock.state.json"));
    commit(store, sample());
    String text =
        Files.readString(store.file())
            .replace(
                "\"entries\" : [",
                "\"entries\" : [ {\"group\": \"x\", \"fingerprint\": \""
                    + FP.hex()
                    + "\", \"numbers\": [\"2018551020\"]},");
    Files.writeString(store.file(), text);
    assertThatThrownBy(() -> new FileStateStore(store.file()).read())
        .hasMessageContaining("number 2018551020 is listed in two entries");
  }

  @Test
  void aMissingStateNextToABackupIsAnErrorNotAReset() throws Exception {
    Path file = dir.resolve("portlock.state.json");
    Files.writeString(dir.resolve("portlock.state.json.backup"), "{}");
    assertThatThrownBy(() -> new FileStateStore(file).read())
        .hasMessage(
            file
                + ": the state file is missing but its backup "
                + file
                + ".backup exists, so portlock has applied changes before; restore it with `cp "
                + file
                + ".backup "
                + file
                + "` (or from git) and run again");
  }

  @Test
  void aLockTakenAtTheSameMomentWaitsForTheHoldersRecordToNameIt() throws Exception {
    FileStateStore store = new FileStateStore(dir.resolve("portlock.state.json"));
    // The holder has the OS lock but has not written its record yet, as in the instant after
    // tryLock; it writes the record a little later.
    try (java.nio.channels.FileChannel channel =
            java.nio.channels.FileChannel.open(
                store.lockFile(),
                java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.WRITE);
        java.nio.channels.FileLock held = channel.lock()) {
      Thread writer =
          new Thread(
              () -> {
                try {
                  Thread.sleep(150);
                  channel.write(
                      java.nio.ByteBuffer.wrap(
                          ("{\"id\":\"late-id\",\"operation\":\"apply\","
                                  + "\"who\":\"ann\",\"host\":\"box\",\"pid\":42,"
                                  + "\"created\":\"2026-11-26T18:00:00Z\"}")
                              .getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                      0);
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
              });
      writer.start();

      assertThatThrownBy(() -> store.open("apply", Duration.ZERO))
          .isInstanceOf(LockHeldException.class)
          .hasMessageContaining("is locked: ID late-id, operation apply, by ann on box (pid 42)");
      writer.join();
    }
  }

  @Test
  void aWriteThatCannotHappenLeavesNoTemporaryFile() throws Exception {
    Path file = dir.resolve("sub").resolve("portlock.state.json");
    FileStateStore store = new FileStateStore(file);
    try (StateSession session = store.open("test", Duration.ZERO)) {
      Files.createDirectories(file); // a folder where the state file should be: rename fails
      assertThatThrownBy(() -> session.commit(new StateChange.Replaced(sample())))
          .isInstanceOf(StateException.class);
    }
    try (var files = Files.list(file.getParent())) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("portlock.state.json", "portlock.state.json.lock");
    }
  }

  /** A clock the test moves by hand. */
  private static final class ManualClock extends java.time.Clock {
    private Instant now = Instant.parse("2026-12-01T10:00:00Z");

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public java.time.ZoneId getZone() {
      return java.time.ZoneOffset.UTC;
    }

    @Override
    public java.time.Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }

  private static State withNumbers(int count) {
    NumberSet.Builder numbers = new NumberSet.Builder();
    for (int i = 0; i < count; i++) {
      numbers.add(2012000000L + 3L * i); // scattered: no two adjacent
    }
    return State.empty("lineage-1", ACCOUNT, KdfParameters.generate())
        .withApplied(numbers.build(), new StateEntry("hq", FP, null, null, null));
  }

  private static JournalEntry order(String id, long first) {
    return new JournalEntry(
        id,
        "ab",
        Instant.parse("2026-12-01T10:00:00Z"),
        null,
        List.of(new JournalEntry.Group("hq", FP, NumberSet.of(first, first + 5))));
  }

  /** Journals and records one order; returns how many bytes the journal grew by. */
  private static long oneOrder(StateSession session, FileStateStore store, String id)
      throws Exception {
    long before = Files.exists(store.journalFile()) ? Files.size(store.journalFile()) : 0;
    session.commit(new StateChange.OrderJournaled(order(id, 2019000000L)));
    session.commit(
        new StateChange.OrderRecorded(
            id,
            List.of(
                new StateChange.Applied(
                    NumberSet.of(2019000000L, 2019000005L),
                    new StateEntry(
                        "hq", FP, Instant.parse("2026-12-01T10:00:01Z"), "ord-" + id, id))),
            NumberSet.empty()));
    return Files.size(store.journalFile()) - before;
  }

  @Test
  void aCommitAppendsToTheJournalWhatItChangesNotTheWholeState() throws Exception {
    // Before: every commit rewrote the whole state file, so an apply grew with the square.
    long[] grew = new long[2];
    int[] sizes = {10, 200_000};
    for (int k = 0; k < 2; k++) {
      ManualClock clock = new ManualClock();
      FileStateStore store =
          new FileStateStore(dir.resolve(k + ".state.json"), clock, Duration.ofSeconds(10));
      try (StateSession session = store.open("apply", Duration.ZERO)) {
        session.commit(new StateChange.Replaced(withNumbers(sizes[k])));
        Object written =
            Files.readAttributes(store.file(), java.nio.file.attribute.BasicFileAttributes.class)
                .fileKey();
        grew[k] = oneOrder(session, store, "portlock-ab-1");

        assertThat(
                Files.readAttributes(
                        store.file(), java.nio.file.attribute.BasicFileAttributes.class)
                    .fileKey())
            .as("the state file is not rewritten per commit")
            .isEqualTo(written);
        assertThat(store.read().orElseThrow().serial()).isEqualTo(3);
      }
    }
    assertThat(grew[1]).isEqualTo(grew[0]).isLessThan(2_000);
  }

  @Test
  void closingFoldsTheJournalIntoTheStateFileAndLeavesNoJournal() throws Exception {
    FileStateStore store = new FileStateStore(dir.resolve("portlock.state.json"));
    try (StateSession session = store.open("apply", Duration.ZERO)) {
      session.commit(new StateChange.Replaced(withNumbers(10)));
      oneOrder(session, store, "portlock-ab-1");
      assertThat(store.journalFile()).exists();
    }
    assertThat(store.journalFile()).doesNotExist();
    State folded;
    try (var in = Files.newInputStream(store.file())) {
      folded = StateCodec.read(in);
    }
    assertThat(folded.serial()).isEqualTo(3);
    assertThat(folded.entryOf(2019000005L).orderId()).isEqualTo("ord-portlock-ab-1");
    assertThat(folded.journal()).isEmpty();
  }

  @Test
  void aRunningSessionFoldsTheJournalInAtMostEveryTenSeconds() throws Exception {
    ManualClock clock = new ManualClock();
    FileStateStore store =
        new FileStateStore(dir.resolve("portlock.state.json"), clock, Duration.ofSeconds(10));
    try (StateSession session = store.open("apply", Duration.ZERO)) {
      session.commit(new StateChange.Replaced(withNumbers(10)));
      clock.advance(Duration.ofSeconds(9));
      oneOrder(session, store, "portlock-ab-1");
      assertThat(store.journalFile()).as("9 s: not yet").exists();

      clock.advance(Duration.ofSeconds(1));
      session.commit(new StateChange.OrderDropped("portlock-ab-9"));
      assertThat(store.journalFile()).as("10 s: folded in").doesNotExist();
      try (var in = Files.newInputStream(store.file())) {
        assertThat(StateCodec.read(in).serial()).isEqualTo(4);
      }
    }
  }

  @Test
  void aLastLineCutShortByACrashIsIgnoredAndCutOffByTheNextSession() throws Exception {
    FileStateStore store = new FileStateStore(dir.resolve("portlock.state.json"));
    StateSession crashed = store.open("apply", Duration.ZERO);
    crashed.commit(new StateChange.Replaced(withNumbers(10)));
    oneOrder(crashed, store, "portlock-ab-1");
    FileStateStore.crash(crashed);
    // The process died in the middle of its next line: the line was never acknowledged.
    Files.write(
        store.journalFile(),
        "{\"serial\":4,\"lineage\":\"lineage-1\",\"ki".getBytes(),
        java.nio.file.StandardOpenOption.APPEND);

    assertThat(store.read().orElseThrow().serial()).isEqualTo(3);
    try (StateSession next = store.open("apply", Duration.ZERO)) {
      assertThat(next.state().orElseThrow().serial()).isEqualTo(3);
      next.commit(new StateChange.OrderJournaled(order("portlock-ab-2", 2019000100L)));
      FileStateStore.crash(next);
    }
    State state = store.read().orElseThrow();
    assertThat(state.serial()).isEqualTo(4);
    assertThat(state.journal())
        .extracting(JournalEntry::customerOrderId)
        .containsExactly("portlock-ab-2");
  }

  @Test
  void aBrokenLineInsideTheJournalIsAnErrorThatNamesItWithoutQuotingIt() throws Exception {
    FileStateStore store = new FileStateStore(dir.resolve("portlock.state.json"));
    StateSession crashed = store.open("apply", Duration.ZERO);
    crashed.commit(new StateChange.Replaced(withNumbers(10)));
    oneOrder(crashed, store, "portlock-ab-1");
    FileStateStore.crash(crashed);
    List<String> lines = Files.readAllLines(store.journalFile());
    Files.write(
        store.journalFile(), List.of(lines.get(0).replace("\"hq\"", "\"Secret99"), lines.get(1)));

    assertThatThrownBy(store::read)
        .isInstanceOf(StateException.class)
        .hasMessageStartingWith(
            store.journalFile()
                + ": the state's journal cannot be applied"
                + " (line 1 of the journal: not valid JSON at line 1, column ")
        .hasMessageContaining("restore both files together from git")
        .hasMessageNotContaining("Secret99");
  }

  @Test
  void aJournalLeftBesideTheStateFileThatHoldsItIsSkipped() throws Exception {
    FileStateStore store = new FileStateStore(dir.resolve("portlock.state.json"));
    byte[] journal;
    try (StateSession session = store.open("apply", Duration.ZERO)) {
      session.commit(new StateChange.Replaced(withNumbers(10)));
      oneOrder(session, store, "portlock-ab-1");
      journal = Files.readAllBytes(store.journalFile());
    }
    // Died after writing the state file and before deleting the journal.
    Files.write(store.journalFile(), journal);

    assertThat(store.read().orElseThrow().serial()).isEqualTo(3);
    try (StateSession next = store.open("apply", Duration.ZERO)) {
      next.commit(new StateChange.OrderDropped("portlock-ab-9"));
    }
    assertThat(store.read().orElseThrow().serial()).isEqualTo(4);
    assertThat(store.journalFile()).doesNotExist();
  }

  @Test
  void aJournalWithoutItsStateFileIsAnErrorNotAReset() throws Exception {
    FileStateStore store = new FileStateStore(dir.resolve("portlock.state.json"));
    StateSession crashed = store.open("apply", Duration.ZERO);
    crashed.commit(new StateChange.Replaced(withNumbers(10)));
    oneOrder(crashed, store, "portlock-ab-1");
    FileStateStore.crash(crashed);
    Files.delete(store.file());

    assertThatThrownBy(store::read)
        .isInstanceOf(StateException.class)
        .hasMessage(
            store.file()
                + ": the state file is missing but "
                + store.journalFile()
                + " exists, so portlock has applied changes before; restore the state file from git"
                + " and run again");
  }
}
