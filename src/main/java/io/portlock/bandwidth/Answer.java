package io.portlock.bandwidth;

import java.util.Locale;
import java.util.Map;

/**
 * An HTTP answer: status, headers (names in lower case, first value) and the body bytes. The body
 * may hold passcodes: {@code toString} leaves it out.
 */
record Answer(int status, Map<String, String> headers, byte[] body) {

  Answer {
    headers = Map.copyOf(headers);
    body = body == null ? new byte[0] : body;
  }

  String header(String name) {
    return headers.get(name.toLowerCase(Locale.ROOT));
  }

  @Override
  public String toString() {
    return "Answer(" + status + ", " + body.length + " bytes)";
  }
}
