package io.portlock.bandwidth;

/** {@code GET /tnoptions/{orderId}}: one order with its errors and warnings. */
final class GetOrderCall {
  private final Transport transport;
  private final ClientSettings settings;

  GetOrderCall(Transport transport, ClientSettings settings) {
    this.transport = transport;
    this.settings = settings;
  }

  OrderStatus send(String orderId) {
    if (orderId == null || !orderId.matches("[A-Za-z0-9-]{1,100}")) {
      // The id goes into the path: anything else could change which resource is asked for.
      throw new IllegalArgumentException(
          "expected an order id of letters, digits and dashes (such as"
              + " ddbdc72e-dc27-490c-904e-d0c11291b095) but was "
              + orderId);
    }
    HttpCall call =
        HttpCall.get("get tnoptions order " + orderId, settings.accountUrl("tnoptions/" + orderId));
    Answer answer = transport.send(call);
    try {
      return Orders.toStatus(Xml.read(answer.body(), TnOptionOrderTemplate.class));
    } catch (MalformedAnswerException e) {
      throw Failures.unreadable(call, answer, e, false);
    }
  }
}
