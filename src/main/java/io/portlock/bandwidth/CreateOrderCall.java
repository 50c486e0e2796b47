package io.portlock.bandwidth;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code POST /tnoptions}. Never sent twice by the transport once it may have arrived: a dropped
 * connection, a 5xx or an unreadable 2xx answer throws with {@link
 * BandwidthException#outcomeUnknown()} so the applier looks the order up by its CustomerOrderId.
 */
final class CreateOrderCall {
  private final Transport transport;
  private final String url;

  CreateOrderCall(Transport transport, ClientSettings settings) {
    this.transport = transport;
    this.url = settings.accountUrl("tnoptions");
  }

  OrderStatus send(OrderRequest request) {
    HttpCall call =
        HttpCall.post("create tnoptions order " + request.customerOrderId(), url, HttpCall.XML,
                Xml.write(TnOptionOrderRequestTemplate.from(request)))
            .notReplayable()
            .redacting(passcodes(request));
    Answer answer = transport.send(call);
    try {
      return Orders.toStatus(Xml.read(answer.body(), TnOptionOrderTemplate.class));
    } catch (MalformedAnswerException e) {
      // The order exists but its id is unknown: the same treatment as a dropped connection.
      throw Failures.unreadable(call, answer, e, true);
    }
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
