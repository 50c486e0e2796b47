package io.portlock.sandbox;

import io.portlock.domain.NumberSet;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * {@code /accounts/{id}/tnoptions}: create an order (validated synchronously, processed later by
 * {@link OrderProcessor}), read one, list them, and read an order's history.
 */
final class TnOptionsHandler {
  private static final String CREATE_ROOT = "TnOptionOrderResponse";
  private static final String REPORT_ROOT = "TnOptionOrderReportResponse";

  private final SandboxState state;
  private final OrderProcessor processor;
  private final Clock clock;
  private final int maxNumbersPerOrder;
  private final FaultInjector faults;

  TnOptionsHandler(
      SandboxState state,
      OrderProcessor processor,
      Clock clock,
      int maxNumbers,
      FaultInjector faults) {
    this.state = state;
    this.processor = processor;
    this.clock = clock;
    this.maxNumbersPerOrder = maxNumbers;
    this.faults = faults;
  }

  void create(RoutingContext ctx) {
    Order order;
    try {
      RequestXml.ParsedOrder parsed = RequestXml.parseOrder(bodyOf(ctx));
      OrderValidator.validate(parsed, maxNumbersPerOrder);
      order =
          new Order(
              UUID.randomUUID().toString(),
              parsed.customerOrderId(),
              state.account,
              ctx.get(Authenticator.USER),
              clock.instant(),
              parsed.groups());
    } catch (ApiError e) {
      Replies.error(ctx, CREATE_ROOT, e);
      return;
    }
    String body;
    synchronized (state) {
      order.history.add(
          new Order.HistoryEntry(
              order.created,
              "Order has been received by the system.",
              order.createdByUser,
              Order.Status.RECEIVED));
      state.add(order, received(order));
      XmlWriter xml = XmlWriter.document(OrderXml.sizeHint(order)).open(CREATE_ROOT);
      OrderXml.writeOrder(xml, order, faults.e164());
      body = xml.close(CREATE_ROOT).toString();
    }
    processor.schedule(order);
    String location = "http://" + ctx.request().authority() + ctx.request().path();
    ctx.response().putHeader(HttpHeaders.LOCATION, stripSlash(location) + "/" + order.orderId);
    switch (faults.lostCreateAnswer()) {
      case DROP -> ctx.request().connection().close();
      case CUT -> Replies.xml(ctx, 201, body.substring(0, body.length() / 2));
      case NONE -> Replies.xml(ctx, 201, body);
    }
  }

  void get(RoutingContext ctx) {
    Order order = state.order(ctx.pathParam("orderId"));
    if (order == null) {
      notFound(ctx);
      return;
    }
    String body;
    synchronized (state) {
      XmlWriter xml = XmlWriter.document(OrderXml.sizeHint(order));
      OrderXml.writeOrder(xml, order, faults.e164());
      body = xml.toString();
    }
    Replies.xml(ctx, 200, body);
  }

  void history(RoutingContext ctx) {
    Order order = state.order(ctx.pathParam("orderId"));
    if (order == null) {
      notFound(ctx);
      return;
    }
    String body;
    synchronized (state) {
      XmlWriter xml = XmlWriter.document();
      OrderXml.writeHistory(xml, order);
      body = xml.toString();
    }
    Replies.xml(ctx, 200, body);
  }

  /**
   * The list, rooted {@code <TnOptionOrders><TotalCount>} as in the RAML spec and the fixtures of
   * all of Bandwidth's SDKs, not wrapped in {@code <TnOptionOrderReportResponse>} as in the newer
   * OpenAPI example: Bandwidth's Java SDK binds the root element and fails on the wrapper, while
   * portlock's client accepts both roots (API.md). TotalCount counts every match, the items stop at
   * {@value OrderQuery#MAX_ORDERS}.
   */
  void list(RoutingContext ctx) {
    OrderQuery query;
    try {
      query = OrderQuery.parse(ctx.queryParams(), clock.instant());
    } catch (ApiError e) {
      Replies.error(ctx, REPORT_ROOT, e);
      return;
    }
    // Orders younger than the lag are not in lists yet: Bandwidth's lookup may trail its creates.
    java.time.Instant visibleBefore = clock.instant().minus(faults.lookupLag());
    boolean e164 = faults.e164();
    String body;
    synchronized (state) {
      List<Order> matches = new ArrayList<>();
      for (Order order : state.orders()) {
        if (query.matches(order) && !order.created.isAfter(visibleBefore)) {
          matches.add(order);
        }
      }
      List<Order> shown = matches.subList(0, Math.min(matches.size(), OrderQuery.MAX_ORDERS));
      int hint = 256;
      for (Order order : shown) {
        hint += query.orderDetails() ? OrderXml.sizeHint(order) : 400;
      }
      XmlWriter xml = XmlWriter.document(hint).open("TnOptionOrders");
      xml.leaf("TotalCount", matches.size());
      for (Order order : shown) {
        if (query.orderDetails()) {
          OrderXml.writeOrder(xml, order, e164);
        } else {
          OrderXml.writeSummary(xml, order);
        }
      }
      body = xml.close("TnOptionOrders").toString();
    }
    Replies.xml(ctx, 200, body);
  }

  private static void notFound(RoutingContext ctx) {
    Replies.error(ctx, REPORT_ROOT, new ApiError(404, null, "The resource does not exist"));
  }

  private static ReceivedOrder received(Order order) {
    NumberSet.Builder numbers = new NumberSet.Builder();
    for (OrderGroup group : order.groups) {
      for (long n : group.numbers()) {
        numbers.add(n);
      }
    }
    return new ReceivedOrder(
        order.orderId, order.customerOrderId, order.numberCount(), numbers.build());
  }

  static byte[] bodyOf(RoutingContext ctx) {
    return ctx.body() == null || ctx.body().buffer() == null
        ? new byte[0]
        : ctx.body().buffer().getBytes();
  }

  private static String stripSlash(String path) {
    return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
  }
}
