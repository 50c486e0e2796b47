package io.portlock.apply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portlock.bandwidth.OptionGroup;
import io.portlock.bandwidth.OrderRequest;
import io.portlock.bandwidth.PasscodeChange;
import io.portlock.domain.Fingerprint;
import io.portlock.domain.NumberSet;
import io.portlock.domain.Passcode;
import io.portlock.plan.PlannedGroup;
import io.portlock.plan.PlannedOrder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The TnOptionGroups of one order: one per passcode it sets, and one for its clears. */
class OrderRequestTest {
  static final Fingerprint A = new Fingerprint("a".repeat(64));
  static final Fingerprint B = new Fingerprint("b".repeat(64));
  static final Passcode PA = Passcode.of("Secret11");
  static final Passcode PB = Passcode.of("Secret22");

  @Test
  void groupsSharingAPasscodeTravelTogetherAndClearsHaveTheirOwnOptionGroup() {
    PlannedOrder order =
        new PlannedOrder(
            1,
            "portlock-ab12-1",
            List.of(
                new PlannedGroup("hq", A, NumberSet.of(2018551020L)),
                PlannedGroup.clear(NumberSet.of(2018551030L)),
                new PlannedGroup("lab", B, NumberSet.of(2018551040L)),
                new PlannedGroup("annex", A, NumberSet.of(2018551050L))));

    OrderRequest request = Applier.request(order, Map.of(A, PA, B, PB));

    assertThat(order.optionGroupCount()).isEqualTo(3);
    assertThat(request.groups())
        .containsExactly(
            new OptionGroup(new PasscodeChange.Set(PA), NumberSet.of(2018551020L, 2018551050L)),
            new OptionGroup(new PasscodeChange.Clear(), NumberSet.of(2018551030L)),
            new OptionGroup(new PasscodeChange.Set(PB), NumberSet.of(2018551040L)));
  }

  @Test
  void aSetWhosePasscodeIsUnknownIsAnErrorNamingTheGroupNotThePasscode() {
    PlannedOrder order =
        new PlannedOrder(
            1, "portlock-ab12-1", List.of(new PlannedGroup("hq", A, NumberSet.of(2018551020L))));

    assertThatThrownBy(() -> Applier.request(order, Map.of(B, PB)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("group hq")
        .hasMessageNotContaining("Secret");
  }
}
