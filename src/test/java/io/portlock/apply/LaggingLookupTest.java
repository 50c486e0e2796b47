package io.portlock.apply;

import static org.assertj.core.api.Assertions.assertThat;

import io.portlock.bandwidth.BandwidthApi;
import io.portlock.bandwidth.BandwidthException;
import io.portlock.bandwidth.OrderRequest;
import io.portlock.bandwidth.OrderStatus;
import io.portlock.bandwidth.ProcessingStatus;
import io.portlock.domain.AccountId;
import io.portlock.domain.Fingerprint;
import io.portlock.domain.KdfParameters;
import io.portlock.domain.ManualTime;
import io.portlock.domain.NumberSet;
import io.portlock.domain.Passcode;
import io.portlock.plan.Change;
import io.portlock.plan.Plan;
import io.portlock.plan.PlannedGroup;
import io.portlock.plan.PlannedOrder;
import io.portlock.state.FileStateStore;
import io.portlock.state.JournalEntry;
import io.portlock.state.State;
import io.portlock.state.StateSession;
import io.portlock.state.TestSessions;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bandwidth's lookup by customerOrderId may lag behind the create. A create whose answer was lost
 * is therefore never sent again because a lookup came back empty: it is looked up again with waits
 * of minutes (on a manual clock here), kept in the journal when it stays unknown, and resolved by
 * the next apply.
 */
class LaggingLookupTest {
  static final Fingerprint FP = new Fingerprint("ab".repeat(32));
  static final Passcode PASSCODE = Passcode.of("Secret11");
  static final NumberSet NUMBERS = NumberSet.of(2018551020L, 2018551021L);
  static final String CUSTOMER_ORDER_ID = "portlock-ab12cd34-1";
  static final Instant START = Instant.parse("2026-12-02T10:00:00Z");

  @TempDir Path dir;
  final ManualTime time = new ManualTime(START);
  final List<String> notes = new CopyOnWriteArrayList<>();

  /**
   * Accepts every create and loses its answer; the lookup shows an order only {@code lag} after its
   * create (never, for null), and the order is COMPLETE by then.
   */
  final class LaggingBandwidth extends OrdersOnlyBandwidth {
    final Duration lag;
    final AtomicInteger creates = new AtomicInteger();
    final AtomicInteger lookups = new AtomicInteger();
    final List<Instant> createdAt = new ArrayList<>();

    LaggingBandwidth(Duration lag) {
      this.lag = lag;
    }

    @Override
    public synchronized OrderStatus createOrder(OrderRequest request) {
      creates.incrementAndGet();
      createdAt.add(time.instant());
      throw new BandwidthException(
          "create tnoptions order " + request.customerOrderId(),
          0,
          null,
          "the connection failed (closed)",
          null,
          true);
    }

    @Override
    public synchronized List<OrderStatus> findOrdersByCustomerOrderId(String customerOrderId) {
      lookups.incrementAndGet();
      boolean visible =
          lag != null
              && !createdAt.isEmpty()
              && !time.instant().isBefore(createdAt.get(0).plus(lag));
      return visible ? List.of(complete()) : List.of();
    }

    OrderStatus complete() {
      return new OrderStatus(
          "order-1",
          CUSTOMER_ORDER_ID,
          ProcessingStatus.COMPLETE,
          List.of(),
          List.of(),
          createdAt.get(0),
          createdAt.get(0).plusSeconds(2));
    }

    @Override
    public OrderStatus getOrder(String orderId) {
      return complete();
    }
  }

  static Plan plan() {
    KdfParameters kdf =
        new KdfParameters(
            KdfParameters.PBKDF2_HMAC_SHA256, 100_000, "cG9ydGxvY2stdGVzdC1zYWx0", 32);
    return new Plan(
        "ab12cd34",
        START,
        null,
        new AccountId("9900000"),
        "portlock.yaml",
        "sha256:" + "0".repeat(64),
        null,
        0,
        kdf,
        5000,
        false,
        Map.of("hq", FP),
        Map.of("hq", 0L),
        List.of(new Change.Add("hq", NUMBERS)),
        NumberSet.empty(),
        List.of(
            new PlannedOrder(1, CUSTOMER_ORDER_ID, List.of(new PlannedGroup("hq", FP, NUMBERS)))),
        List.of());
  }

  FileStateStore store;

  FileStateStore store() {
    if (store == null) {
      store = new FileStateStore(dir.resolve("portlock.state.json"));
    }
    return store;
  }

  StateSession session;

  @org.junit.jupiter.api.AfterEach
  void closeSession() {
    if (session != null) {
      session.close();
    }
  }

  /** An applier on a new session (the previous one ends, as its apply would). */
  Applier applier(BandwidthApi api, State state) {
    closeSession();
    session = TestSessions.startingWith(store(), state);
    ApplySettings settings =
        new ApplySettings(
            2,
            null,
            Duration.ofMillis(250),
            Duration.ofSeconds(5),
            ApplySettings.DEFAULT_LOOKUP_WAIT);
    return new Applier(
        api,
        session,
        settings,
        new ApplyListener() {
          @Override
          public void note(String message) {
            notes.add(message);
          }
        },
        time,
        time);
  }

