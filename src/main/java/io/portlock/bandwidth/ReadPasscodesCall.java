package io.portlock.bandwidth;

import io.portlock.domain.NumberSet;
import io.portlock.domain.Plural;

/** {@code POST /tnPortoutPasscodes} for one chunk of at most {@link #MAX_NUMBERS} numbers. */
final class ReadPasscodesCall {
  /** Bandwidth refuses more with error 15607. */
  static final int MAX_NUMBERS = 2_500;

  private final Transport transport;
  private final String url;

  ReadPasscodesCall(Transport transport, ClientSettings settings) {
    this.transport = transport;
    this.url = settings.accountUrl("tnPortoutPasscodes");
  }

  Readback send(NumberSet chunk) {
    if (chunk.size() > MAX_NUMBERS) {
      throw new IllegalArgumentException(
          "expected at most " + MAX_NUMBERS + " numbers per read but there were " + chunk.size());
    }
    HttpCall call =
        HttpCall.post(
                "read passcodes of " + Plural.of(chunk.size(), "number"),
                url,
                HttpCall.XML,
                Xml.write(TnListTemplate.of(chunk)))
            .answeredAs(HttpCall.AnswerKind.SECRET_XML, "application/xml");
    Answer answer = transport.send(call);
    try {
      return new Readback()
          .add(
              Xml.readRoot(
                  answer.body(),
                  TelephoneNumbersResponseTemplate.class,
                  TelephoneNumbersResponseTemplate.ROOTS));
    } catch (MalformedAnswerException e) {
      throw Failures.unreadable(call, answer, e, false);
    }
  }
}
