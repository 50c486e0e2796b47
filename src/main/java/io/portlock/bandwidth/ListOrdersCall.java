package io.portlock.bandwidth;

import io.portlock.domain.TelephoneNumber;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code GET /tnoptions?…&orderDetails=true}. Accepts both list roots and both item kinds. A
 * summary lacks the ErrorList the applier needs, so each summary item is completed with {@code GET
 * /tnoptions/{orderId}}; full orders are returned as they are.
 */
final class ListOrdersCall {
  /**
   * The roots a list answer may have. Checked because an empty list means "Bandwidth has no such
   * order", on which the applier sends an order again: a 200 HTML page from a proxy must not read
   * as that.
   */
  static final Set<String> ROOTS = Set.of("TnOptionOrders", "TnOptionOrderReportResponse");

  private final Transport transport;
  private final String url;
  private final GetOrderCall getOrder;

  ListOrdersCall(Transport transport, ClientSettings settings, GetOrderCall getOrder) {
    this.transport = transport;
    this.url = settings.accountUrl("tnoptions");
    this.getOrder = getOrder;
  }

  List<OrderStatus> byCustomerOrderId(String customerOrderId) {
    if (customerOrderId == null || customerOrderId.isBlank()) {
      throw new IllegalArgumentException("expected a CustomerOrderId but it was empty");
    }
    return send(
        HttpCall.get("list tnoptions orders with customerOrderId " + customerOrderId, url)
            .withQuery("customerOrderId", customerOrderId));
  }

  List<OrderStatus> byNumber(long number) {
    String tn = new TelephoneNumber(number).toString();
    return send(HttpCall.get("list tnoptions orders for " + tn, url).withQuery("tn", tn));
  }

  private List<OrderStatus> send(HttpCall filtered) {
    HttpCall call = filtered.withQuery("orderDetails", "true");
    Answer answer = transport.send(call);
    if (answer.status() == 204 || (answer.status() == 200 && answer.body().length == 0)) {
      // Bandwidth answers "nothing found" on some list reads with 204 or an empty 200.
      return List.of();
    }
    TnOptionOrdersTemplate list;
    List<OrderStatus> orders = new ArrayList<>();
    List<String> summarized = new ArrayList<>();
    try {
      list = Xml.readRoot(answer.body(), TnOptionOrdersTemplate.class, ROOTS);
      for (TnOptionOrderTemplate order : list.allOrders()) {
        orders.add(Orders.toStatus(order));
      }
      for (TnOptionOrdersTemplate.Summary summary : list.allSummaries()) {
        summarized.add(Orders.toStatus(summary).orderId());
      }
    } catch (MalformedAnswerException e) {
      throw Failures.unreadable(call, answer, e, false);
    }
    for (String orderId : summarized) {
      orders.add(getOrder.send(orderId));
    }
    return orders;
  }
}
