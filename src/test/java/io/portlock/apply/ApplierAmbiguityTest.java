package io.portlock.apply;

import static org.assertj.core.api.Assertions.assertThat;

import io.portlock.bandwidth.BandwidthApi;
import io.portlock.bandwidth.BandwidthException;
import io.portlock.bandwidth.OrderRequest;
import io.portlock.bandwidth.OrderStatus;
import io.portlock.domain.AccountId;
import io.portlock.domain.Fingerprint;
import io.portlock.domain.KdfParameters;
import io.portlock.domain.NumberSet;
import io.portlock.domain.Passcode;
import io.portlock.plan.Change;
import io.portlock.plan.Plan;
import io.portlock.plan.PlannedGroup;
import io.portlock.plan.PlannedOrder;
import io.portlock.state.FileStateStore;
import io.portlock.state.State;
import io.portlock.state.StateSession;
import io.portlock.state.TestSessions;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A create whose outcome is unknown must stay journaled: it may be at Bandwidth already. */
class ApplierAmbiguityTest {
  private static final Fingerprint FP = new Fingerprint("ab".repeat(32));
  private static final Passcode PASSCODE = Passcode.of("Secret11");
  private static final NumberSet NUMBERS = NumberSet.of(2018551020L, 2018551021L);

  @TempDir Path dir;

  /** Answers every create with a lost answer; lookups find nothing or fail. */
  private static final class LostAnswers extends OrdersOnlyBandwidth {
    final AtomicInteger creates = new AtomicInteger();
    final boolean lookupFails;

    LostAnswers(boolean lookupFails) {
      this.lookupFails = lookupFails;
    }

    @Override
    public OrderStatus createOrder(OrderRequest request) {
      creates.incrementAndGet();
      throw new BandwidthException(
          "create tnoptions order " + request.customerOrderId(),
          0,
          null,
          "the connection closed before the answer",
          null,
          true);
    }

    @Override
    public List<OrderStatus> findOrdersByCustomerOrderId(String customerOrderId) {
      if (lookupFails) {
        throw new BandwidthException(
            "list tnoptions orders with customerOrderId " + customerOrderId,
            503,
            null,
            "unavailable",
            null);
      }
      return List.of();
    }

    @Override
    public OrderStatus getOrder(String orderId) {
      throw new AssertionError("no order was created");
    }
  }

  private Plan plan() {
    KdfParameters kdf =
        new KdfParameters(
            KdfParameters.PBKDF2_HMAC_SHA256, 100_000, "cG9ydGxvY2stdGVzdC1zYWx0", 32);
    return new Plan(
        "ab12cd34",
        Instant.now(),
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
            new PlannedOrder(
                1, "portlock-ab12cd34-1", List.of(new PlannedGroup("hq", FP, NUMBERS)))),
        List.of(),
        io.portlock.plan.Observations.none());
  }

  /** Applies with waits that take no time, and returns the state on disk afterwards. */
  private State runToTheEnd(BandwidthApi api, java.util.function.Consumer<Applier> run) {
    Plan plan = plan();
    FileStateStore store = new FileStateStore(dir.resolve("portlock.state.json"));
    try (StateSession session =
        TestSessions.startingWith(store, State.empty(plan.account(), plan.kdf()))) {
      Applier applier =
          new Applier(
              api,
              session,
              new ApplySettings(1, null, Duration.ofMillis(1), Duration.ofMillis(1)),
              new ApplyListener() {},
              java.time.Clock.fixed(
                  Instant.parse("2026-12-02T10:00:00Z"), java.time.ZoneOffset.UTC),
              d -> {});
      run.accept(applier);
    }
    return new FileStateStore(store.file()).read().orElseThrow();
  }

  @Test
  void aLostCreateThatTheLookupNeverShowsIsSentOnceAndStaysInTheJournal() {
    // Before: five creates of the same order in one run, one per empty lookup.
    LostAnswers api = new LostAnswers(false);
    ApplyResult[] result = new ApplyResult[1];
    State state = runToTheEnd(api, a -> result[0] = a.apply(plan(), Map.of(FP, PASSCODE)));

    assertThat(api.creates).hasValue(1);
    assertThat(result[0].outcomeUnknown()).isEqualTo(1);
    assertThat(state.journal())
        .singleElement()
        .satisfies(e -> assertThat(e.customerOrderId()).isEqualTo("portlock-ab12cd34-1"));
    assertThat(state.size()).isZero();
  }

  @Test
  void aLostCreateWhoseLookupAlsoFailsIsNeitherResentNorForgotten() {
    LostAnswers api = new LostAnswers(true);
    ApplyResult[] result = new ApplyResult[1];
    State state = runToTheEnd(api, a -> result[0] = a.apply(plan(), Map.of(FP, PASSCODE)));

    assertThat(api.creates).hasValue(1);
    assertThat(result[0].outcomeUnknown()).isEqualTo(1);
    assertThat(state.journal()).hasSize(1);
  }
}
