package io.portlock.sandbox;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import java.util.Random;

/**
 * Injects the failures a real network and a busy Bandwidth produce (latency, 429, 500, dropped
 * connections), drawn from a seeded {@link Random} so a failing test can be replayed.
 */
final class FaultInjector {
  private static final String DROP_ANSWER = "sandbox.dropAnswer";

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
  private SandboxOptions.Faults faults;
  private Random random;
  private final long[] counts = new long[Fault.values().length];

  FaultInjector(Vertx vertx, SandboxOptions.Faults faults) {
    this.vertx = vertx;
    set(faults);
  }

  synchronized void set(SandboxOptions.Faults faults) {
    this.faults = faults == null ? SandboxOptions.Faults.none() : faults;
    this.random = new Random(this.faults.seed());
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
    return new FaultCounts(counts[Fault.TOO_MANY_REQUESTS.ordinal()],
        counts[Fault.SERVER_ERROR.ordinal()], counts[Fault.DROP_BEFORE.ordinal()],
        counts[Fault.DROP_AFTER.ordinal()]);
  }

  /** Every fault, for the API routes. */
  Handler<RoutingContext> allFaults() {
    return ctx -> handle(ctx, draw(false));
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
      case TOO_MANY_REQUESTS -> ctx.response()
          .setStatusCode(429)
          .putHeader(HttpHeaders.RETRY_AFTER, Integer.toString(draw.retryAfterSeconds()))
          .end();
      case SERVER_ERROR -> ctx.response()
          .setStatusCode(500)
          .putHeader(HttpHeaders.CONTENT_TYPE, Replies.XML)
          .end(XmlWriter.document()
              .open("ErrorResponse").open("ResponseStatus")
              .leaf("Description", "Internal server error (injected by the sandbox).")
              .close("ResponseStatus").close("ErrorResponse")
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
