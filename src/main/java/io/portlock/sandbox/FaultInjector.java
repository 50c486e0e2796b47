package io.portlock.sandbox;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Duration;
import java.util.Random;

/**
 * Injects the failures a real network and a busy Bandwidth produce (latency, 429, 500, dropped
 * connections), drawn from a seeded {@link Random} so a failing test can be replayed, and the
 * inconvenient ways of Bandwidth's API: rate-limit windows, 303 on list reads, lookups that lag
 * behind creates, lost create answers and E.164 numbers.
 */
final class FaultInjector {
  private static final String DROP_ANSWER = "sandbox.dropAnswer";

  /** Marks a list read that already went through its 303, so that it is answered. */
  static final String SEE_OTHER_PARAM = "seeOther";

  /** What happens to the answer of an accepted create. */
  enum LostAnswer {
    NONE,
    /** The connection closes: the client cannot tell whether the order arrived. */
    DROP,
    /** The 201 keeps its Location header, but its body stops half-way. */
    CUT
  }

  /** What happens to one request. */
  enum Fault {
    NONE,
    TOO_MANY_REQUESTS,
    SERVER_ERROR,
    /** The connection closes before the request is looked at: nothing happened. */
    DROP_BEFORE,
    /** The request is processed, then the connection closes: the client cannot know it worked. */
    DROP_AFTER
  }

  private record Draw(long latencyMillis, Fault fault, int retryAfterSeconds) {}

  private final Vertx vertx;
  private final Clock clock;
  private SandboxOptions.Faults faults;
  private Random random;
  private final long[] counts = new long[Fault.values().length];
  private long rateLimited;
  private long lostAnswers;
  private long redirects;

  /** Rate-limit windows start on the second the faults were set. */
  private long windowsStartMillis;

  private long windowIndex;
  private int requestsInWindow;

  FaultInjector(Vertx vertx, Clock clock, SandboxOptions.Faults faults) {
    this.vertx = vertx;
    this.clock = clock;
    set(faults);
  }

  synchronized void set(SandboxOptions.Faults faults) {
    this.faults = faults == null ? SandboxOptions.Faults.none() : faults;
    this.random = new Random(this.faults.seed());
    this.windowsStartMillis = clock.millis() / 1000 * 1000;
    this.windowIndex = 0;
    this.requestsInWindow = 0;
  }

  /**
   * Counts one API request against the current window; the epoch second the window ends when the
   * request is over its limit, else null.
   */
  private synchronized Long rateLimitReset() {
    if (faults.rateLimitRequests() <= 0) {
      return null;
    }
    long length = faults.rateLimitWindow().toMillis();
    long index = (clock.millis() - windowsStartMillis) / length;
    if (index != windowIndex) {
      windowIndex = index;
      requestsInWindow = 0;
    }
    if (++requestsInWindow <= faults.rateLimitRequests()) {
      return null;
    }
    rateLimited++;
    long endMillis = windowsStartMillis + (index + 1) * length;
    return (endMillis + 999) / 1000;
  }

  synchronized boolean e164() {
    return faults.e164();
  }

  synchronized Duration lookupLag() {
    return faults.lookupLag();
  }

  /** Draws what becomes of the answer to a create that was accepted. */
  synchronized LostAnswer lostCreateAnswer() {
    if (faults.lostCreateRate() <= 0 || random.nextDouble() >= faults.lostCreateRate()) {
      return LostAnswer.NONE;
    }
    lostAnswers++;
    return random.nextBoolean() ? LostAnswer.DROP : LostAnswer.CUT;
  }

  private synchronized boolean drawRedirect() {
    if (faults.redirectRate() <= 0 || random.nextDouble() >= faults.redirectRate()) {
      return false;
    }
    redirects++;
    return true;
  }

