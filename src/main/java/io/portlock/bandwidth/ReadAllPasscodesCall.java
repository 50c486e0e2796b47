package io.portlock.bandwidth;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code GET /tnPortoutPasscodes?page=…&size=500}, following {@code Links/next} to the last page.
 * Only the {@code page} value is taken from the link: the request itself always goes to the
 * configured base URL, so a link cannot send credentials to another host.
 */
final class ReadAllPasscodesCall {
  static final int PAGE_SIZE = 500;
  private static final Pattern PAGE = Pattern.compile("[?&]page=([A-Za-z0-9._~%+-]+)");

  private final Transport transport;
  private final ClientSettings settings;

  ReadAllPasscodesCall(Transport transport, ClientSettings settings) {
    this.transport = transport;
    this.settings = settings;
  }

  Readback send() {
    Readback all = new Readback();
    Set<String> seen = new HashSet<>();
    String page = "1";
    while (page != null) {
      seen.add(page);
      HttpCall call =
          HttpCall.get(
                  "read the passcodes of account "
                      + settings.account()
                      + " (page starting at "
                      + page
                      + ")",
                  settings.accountUrl("tnPortoutPasscodes"))
              .withQuery("page", page)
              .withQuery("size", Integer.toString(PAGE_SIZE))
              .answeredAs(HttpCall.AnswerKind.SECRET_XML, "application/xml");
      Answer answer = transport.send(call);
      if (answer.status() == 204 || (answer.status() == 200 && answer.body().length == 0)) {
        // An empty page: Bandwidth answers "nothing (more) found" with 204 or an empty 200.
        break;
      }
      try {
        TelephoneNumbersResponseTemplate parsed =
            Xml.readRoot(
                answer.body(),
                TelephoneNumbersResponseTemplate.class,
                TelephoneNumbersResponseTemplate.ROOTS);
        all.add(parsed);
        page = nextPage(parsed.links);
        if (page != null && seen.contains(page)) {
          throw new MalformedAnswerException(
              "Links/next points back to the page starting at " + page);
        }
      } catch (MalformedAnswerException e) {
        throw Failures.unreadable(call, answer, e, false);
      }
    }
    return all;
  }

  /**
   * The {@code page} of {@code Links/next}, written {@code Link=<https://…?page=2&size=500>;
   * rel="next";}, as a bare URL, or as the page value alone; null when there is no next page.
   */
  static String nextPage(TelephoneNumbersResponseTemplate.Links links) {
    return links == null ? null : nextPageOf(links.next);
  }

  /** The {@code page} of one {@code Links/next} text; null when there is none. */
  static String nextPageOf(String link) {
    if (link == null || link.isBlank()) {
      return null;
    }
    String next = link.trim();
    Matcher m = PAGE.matcher(next);
    if (m.find()) {
      // Decoded once here; the transport encodes it once again. A page starting with an E.164
      // number arrives as %2B1…, or as a bare +1….
      return percentDecoded(m.group(1));
    }
    if (next.matches("\\+?[0-9]{1,20}")) {
      return next;
    }
    // Stopping here would pass a partial read-back off as complete.
    throw new MalformedAnswerException(
        "Links/next holds no page: '" + Excerpts.clean(next, 80) + "'");
  }

  /** Percent escapes decoded as UTF-8; a '+' stays a '+' (it is not a form's space here). */
  private static String percentDecoded(String value) {
    try {
      return URLDecoder.decode(value.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new MalformedAnswerException(
          "Links/next holds a malformed page: '" + Excerpts.clean(value, 80) + "'");
    }
  }
}
