package io.portlock.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portlock.domain.Fingerprint;
import io.portlock.domain.NumberSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class OrderSplitterTest {
  private static final Fingerprint A = new Fingerprint("aa".repeat(32));
  private static final Fingerprint B = new Fingerprint("bb".repeat(32));

  @Test
  void segmentsFillEachOrderBeforeTheNextAndASegmentIsSlicedAcrossOrders() {
    PlannedGroup hq =
        new PlannedGroup("hq", A, NumberSet.of(2018551020L, 2018551021L, 2018551022L));
    PlannedGroup lab = new PlannedGroup("lab", B, NumberSet.of(2125550100L, 2125550101L));
    PlannedGroup clear = PlannedGroup.clear(NumberSet.of(3125550100L));

    List<List<PlannedGroup>> orders = OrderSplitter.split(List.of(hq, lab, clear), 2);

    assertThat(orders).extracting(OrderSplitter::numberCount).containsExactly(2, 2, 2);
    assertThat(orders.get(0))
        .containsExactly(new PlannedGroup("hq", A, NumberSet.of(2018551020L, 2018551021L)));
    assertThat(orders.get(1))
        .containsExactly(
            new PlannedGroup("hq", A, NumberSet.of(2018551022L)),
            new PlannedGroup("lab", B, NumberSet.of(2125550100L)));
    assertThat(orders.get(2))
        .containsExactly(new PlannedGroup("lab", B, NumberSet.of(2125550101L)), clear);
  }

  @Test
  void aLimitBelowOneIsRefused() {
    assertThatThrownBy(() -> OrderSplitter.split(List.of(), 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("expected at least 1 number per order but was 0");
  }
}
