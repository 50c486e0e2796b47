package io.portlock.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.portlock.domain.AccountId;
import io.portlock.domain.Fingerprint;
import io.portlock.domain.KdfParameters;
import io.portlock.domain.NumberSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class StateTest {
  private static final Fingerprint A = new Fingerprint("a1".repeat(32));
  private static final Fingerprint B = new Fingerprint("b2".repeat(32));

  private static NumberSet random(Random random, int count) {
    NumberSet.Builder b = new NumberSet.Builder();
    for (int i = 0; i < count; i++) {
      b.add(2012000000L + random.nextInt(400));
    }
    return b.build();
  }

  private static StateChange randomChange(Random random, int i) {
    StateEntry entry =
        new StateEntry(
            random.nextBoolean() ? "hq" : "lab",
            random.nextBoolean() ? A : B,
            Instant.ofEpochSecond(i),
            "ord-" + i,
            "portlock-x-" + i);
    return switch (random.nextInt(6)) {
      case 0 -> new StateChange.NumbersDropped(random(random, 20));
      case 1 ->
          new StateChange.NumbersMoved(
              List.of(new StateChange.Moved(random(random, 30), "moved", B)));
      case 2 ->
          new StateChange.OrderJournaled(
              new JournalEntry(
                  "portlock-x-" + random.nextInt(5),
                  "x",
                  Instant.ofEpochSecond(i),
                  null,
                  List.of(new JournalEntry.Group("hq", A, random(random, 3)))));
      case 3 ->
          new StateChange.OrderRecorded(
              "portlock-x-" + random.nextInt(5),
              List.of(new StateChange.Applied(random(random, 40), entry)),
              random(random, 5));
      default ->
          new StateChange.NumbersRecorded(
              List.of(new StateChange.Applied(random(random, 50), entry)));
    };
  }

  @Test
  void countManagedAgreesWithLookingUpEachNumber() {
    for (int seed = 0; seed < 40; seed++) {
      Random random = new Random(seed);
      State state =
          State.empty("l", new AccountId("9900000"), KdfParameters.generate())
              .withApplied(random(random, 150), new StateEntry("hq", A, null, null, null))
              .withApplied(random(random, 150), new StateEntry("field", B, null, null, null));
      NumberSet asked = random(random, random.nextInt(300));
      java.util.function.Predicate<StateEntry> underA = e -> e.fingerprint().equals(A);

      long expected = 0;
      for (int i = 0; i < asked.size(); i++) {
        StateEntry entry = state.entryOf(asked.get(i));
        if (entry != null && underA.test(entry)) {
          expected++;
        }
      }

      assertThat(state.countManaged(asked, underA)).as("seed " + seed).isEqualTo(expected);
    }
  }

  @Test
  void manyChangesAppliedAtOnceGiveTheSameStateAsOneAfterTheOther() {
    for (int seed = 0; seed < 30; seed++) {
      Random random = new Random(seed);
      State start =
          State.empty("l", new AccountId("9900000"), KdfParameters.generate())
              .withApplied(random(random, 200), new StateEntry("hq", A, null, null, null));
      List<StateChange> changes = new ArrayList<>();
      State oneByOne = start;
      for (int i = 0; i < 25; i++) {
        StateChange change = randomChange(random, i);
        changes.add(change);
        oneByOne = oneByOne.apply(change);
      }

      State atOnce = start.applyAll(changes);

      assertThat(atOnce.numbers()).as("seed " + seed).isEqualTo(oneByOne.numbers());
      for (int p = 0; p < atOnce.size(); p++) {
        assertThat(atOnce.entryAt(p)).as("seed " + seed).isEqualTo(oneByOne.entryAt(p));
      }
      assertThat(atOnce.journal()).isEqualTo(oneByOne.journal());
    }
  }

  @Test
  void aLaterChangeOfTheSameNumberWins() {
    State start = State.empty("l", new AccountId("9900000"), KdfParameters.generate());
    StateEntry first = new StateEntry("hq", A, null, null, null);
    StateEntry second = new StateEntry("lab", B, null, null, null);
    State state =
        start.applyAll(
            List.of(
                new StateChange.NumbersRecorded(
                    List.of(new StateChange.Applied(NumberSet.of(1L, 2L), first))),
                new StateChange.NumbersRecorded(
                    List.of(new StateChange.Applied(NumberSet.of(2L, 3L), second))),
                new StateChange.NumbersDropped(NumberSet.of(3L))));

    assertThat(state.numbers()).isEqualTo(NumberSet.of(1L, 2L));
    assertThat(state.entryOf(1L)).isEqualTo(first);
    assertThat(state.entryOf(2L)).isEqualTo(second);
  }
}
