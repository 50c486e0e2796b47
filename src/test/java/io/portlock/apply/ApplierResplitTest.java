package io.portlock.apply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portlock.domain.Fingerprint;
import io.portlock.domain.NumberSet;
import io.portlock.domain.Passcode;
import io.portlock.plan.Plan;
import io.portlock.plan.PlannedGroup;
import io.portlock.plan.PlannedOrder;
import io.portlock.state.FileStateStore;
import io.portlock.state.State;
import io.portlock.state.StateSession;
import io.portlock.state.TestSessions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Error 5095 splits an order again, into parts whose CustomerOrderIds Bandwidth accepts. */
class ApplierResplitTest {
  private static final Fingerprint FP = new Fingerprint("ab".repeat(32));
  private static final Passcode PASSCODE = Passcode.of("Secret11");

  @TempDir Path dir;

  private FileStateStore store() {
    return new FileStateStore(dir.resolve("portlock.state.json"));
  }

  private ApplyResult apply(FakeBandwidth api, Plan plan) {
    try (StateSession session =
        TestSessions.startingWith(store(), State.empty(plan.account(), plan.kdf()))) {
      Applier applier =
          new Applier(
              api,
              session,
              new ApplySettings(1, null, Duration.ZERO, Duration.ZERO),
              new ApplyListener() {},
              java.time.Clock.systemUTC(),
              d -> {});
      return applier.apply(plan, Map.of(FP, PASSCODE));
    }
  }

  @Test
  void anOrderSplitIntoMoreThan26PartsNumbersItsPartsAndRecordsThemAll() {
    FakeBandwidth api = new FakeBandwidth().maxNumbers(1);
    Plan plan =
        FakeBandwidth.plan("ab12cd34", "hq", FP, List.of(FakeBandwidth.range(2018551000L, 30)));

    ApplyResult result = apply(api, plan);

    assertThat(api.acceptedIds())
        .containsExactlyElementsOf(
            IntStream.rangeClosed(1, 30).mapToObj(i -> "portlock-ab12cd34-1-" + i).toList());
    assertThat(result.added()).isEqualTo(30);
    State state = store().read().orElseThrow();
    assertThat(state.journal()).isEmpty();
    assertThat(state.size()).isEqualTo(30);
  }

  @Test
  void aPartRefusedAgainIsSplitWithoutGrowingTheIdPastFortyCharacters() {
    FakeBandwidth api = new FakeBandwidth().maxNumbers(10);
    // After the first part of 10 is accepted, Bandwidth's limit drops to 3.
    api.onCreate(r -> api.maxNumbers(3));
    Plan plan =
        FakeBandwidth.plan(
            "0123456789abcdef", "hq", FP, List.of(FakeBandwidth.range(2018551000L, 25)));

    ApplyResult result = apply(api, plan);

    // Part 2 (10 numbers) was refused: its numbers go on as parts 3..6, never under a longer id.
    assertThat(api.acceptedIds())
        .containsExactly(
            "portlock-0123456789abcdef-1-1",
            "portlock-0123456789abcdef-1-3",
            "portlock-0123456789abcdef-1-4",
            "portlock-0123456789abcdef-1-5",
            "portlock-0123456789abcdef-1-6",
            "portlock-0123456789abcdef-1-7",
            "portlock-0123456789abcdef-1-8");
    assertThat(api.accepted())
        .extracting(r -> r.numberCount())
        .containsExactly(10, 3, 3, 3, 1, 3, 2);
    assertThat(result.added()).isEqualTo(25);
    assertThat(store().read().orElseThrow().journal()).isEmpty();
  }

  @Test
  void anOrderWhoseIdBandwidthWouldRefuseFailsBeforeItIsJournaled() {
    FakeBandwidth api = new FakeBandwidth();
    String tooLong = "portlock-" + "a".repeat(40) + "-1";
    Plan base =
        FakeBandwidth.plan("ab12cd34", "hq", FP, List.of(FakeBandwidth.range(2018551000L, 2)));
    Plan plan =
        new Plan(
            base.planId(),
            base.createdAt(),
            null,
            base.account(),
            base.configFile(),
            base.configDigest(),
            null,
            0,
            base.kdf(),
            base.maxNumbers(),
            false,
            base.groupFingerprints(),
            base.unchangedByGroup(),
            base.changes(),
            NumberSet.empty(),
            List.of(
                new PlannedOrder(
                    1,
                    tooLong,
                    List.of(new PlannedGroup("hq", FP, FakeBandwidth.range(2018551000L, 2))))),
            List.of());

    assertThatThrownBy(() -> apply(api, plan))
        .hasMessageContaining("expected a CustomerOrderId of 1 to 40 letters, digits or dashes");

    assertThat(api.acceptedIds()).isEmpty();
    assertThat(store().read().map(State::journal).orElse(List.of())).isEmpty();
  }
}