  ApplyResult apply(BandwidthApi api) {
    Plan plan = plan();
    return applier(api, State.empty(plan.account(), plan.kdf())).apply(plan, Map.of(FP, PASSCODE));
  }

  @Test
  void aLostAnswerIsLookedUpAgainForMinutesAndNeverSentTwiceWhileTheLookupLags() {
    LaggingBandwidth api = new LaggingBandwidth(Duration.ofMinutes(3));

    ApplyResult result = apply(api);

    assertThat(api.creates).hasValue(1);
    assertThat(result.failures()).isEmpty();
    assertThat(result.outcomeUnknown()).isZero();
    assertThat(result.state().size()).isEqualTo(2);
    assertThat(result.state().journal()).isEmpty();
    // Waits of minutes, each longer than the last, not a burst of seconds.
    List<Duration> lookupWaits = time.sleeps.subList(0, api.lookups.get() - 1);
    assertThat(lookupWaits.get(0)).isGreaterThanOrEqualTo(Duration.ofSeconds(30));
    assertThat(lookupWaits).isSortedAccordingTo(Duration::compareTo);
    assertThat(notes)
        .anyMatch(
            n ->
                n.startsWith(
                    "The answer to order "
                        + CUSTOMER_ORDER_ID
                        + " was lost; Bandwidth's lookup by CustomerOrderId may lag behind the create, so"
                        + " portlock looks it up again for up to 15m and does not send it again."));
  }

  @Test
  void anOrderTheLookupNeverShowsStaysInTheJournalAndTheApplyEndsUnresolved() {
    LaggingBandwidth api = new LaggingBandwidth(null);

    ApplyResult result = apply(api);

    assertThat(api.creates).hasValue(1);
    assertThat(result.outcomeUnknown()).isEqualTo(1);
    assertThat(result.summaryLine())
        .contains(
            "1 order's outcome is unknown: its answer was lost"
                + " and Bandwidth's lookup does not show it yet; it stays in the journal and is not sent"
                + " again: the next 'portlock apply' resolves it.");
    State saved = new FileStateStore(store().file()).read().orElseThrow();
    assertThat(saved.journal())
        .extracting(JournalEntry::customerOrderId)
        .containsExactly(CUSTOMER_ORDER_ID);
    assertThat(saved.size()).isZero();
    Duration waited = Duration.between(START, time.instant());
    assertThat(waited).isBetween(Duration.ofMinutes(14), ApplySettings.DEFAULT_LOOKUP_WAIT);
  }

  @Test
  void theNextApplyFindsTheOrderOnceTheLookupCaughtUpAndRecordsIt() {
    LaggingBandwidth api = new LaggingBandwidth(Duration.ofMinutes(20));
    apply(api);
    time.advance(Duration.ofMinutes(10));

    Applier next = applier(api, new FileStateStore(store().file()).read().orElseThrow());
    ApplyResult resumed = next.resume();

    assertThat(api.creates).hasValue(1);
    assertThat(resumed.ordersResumed()).isEqualTo(1);
    assertThat(resumed.state().journal()).isEmpty();
    assertThat(resumed.state().size()).isEqualTo(2);
  }

  @Test
  void aResumeRightAfterAKillWaitsOutTheLagInsteadOfPlanningTheNumbersAgain() {
    // Killed right after the create was sent: the journal entry is seconds old, and the lookup
    // shows the order only two minutes after its create.
    LaggingBandwidth api = new LaggingBandwidth(Duration.ofMinutes(2));
    api.createdAt.add(START);
    Plan plan = plan();
    State killed =
        State.empty(plan.account(), plan.kdf())
            .withJournalEntry(
                new JournalEntry(
                    CUSTOMER_ORDER_ID,
                    plan.planId(),
                    START,
                    null,
                    List.of(new JournalEntry.Group("hq", FP, NUMBERS))));
    time.advance(Duration.ofSeconds(5));

    ApplyResult resumed = applier(api, killed).resume();

    assertThat(resumed.ordersResumed()).isEqualTo(1);
    assertThat(resumed.state().size()).isEqualTo(2);
    assertThat(resumed.state().journal()).isEmpty();
    assertThat(notes).noneMatch(n -> n.contains("planned again"));
  }

  @Test
  void anEntryOlderThanTheLookupWaitThatBandwidthNeverSawIsPlannedAgainAtOnce() {
    LaggingBandwidth api = new LaggingBandwidth(null);
    Plan plan = plan();
    State killed =
        State.empty(plan.account(), plan.kdf())
            .withJournalEntry(
                new JournalEntry(
                    CUSTOMER_ORDER_ID,
                    plan.planId(),
                    START,
                    null,
                    List.of(new JournalEntry.Group("hq", FP, NUMBERS))));
    time.advance(Duration.ofMinutes(16));

    ApplyResult resumed = applier(api, killed).resume();

    assertThat(resumed.state().journal()).isEmpty();
    assertThat(time.sleeps).isEmpty();
    assertThat(notes)
        .anyMatch(n -> n.contains("never reached Bandwidth; its 2 numbers are" + " planned again"));
  }
}
