package io.portlock.bandwidth;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * {@code POST /tnoptions}. Never sent twice by the transport once it may have arrived: a dropped
 * connection, a 5xx or an unreadable 2xx answer throws with {@link
 * BandwidthException#outcomeUnknown()} so the applier looks the order up by its CustomerOrderId. A
 * 2xx whose body cannot be read but whose {@code Location} ends in the order id is completed with
 * {@code GET /tnoptions/{orderId}} instead: the order exists and its id is known.
 */
final class CreateOrderCall {
  private static final Pattern ORDER_ID = Pattern.compile("[A-Za-z0-9-]{1,100}");

  private final Transport transport;
  private final String url;
  private final GetOrderCall getOrder;

  CreateOrderCall(Transport transport, ClientSettings settings, GetOrderCall getOrder) {
    this.transport = transport;
    this.url = settings.accountUrl("tnoptions");
    this.getOrder = getOrder;
  }

  OrderStatus send(OrderRequest request) {
    HttpCall call =
        HttpCall.post(
                "create tnoptions order " + request.customerOrderId(),
                url,
                HttpCall.XML,
                Xml.write(TnOptionOrderRequestTemplate.from(request)))
            .notReplayable()
            .redacting(passcodes(request));
    Answer answer = transport.send(call);
    try {
      return Orders.toStatus(Xml.read(answer.body(), TnOptionOrderTemplate.class));
    } catch (MalformedAnswerException e) {
      BandwidthException unknown = Failures.unreadable(call, answer, e, true);
      String orderId = orderIdOf(answer.header("Location"));
      if (orderId == null) {
        // The order exists but its id is unknown: the same treatment as a dropped connection.
        throw unknown;
      }
      try {
        return getOrder.send(orderId);
      } catch (BandwidthException | IllegalArgumentException lookup) {
        unknown.addSuppressed(lookup);
        throw unknown;
      }
    }
  }

  /** The last path segment of a {@code Location} such as {@code …/tnoptions/{orderId}}. */
  static String orderIdOf(String location) {
    if (location == null) {
      return null;
    }
    String path = location.trim();
    int query = path.indexOf('?');
    path = query >= 0 ? path.substring(0, query) : path;
    String last = path.substring(path.lastIndexOf('/') + 1);
    boolean underOrders =
        path.regionMatches(
            true,
            Math.max(0, path.length() - last.length() - "tnoptions/".length()),
            "tnoptions/",
            0,
            "tnoptions/".length());
    return underOrders && ORDER_ID.matcher(last).matches() ? last : null;
  }

  private static List<String> passcodes(OrderRequest request) {
    List<String> secrets = new ArrayList<>();
    for (OptionGroup group : request.groups()) {
      if (group.change() instanceof PasscodeChange.Set set) {
        secrets.add(set.passcode().reveal());
      }
    }
    return secrets;
  }
}