  /**
   * For list reads: {@code 303 See Other} to the same URL on the same host, marked so that the
   * second request is answered.
   */
  Handler<RoutingContext> seeOther() {
    return ctx -> {
      if (ctx.queryParams().contains(SEE_OTHER_PARAM) || !drawRedirect()) {
        ctx.next();
        return;
      }
      String uri = ctx.request().uri();
      String location =
          "http://"
              + ctx.request().authority()
              + uri
              + (uri.contains("?") ? "&" : "?")
              + SEE_OTHER_PARAM
              + "=1";
      ctx.response().setStatusCode(303).putHeader(HttpHeaders.LOCATION, location).end();
    };
  }

  private synchronized Draw draw(boolean latencyOnly) {
    long latency = faults.latency() == null ? 0 : faults.latency().toMillis();
    if (latencyOnly) {
      return new Draw(latency, Fault.NONE, 0);
    }
    double r = random.nextDouble();
    Fault fault;
    if (r < faults.dropRate()) {
      fault = random.nextBoolean() ? Fault.DROP_BEFORE : Fault.DROP_AFTER;
    } else if (r < faults.dropRate() + faults.rate429()) {
      fault = Fault.TOO_MANY_REQUESTS;
    } else if (r < faults.dropRate() + faults.rate429() + faults.rate500()) {
      fault = Fault.SERVER_ERROR;
    } else {
      fault = Fault.NONE;
    }
    counts[fault.ordinal()]++;
    return new Draw(latency, fault, Math.max(0, faults.retryAfterSeconds()));
  }

  /** The faults drawn so far; a new {@link #set} restarts the random but keeps counting. */
  synchronized FaultCounts counts() {
    return new FaultCounts(
        counts[Fault.TOO_MANY_REQUESTS.ordinal()],
        counts[Fault.SERVER_ERROR.ordinal()],
        counts[Fault.DROP_BEFORE.ordinal()],
        counts[Fault.DROP_AFTER.ordinal()],
        rateLimited,
        lostAnswers,
        redirects);
  }

  /** Every fault, for the API routes; the rate limit first, as Bandwidth counts every call. */
  Handler<RoutingContext> allFaults() {
    return ctx -> {
      Long reset = rateLimitReset();
      if (reset != null) {
        // The Numbers API's own answer: no Retry-After, no body.
        ctx.response()
            .setStatusCode(429)
            .putHeader("X-RateLimit-Reset", Long.toString(reset))
            .end();
        return;
      }
      handle(ctx, draw(false));
    };
  }

  /** Latency only: the token endpoint must stay reachable for clients to test their retries. */
  Handler<RoutingContext> latencyOnly() {
    return ctx -> handle(ctx, draw(true));
  }

  private void handle(RoutingContext ctx, Draw draw) {
    if (draw.latencyMillis() > 0) {
      vertx.setTimer(draw.latencyMillis(), id -> apply(ctx, draw));
    } else {
      apply(ctx, draw);
    }
  }

  private static void apply(RoutingContext ctx, Draw draw) {
    switch (draw.fault()) {
      case NONE -> ctx.next();
      case TOO_MANY_REQUESTS ->
          ctx.response()
              .setStatusCode(429)
              .putHeader(HttpHeaders.RETRY_AFTER, Integer.toString(draw.retryAfterSeconds()))
              .end();
      case SERVER_ERROR ->
          ctx.response()
              .setStatusCode(500)
              .putHeader(HttpHeaders.CONTENT_TYPE, Replies.XML)
              .end(
                  XmlWriter.document()
                      .open("ErrorResponse")
                      .open("ResponseStatus")
                      .leaf("Description", "Internal server error (injected by the sandbox).")
                      .close("ResponseStatus")
                      .close("ErrorResponse")
                      .toString());
      case DROP_BEFORE -> ctx.request().connection().close();
      case DROP_AFTER -> {
        ctx.put(DROP_ANSWER, Boolean.TRUE);
        ctx.next();
      }
    }
  }

  static boolean dropsAnswer(RoutingContext ctx) {
    return Boolean.TRUE.equals(ctx.get(DROP_ANSWER));
  }
}
