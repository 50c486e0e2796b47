package io.portlock.sandbox;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code POST /api/v1/oauth2/token}: the OAuth 2.0 client-credentials grant, issuing Bearer tokens
 * that expire like Bandwidth's. The lifetime defaults to 3600 s, or the system property {@value
 * #LIFETIME_PROPERTY} (seconds), or {@link #setLifetime} for tests of token refresh.
 */
final class OAuthHandler {
  static final String LIFETIME_PROPERTY = "portlock.sandbox.tokenLifetimeSeconds";

  private final String clientId;
  private final String clientSecret;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();
  private final Map<String, Instant> tokens = new ConcurrentHashMap<>();
  private volatile Duration lifetime = Duration.ofSeconds(Long.getLong(LIFETIME_PROPERTY, 3600L));

  OAuthHandler(String clientId, String clientSecret, Clock clock) {
    this.clientId = clientId;
    this.clientSecret = clientSecret;
    this.clock = clock;
  }

  void setLifetime(Duration lifetime) {
    this.lifetime = lifetime;
  }

  void token(RoutingContext ctx) {
    String[] credentials =
        BasicCredentials.parse(ctx.request().getHeader(HttpHeaders.AUTHORIZATION));
    if (credentials == null) {
      // RFC 6749 also allows the client credentials in the form body.
      credentials =
          new String[] {
            ctx.request().getFormAttribute("client_id"),
            ctx.request().getFormAttribute("client_secret")
          };
    }
    if (!BasicCredentials.matches(credentials, clientId, clientSecret)) {
      ctx.response()
          .setStatusCode(401)
          .putHeader("WWW-Authenticate", "Basic realm=\"Bandwidth sandbox\"")
          .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
          .end(new JsonObject().put("error", "invalid_client").encode());
      return;
    }
    if (!"client_credentials".equals(ctx.request().getFormAttribute("grant_type"))) {
      ctx.response()
          .setStatusCode(400)
          .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
          .end(new JsonObject().put("error", "unsupported_grant_type").encode());
      return;
    }
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    Duration life = lifetime;
    tokens.put(token, clock.instant().plus(life));
    ctx.response()
        .setStatusCode(200)
        .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
        .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
        .end(
            new JsonObject()
                .put("access_token", token)
                .put("token_type", "Bearer")
                .put("expires_in", life.toSeconds())
                .encode());
  }

  /** True when {@code token} was issued here and has not expired. */
  boolean isValid(String token) {
    Instant expiry = tokens.get(token);
    if (expiry == null) {
      return false;
    }
    if (!clock.instant().isBefore(expiry)) {
      tokens.remove(token);
      return false;
    }
    return true;
  }
}
