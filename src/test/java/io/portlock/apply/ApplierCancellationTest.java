package io.portlock.apply;

import static org.assertj.core.api.Assertions.assertThat;

import io.portlock.domain.Fingerprint;
import io.portlock.domain.ManualTime;
import io.portlock.domain.Passcode;
import io.portlock.plan.Plan;
import io.portlock.state.FileStateStore;
import io.portlock.state.JournalEntry;
import io.portlock.state.State;
import io.portlock.state.StateSession;
import io.portlock.state.TestSessions;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * An interrupted apply (Ctrl-C, a CI cancel) through its cancellation token, without signals or
 * real time: the sleeper moves a fake clock.
 */
@Timeout(60) // only catches a hang
class ApplierCancellationTest {
  private static final Fingerprint FP = new Fingerprint("ab".repeat(32));
  private static final Passcode PASSCODE = Passcode.of("Secret11");

  @TempDir Path dir;

  private final ManualTime clock = new ManualTime(Instant.parse("2026-12-01T09:00:00Z"));

  private FileStateStore store() {
    return new FileStateStore(dir.resolve("portlock.state.json"));
  }

  private StateSession session;

  @org.junit.jupiter.api.AfterEach
  void closeSession() {
    if (session != null) {
      session.close();
    }
  }

  /** An applier on a new session (the previous one ends, as its apply would). */
  private Applier applier(FakeBandwidth api, State state, Cancellation cancellation) {
    closeSession();
    session = TestSessions.startingWith(store(), state);
    return new Applier(
        api,
        session,
        new ApplySettings(1, null, Duration.ofSeconds(1), Duration.ofSeconds(5)),
        new ApplyListener() {},
        clock,
        clock,
        cancellation);
  }

  private static Plan threeOrders() {
    return FakeBandwidth.plan(
        "ab12cd34",
        "hq",
        FP,
        List.of(
            FakeBandwidth.range(2018551000L, 4),
            FakeBandwidth.range(2018552000L, 4),
            FakeBandwidth.range(2018553000L, 4)));
  }

  @Test
  void aCancelWhileTheFirstOrderRunsSendsNoOtherAndRecordsTheOneAtBandwidth() {
    Cancellation cancellation = new Cancellation(clock, Duration.ofSeconds(60));
    FakeBandwidth api =
        new FakeBandwidth().pollsUntilDone(3).onCreate(r -> cancellation.cancel("SIGINT"));
    Plan plan = threeOrders();

    ApplyResult result =
        applier(api, State.empty(plan.account(), plan.kdf()), cancellation)
            .apply(plan, Map.of(FP, PASSCODE));

    assertThat(api.acceptedIds()).containsExactly("portlock-ab12cd34-1");
    assertThat(result.added()).isEqualTo(4);
    assertThat(result.ordersSent()).isEqualTo(1);
    assertThat(result.ordersNotSent()).isEqualTo(2);
    assertThat(result.unfinished()).isZero();
    State state = store().read().orElseThrow();
    assertThat(state.journal()).isEmpty();
    assertThat(state.numbers()).isEqualTo(FakeBandwidth.range(2018551000L, 4));
  }

  @Test
  void anOrderStillRunningWhenTheGraceRunsOutStaysInTheJournal() {
    Cancellation cancellation = new Cancellation(clock, Duration.ofSeconds(10));
    FakeBandwidth api =
        new FakeBandwidth()
            .pollsUntilDone(1000) // over an hour of polls
            .onCreate(r -> cancellation.cancel("SIGTERM"));
    Plan plan = threeOrders();

    ApplyResult result =
        applier(api, State.empty(plan.account(), plan.kdf()), cancellation)
            .apply(plan, Map.of(FP, PASSCODE));

    assertThat(api.acceptedIds()).containsExactly("portlock-ab12cd34-1");
    assertThat(result.unfinished()).isEqualTo(1);
    assertThat(result.ordersNotSent()).isEqualTo(2);
    // Followed for exactly the grace period: the last wait is cut short at its end.
    assertThat(clock.sleeps.stream().reduce(Duration.ZERO, Duration::plus))
        .isEqualTo(Duration.ofSeconds(10));
    assertThat(store().read().orElseThrow().journal())
        .extracting(JournalEntry::customerOrderId)
        .containsExactly("portlock-ab12cd34-1");
  }

  @Test
  void aResumeCancelledBeforeItStartsLeavesTheJournalAsItWas() {
    Plan plan = threeOrders();
    FakeBandwidth api = new FakeBandwidth();
    // An order sent and then abandoned at once: grace 0 leaves it in the journal.
    Cancellation during = new Cancellation(clock, Duration.ZERO);
    api.onCreate(r -> during.cancel("SIGINT"));
    applier(api, State.empty(plan.account(), plan.kdf()), during).apply(plan, Map.of(FP, PASSCODE));
    State journaled = store().read().orElseThrow();
    assertThat(journaled.journal()).hasSize(1);
    Cancellation before = new Cancellation(clock, Duration.ZERO);
    before.cancel("SIGINT");

    ApplyResult resumed = applier(api, journaled, before).resume();

    assertThat(resumed.unfinished()).isEqualTo(1);
    assertThat(store().read().orElseThrow().journal()).hasSize(1);
    assertThat(api.acceptedIds()).containsExactly("portlock-ab12cd34-1");
  }

  @Test
  void withoutACancelEveryOrderIsSentAndFollowedToItsEnd() {
    Cancellation cancellation = new Cancellation(clock, Duration.ofSeconds(10));
    FakeBandwidth api = new FakeBandwidth().pollsUntilDone(30);
    Plan plan = threeOrders();

    ApplyResult result =
        applier(api, State.empty(plan.account(), plan.kdf()), cancellation)
            .apply(plan, Map.of(FP, PASSCODE));

    assertThat(result.ordersSent()).isEqualTo(3);
    assertThat(result.ordersNotSent()).isZero();
    assertThat(result.unfinished()).isZero();
    assertThat(store().read().orElseThrow().numbers().size()).isEqualTo(12);
  }

  @Test
  void aNegativeGraceIsRefused() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> new Cancellation(clock, Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("expected a grace period of 0s or more but was PT-1S");
  }
}
