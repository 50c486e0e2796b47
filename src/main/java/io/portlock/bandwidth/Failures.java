package io.portlock.bandwidth;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.portlock.domain.AccountId;
import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Turns an error answer into a {@link BandwidthException}: Bandwidth's {@code ErrorCode} and {@code
 * Description} under any root, a hint naming the credentials on 401 and 403, and never a passcode.
 */
final class Failures {
  static final String OUTCOME_UNKNOWN_HINT =
      "Bandwidth may have received the order: look it up by its CustomerOrderId before sending it"
          + " again";
  private static final ObjectMapper JSON =
      new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private final Credentials credentials;
  private final AccountId account;

  Failures(Credentials credentials, AccountId account) {
    this.credentials = credentials;
    this.account = account;
  }

  /** An answer outside 2xx. {@code note} (may be null) is appended to the description. */
  BandwidthException of(HttpCall call, Answer answer, String note, boolean outcomeUnknown) {
    Details details = details(call, answer);
    StringBuilder description = new StringBuilder(details.description);
    String hint = hint(call, answer.status());
    if (hint != null) {
      append(description, hint);
    }
    if (note != null) {
      append(description, note);
    }
    return new BandwidthException(
        call.action(),
        answer.status(),
        details.code,
        Excerpts.redact(description.toString(), call.secrets()),
        null,
        outcomeUnknown);
  }

  /** A 2xx answer that could not be read. */
  static BandwidthException unreadable(
      HttpCall call, Answer answer, MalformedAnswerException problem, boolean outcomeUnknown) {
    StringBuilder description = new StringBuilder(problem.getMessage());
    if (call.answerKind() == HttpCall.AnswerKind.XML && answer.body().length > 0) {
      description
          .append(" (the answer starts with: ")
          .append(Excerpts.of(answer.body()))
          .append(")");
    }
    if (outcomeUnknown) {
      append(description, OUTCOME_UNKNOWN_HINT);
    }
    return new BandwidthException(
        call.action(),
        answer.status(),
        null,
        Excerpts.redact(description.toString(), call.secrets()),
        null,
        outcomeUnknown);
  }

  private record Details(Integer code, String description) {}

  private static Details details(HttpCall call, Answer answer) {
    byte[] body = answer.body();
    if (body.length == 0) {
      return new Details(null, "");
    }
    if (call.answerKind() == HttpCall.AnswerKind.TOKEN_JSON) {
      return tokenError(body);
    }
    try {
      ResponseStatusTemplate parsed = Xml.read(body, ResponseStatusTemplate.class);
      Details found = fromTemplate(parsed);
      if (found != null) {
        return found;
      }
    } catch (MalformedAnswerException notXml) {
      // Falls through: 401/403 pages from proxies are HTML or plain text.
    }
    boolean quotable =
        call.answerKind() == HttpCall.AnswerKind.XML
            && answer.status() != 401
            && answer.status() != 403;
    return new Details(null, quotable ? "the answer starts with: " + Excerpts.of(body) : "");
  }

  private static Details fromTemplate(ResponseStatusTemplate parsed) {
    if (parsed.status != null
        && (parsed.status.errorCode != null || parsed.status.description != null)) {
      return new Details(
          Orders.codeOrNull(parsed.status.errorCode), text(parsed.status.description));
    }
    if (parsed.errors.isEmpty()) {
      return null;
    }
    Set<String> descriptions = new LinkedHashSet<>();
    parsed.errors.forEach(e -> descriptions.add(text(e.description)));
    descriptions.remove("");
    return new Details(
        Orders.codeOrNull(parsed.errors.get(0).code), String.join("; ", descriptions));
  }

  /** RFC 6749 errors: {@code {"error":"invalid_client","error_description":"…"}}. */
  private static Details tokenError(byte[] body) {
    try {
      JsonNode node = JSON.readTree(body);
      if (node != null && node.hasNonNull("error")) {
        String description = node.path("error_description").asText("");
        String error = Excerpts.clean(node.get("error").asText(), 60);
        return new Details(
            null,
            description.isBlank()
                ? error
                : error + " (" + Excerpts.clean(description, Excerpts.MAX) + ")");
      }
    } catch (IOException notJson) {
      // Falls through to an empty description: never quote a token endpoint's body.
    }
    return new Details(null, "");
  }

  private String hint(HttpCall call, int status) {
    boolean token = call.answerKind() == HttpCall.AnswerKind.TOKEN_JSON;
    if (status == 401 && !token && credentials instanceof Credentials.OAuth2 oauth) {
      // The token endpoint took the client credentials, so their values are right.
      return "the credentials were refused; portlock sent a Bearer token that "
          + oauth.tokenUrl()
          + " issued for "
          + credentials.describe()
          + ": the API refuses tokens of another"
          + " environment (a token of test.api.bandwidth.com is refused by production, and the"
          + " reverse), so check that the API URL and the token URL belong to one environment";
    }
    if (status == 401 || (token && status == 400)) {
      return "the credentials were refused; portlock sent "
          + credentials.describe()
          + ": check their values";
    }
    if (status == 403) {
      return "access was denied; portlock sent "
          + credentials.describe()
          + ": check that they may use account "
          + account;
    }
    return null;
  }

  private static void append(StringBuilder description, String more) {
    if (description.length() > 0) {
      description.append("; ");
    }
    description.append(more);
  }

  private static String text(String value) {
    return value == null ? "" : Excerpts.clean(value, 300);
  }
}
