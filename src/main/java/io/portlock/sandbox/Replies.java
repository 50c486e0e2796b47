package io.portlock.sandbox;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

/**
 * Sends answers. Every handler answers through here so that an injected "drop after processing"
 * fault can swallow the answer and close the connection instead.
 */
final class Replies {
  static final String XML = "application/xml";

  private Replies() {}

  static void xml(RoutingContext ctx, int status, String body) {
    if (FaultInjector.dropsAnswer(ctx)) {
      ctx.request().connection().close();
      return;
    }
    ctx.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, XML).end(body);
  }

  /**
   * {@code <root><ResponseStatus><ErrorCode/><Description/></ResponseStatus></root>}, the shape of
   * Bandwidth's 4xx answers; the code is left out where Bandwidth documents none.
   */
  static void error(RoutingContext ctx, String root, ApiError error) {
    XmlWriter xml = XmlWriter.document().open(root).open("ResponseStatus");
    if (error.code != null) {
      xml.leaf("ErrorCode", error.code);
    }
    xml.leaf("Description", error.description()).close("ResponseStatus").close(root);
    xml(ctx, error.httpStatus, xml.toString());
  }

  /** 401 with an empty body, as the v1 API gives no documented body for it. */
  static void unauthorized(RoutingContext ctx) {
    HttpServerResponse response = ctx.response().setStatusCode(401);
    response
        .headers()
        .add("WWW-Authenticate", "Basic realm=\"Bandwidth sandbox\"")
        .add("WWW-Authenticate", "Bearer realm=\"Bandwidth sandbox\"");
    response.end();
  }
}
