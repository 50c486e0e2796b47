package io.portlock.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.portlock.config.SafetySettings;
import io.portlock.domain.AccountId;
import io.portlock.domain.Fingerprint;
import io.portlock.domain.KdfParameters;
import io.portlock.domain.NumberRange;
import io.portlock.domain.NumberSet;
import io.portlock.plan.Notice;
import io.portlock.plan.PlannedGroup;
import io.portlock.plan.PlannedOrder;
import io.portlock.state.State;
import io.portlock.state.StateEntry;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The guards count what the orders would send, whatever a plan's summary says. */
class GuardsTest {
  private static final Fingerprint FP = new Fingerprint("ab".repeat(32));
  private static final NumberSet MANAGED = range("2018551000..2018551099");
  private static final State STATE =
      State.empty(new AccountId("9900000"), KdfParameters.generate())
          .withApplied(MANAGED, new StateEntry("hq", FP, null, null, null));

  private static NumberSet range(String text) {
    return new NumberSet.Builder().addRange(NumberRange.parse(text)).build();
  }

  private static List<PlannedOrder> orders(PlannedGroup... groups) {
    return List.of(new PlannedOrder(1, "portlock-abcd-1", List.of(groups)));
  }

  @Test
  void clearsInTheOrdersTripTheShareGuardAndCountAsRemovals() {
    List<PlannedOrder> orders = orders(PlannedGroup.clear(range("2018551000..2018551039")));

    List<Notice> trips = Guards.check(orders, SafetySettings.defaults(), STATE);

    assertThat(trips)
        .extracting(Notice::message)
        .containsExactly(
            "apply will refuse this plan:"
                + " it changes or removes 40 of 100 managed numbers (40%), over safety.max_change_percent"
                + " 30%; after review, apply with --force");
    assertThat(Guards.clears(orders)).isEqualTo(40);
  }

  @Test
  void settingNumbersTheStateDoesNotManageIsAnAdditionAndDoesNotCountTowardsTheShare() {
    List<PlannedOrder> orders =
        orders(
            new PlannedGroup("hq", FP, range("2018552000..2018552199")),
            new PlannedGroup("hq", FP, range("2018551000..2018551019")));

    assertThat(Guards.check(orders, SafetySettings.defaults(), STATE)).isEmpty();
    assertThat(Guards.check(orders, new SafetySettings(30, 100L), STATE))
        .extracting(Notice::message)
        .containsExactly(
            "apply will refuse this plan: it touches 220"
                + " numbers, over safety.max_changes 100; after review, apply with --force");
  }
}
