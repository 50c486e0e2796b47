package io.portlock.sandbox;

import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

/**
 * Lets a request through to the account's resources when it carries the sandbox's Basic credentials
 * or a live Bearer token (else 401), and names the sandbox's account (else 403 with error 1001, as
 * Bandwidth answers for someone else's account).
 */
final class Authenticator {
  static final String USER = "sandbox.user";

  private final String account;
  private final String user;
  private final String password;
  private final String clientId;
  private final OAuthHandler oauth;

  Authenticator(String account, String user, String password, String clientId, OAuthHandler oauth) {
    this.account = account;
    this.user = user;
    this.password = password;
    this.clientId = clientId;
    this.oauth = oauth;
  }

  void handle(RoutingContext ctx) {
    String header = ctx.request().getHeader(HttpHeaders.AUTHORIZATION);
    String caller = caller(header);
    if (caller == null) {
      // Before any body is read, and the connection closed after: its body is never drained.
      ctx.response()
          .putHeader(HttpHeaders.CONNECTION, "close")
          .endHandler(done -> ctx.request().connection().close());
      Replies.unauthorized(ctx);
      return;
    }
    String requested = ctx.pathParam("accountId");
    if (!account.equals(requested)) {
      Replies.error(
          ctx,
          rootFor(ctx.request().path()),
          new ApiError(
              403,
              1001,
              "Access Denied: these credentials do not grant access to account "
                  + requested
                  + "."));
      return;
    }
    ctx.put(USER, caller);
    ctx.next();
  }

  /** For top-level resources ({@code /tns}): authenticated, the account checked by the handler. */
  void handleTopLevel(RoutingContext ctx) {
    String caller = caller(ctx.request().getHeader(HttpHeaders.AUTHORIZATION));
    if (caller == null) {
      Replies.unauthorized(ctx);
      return;
    }
    ctx.put(USER, caller);
    ctx.next();
  }

  /** The user the request acts as, or null when it is not authenticated. */
  private String caller(String header) {
    if (header == null) {
      return null;
    }
    if (header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return oauth.isValid(header.substring(7).trim()) ? clientId : null;
    }
    String[] credentials = BasicCredentials.parse(header);
    return BasicCredentials.matches(credentials, user, password) ? user : null;
  }

  /** Bandwidth names the error root after the resource: {@code <TnOptionOrderResponse>} etc. */
  static String rootFor(String path) {
    if (path.contains("/tnPortoutPasscodes")) {
      return "TelephoneNumbersResponse";
    }
    if (path.contains("/tnoptions")) {
      return "TnOptionOrderResponse";
    }
    return "ErrorResponse";
  }
}
