package io.portlock.bandwidth;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * Produces the {@code Authorization} header of API requests. For OAuth2 it caches the token and
 * renews it when under a minute of life is left, one renewal at a time across threads.
 */
final class Authorizer {
  static final Duration RENEW_BEFORE_EXPIRY = Duration.ofSeconds(60);

  /** Used when the token answer has no expires_in: short, so a wrong guess costs little. */
  static final Duration ASSUMED_LIFETIME = Duration.ofMinutes(5);

  private static final ObjectMapper JSON =
      new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  /** A header to send; {@code renewable} when a 401 may be cured by fetching a new token. */
  record Grant(String header, boolean renewable) {
    @Override
    public String toString() {
      return "Grant(sensitive)";
    }
  }

  private record Token(String header, long expiresAtNanos) {}

  private final Credentials credentials;
  private final Function<HttpCall, Answer> sender;
  private final LongSupplier nanoTime;
  private Token token; // guarded by this

  /**
   * @param sender sends the token request (with retries) and returns its 2xx answer
   */
  Authorizer(Credentials credentials, Function<HttpCall, Answer> sender, LongSupplier nanoTime) {
    this.credentials = credentials;
    this.sender = sender;
    this.nanoTime = nanoTime;
  }

  Grant grant() {
    if (credentials instanceof Credentials.OAuth2 oauth) {
      return new Grant(bearer(oauth), true);
    }
    if (credentials instanceof Credentials.Basic basic) {
      return new Grant(basic(basic.user(), basic.password()), false);
    }
    return new Grant(null, false);
  }

  /** Forgets the token of {@code grant} after a 401, unless another thread already renewed it. */
  synchronized void invalidate(Grant grant) {
    if (token != null && token.header().equals(grant.header())) {
      token = null;
    }
  }

  // Synchronized on purpose: threads arriving during a renewal wait for it instead of each
  // fetching a token of their own.
  private synchronized String bearer(Credentials.OAuth2 oauth) {
    long now = nanoTime.getAsLong();
    if (token == null || token.expiresAtNanos() - now < RENEW_BEFORE_EXPIRY.toNanos()) {
      token = fetch(oauth, now);
    }
    return token.header();
  }

  private Token fetch(Credentials.OAuth2 oauth, long now) {
    String action = "get an OAuth2 token from " + oauth.tokenUrl();
    HttpCall call =
        HttpCall.post(
                action,
                oauth.tokenUrl().toString(),
                "application/x-www-form-urlencoded",
                "grant_type=client_credentials".getBytes(StandardCharsets.US_ASCII))
            .answeredAs(HttpCall.AnswerKind.TOKEN_JSON, "application/json")
            .authorizedBy(basic(oauth.clientId(), oauth.clientSecret()))
            .redacting(List.of(oauth.clientSecret()));
    Answer answer = sender.apply(call);
    JsonNode json;
    try {
      json = JSON.readTree(answer.body());
    } catch (IOException e) {
      json = null;
    }
    String accessToken = json == null ? "" : json.path("access_token").asText("");
    if (accessToken.isBlank()) {
      throw new BandwidthException(
          action,
          answer.status(),
          null,
          "the answer holds no access_token (expected JSON {\"access_token\": …,"
              + " \"expires_in\": …})",
          null);
    }
    long seconds = json.path("expires_in").asLong(ASSUMED_LIFETIME.toSeconds());
    return new Token("Bearer " + accessToken, now + Duration.ofSeconds(seconds).toNanos());
  }

  static String basic(String user, String password) {
    byte[] pair = (user + ":" + password).getBytes(StandardCharsets.UTF_8);
    return "Basic " + Base64.getEncoder().encodeToString(pair);
  }
}
