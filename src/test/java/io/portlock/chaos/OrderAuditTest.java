package io.portlock.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import io.portlock.domain.NumberSet;
import io.portlock.sandbox.ReceivedOrder;
import java.util.List;
import org.junit.jupiter.api.Test;

class OrderAuditTest {
  private static ReceivedOrder order(String customerOrderId, long... numbers) {
    return new ReceivedOrder(
        "id-" + customerOrderId, customerOrderId, numbers.length, NumberSet.of(numbers));
  }

  @Test
  void ordersWithDistinctIdsAndNumbersAreClean() {
    OrderAudit audit = OrderAudit.of(List.of(order("a-1", 1, 2), order("a-2", 3, 4)), List.of(0));

    assertThat(audit).isEqualTo(new OrderAudit(2, 0, 0, 0, null));
  }

  @Test
  void aCustomerOrderIdAcceptedTwiceIsCountedWithTheNumbersItSetTwice() {
    OrderAudit audit = OrderAudit.of(List.of(order("a-1", 1, 2), order("a-1", 2, 3)), List.of(0));

    assertThat(audit.duplicateCustomerOrderIds()).isEqualTo(1);
    assertThat(audit.numbersSetTwiceUnderOneId()).isEqualTo(1);
    assertThat(audit.numbersSentTwiceInOnePass()).isZero();
    assertThat(audit.example()).isEqualTo("CustomerOrderId a-1 was accepted twice");
  }

  @Test
  void aNumberInTwoOrdersOfOnePassIsCountedButNotAcrossPasses() {
    List<ReceivedOrder> received =
        List.of(order("a-1", 1, 2), order("b-1", 2, 3), order("c-1", 1, 2, 3));

    OrderAudit audit = OrderAudit.of(received, List.of(0, 2));

    assertThat(audit.numbersSentTwiceInOnePass()).isEqualTo(1);
    assertThat(audit.example()).isEqualTo("number 2 was sent in a-1 and again in b-1 (pass 1)");
  }
}
