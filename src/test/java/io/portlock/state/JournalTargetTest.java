package io.portlock.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portlock.domain.AccountId;
import io.portlock.domain.Fingerprint;
import io.portlock.domain.KdfParameters;
import io.portlock.domain.NumberSet;
import io.portlock.domain.Target;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A journaled order's groups keep what they do, set or clear, through the state file. */
class JournalTargetTest {
  private static final Fingerprint FP = new Fingerprint("3fa9c1" + "0".repeat(58));

  @TempDir Path dir;

  private FileStateStore stored() {
    State state =
        State.empty(new AccountId("9900000"), KdfParameters.generate())
            .withJournalEntry(
                new JournalEntry(
                    "portlock-ab12-1",
                    "ab12",
                    Instant.parse("2026-11-26T18:00:00Z"),
                    null,
                    List.of(
                        new JournalEntry.Group("hq", FP, NumberSet.of(2018551030L)),
                        JournalEntry.Group.clear(NumberSet.of(2018551040L)))));
    FileStateStore store = new FileStateStore(dir.resolve("portlock.state.json"));
    try (StateSession session = store.open("test", Duration.ZERO)) {
      session.commit(new StateChange.Replaced(state));
    }
    return store;
  }

  @Test
  void aSetAndAClearComeBackAsTheyWereJournaled() {
    FileStateStore store = stored();

    List<JournalEntry.Group> groups = store.read().orElseThrow().journal().get(0).groups();

    assertThat(groups)
        .extracting(JournalEntry.Group::target)
        .containsExactly(Target.set("hq", FP), Target.clear());
  }

  @Test
  void aJournaledSetWithoutItsGroupIsAnErrorNamingTheField() throws Exception {
    FileStateStore store = stored();
    String text = Files.readString(store.file());
    Files.writeString(
        store.file(), text.replaceFirst("\"group\"\\s*:\\s*\"hq\"", "\"group\":null"));

    assertThatThrownBy(() -> new FileStateStore(store.file()).read())
        .isInstanceOf(StateException.class)
        .hasMessageContaining("journal[].groups[].group");
  }
}
