package io.portlock.sandbox;

import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Bounds the request bodies the sandbox holds at once. A body is reserved at its announced size
 * (the largest allowed when it is chunked) before a byte of it is read; when the reservations would
 * pass the budget the request is answered 429 with {@code Retry-After}, as Bandwidth answers a
 * client that sends too much at once. Twelve 63 MB bodies once wedged the sandbox.
 */
final class BodyBudget {
  private final long maxBody;
  private final long budget;
  private final AtomicLong reserved = new AtomicLong();

  BodyBudget(long maxBody, long budget) {
    this.maxBody = maxBody;
    this.budget = budget;
  }

  void handle(RoutingContext ctx) {
    if (ctx.request().isEnded()) {
      ctx.next();
      return;
    }
    long size = announced(ctx);
    if (size > maxBody) {
      refuse(ctx, 413, null);
      return;
    }
    if (size == 0) {
      ctx.next();
      return;
    }
    if (reserved.addAndGet(size) > budget) {
      reserved.addAndGet(-size);
      refuse(ctx, 429, "1");
      return;
    }
    AtomicBoolean released = new AtomicBoolean();
    // Called when the answer is sent, fails, or the connection closes: the room is freed once.
    ctx.addEndHandler(
        done -> {
          if (released.compareAndSet(false, true)) {
            reserved.addAndGet(-size);
          }
        });
    ctx.next();
  }

  private long announced(RoutingContext ctx) {
    String length = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
    if (length == null) {
      return "chunked".equalsIgnoreCase(ctx.request().getHeader(HttpHeaders.TRANSFER_ENCODING))
          ? maxBody
          : 0;
    }
    try {
      return Math.max(0, Long.parseLong(length.trim()));
    } catch (NumberFormatException e) {
      return maxBody + 1;
    }
  }

  /** Answers without reading the body, then closes: draining it would be the very cost. */
  private static void refuse(RoutingContext ctx, int status, String retryAfter) {
    var response = ctx.response().setStatusCode(status).putHeader(HttpHeaders.CONNECTION, "close");
    if (retryAfter != null) {
      response.putHeader("Retry-After", retryAfter);
    }
    response.end().onComplete(done -> ctx.request().connection().close());
  }
}
