package io.portlock.chaos;

import io.portlock.sandbox.ReceivedOrder;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the sandbox received, checked for orders sent twice: by CustomerOrderId (never allowed), and
 * number by number within one pass over the config (allowed only for an order that never reached
 * Bandwidth, which leaves nothing in the sandbox; so any count here is a fault).
 *
 * @param orders orders the sandbox accepted
 * @param duplicateCustomerOrderIds CustomerOrderIds the sandbox accepted more than once
 * @param numbersSetTwiceUnderOneId numbers carried by two orders with the same CustomerOrderId
 * @param numbersSentTwiceInOnePass numbers carried by two orders of the same pass
 * @param example the first duplicate found, for the report; null when there is none
 */
record OrderAudit(
    int orders,
    int duplicateCustomerOrderIds,
    long numbersSetTwiceUnderOneId,
    long numbersSentTwiceInOnePass,
    String example) {

  /**
   * @param received every order the sandbox accepted, in arrival order
   * @param passStarts the index in {@code received} at which each pass began (the first is 0)
   */
  static OrderAudit of(List<ReceivedOrder> received, List<Integer> passStarts) {
    Map<String, Integer> byId = new HashMap<>();
    Map<String, Map<Long, Integer>> numbersById = new HashMap<>();
    int duplicateIds = 0;
    long setTwice = 0;
    String example = null;
    for (ReceivedOrder order : received) {
      int seen = byId.merge(order.customerOrderId(), 1, Integer::sum);
      if (seen == 2) {
        duplicateIds++;
        example =
            example != null
                ? example
                : "CustomerOrderId " + order.customerOrderId() + " was accepted twice";
      }
      Map<Long, Integer> numbers =
          numbersById.computeIfAbsent(order.customerOrderId(), id -> new HashMap<>());
      long[] twice = {0};
      order
          .numbers()
          .forEach(
              n -> {
                if (numbers.merge(n, 1, Integer::sum) == 2) {
                  twice[0]++;
                }
              });
      setTwice += twice[0];
    }
    long sentTwice = 0;
    for (int p = 0; p < passStarts.size(); p++) {
      int from = passStarts.get(p);
      int to = p + 1 < passStarts.size() ? passStarts.get(p + 1) : received.size();
      String[] first = {null};
      sentTwice += sentTwice(received.subList(from, to), p + 1, first);
      example = example != null ? example : first[0];
    }
    return new OrderAudit(received.size(), duplicateIds, setTwice, sentTwice, example);
  }

  /**
   * Numbers carried by two different orders of one pass; the first is described in {@code
   * example[0]}.
   */
  private static long sentTwice(List<ReceivedOrder> pass, int passNumber, String[] example) {
    Map<Long, String> firstOrder = new HashMap<>();
    long[] twice = {0};
    for (ReceivedOrder order : pass) {
      order
          .numbers()
          .forEach(
              n -> {
                String before = firstOrder.putIfAbsent(n, order.customerOrderId());
                if (before != null && !before.equals(order.customerOrderId())) {
                  twice[0]++;
                  if (example[0] == null) {
                    example[0] =
                        "number "
                            + n
                            + " was sent in "
                            + before
                            + " and again in "
                            + order.customerOrderId()
                            + " (pass "
                            + passNumber
                            + ")";
                  }
                }
              });
    }
    return twice[0];
  }
}
