package io.portlock.bandwidth;

import io.portlock.domain.Sleeper;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;

/**
 * Sends calls over a Vert.x {@link WebClient} and blocks the calling thread for the answer,
 * retrying 429, 5xx and dropped connections as {@link RetryPolicy} allows and renewing an OAuth2
 * token once on 401. Returns 2xx answers; everything else becomes a {@link BandwidthException}.
 */
final class Transport implements AutoCloseable {
  /** Beyond Vert.x's own request timeout, so that a lost callback cannot hang a thread. */
  private static final Duration SAFETY_MARGIN = Duration.ofSeconds(5);

  /** 303s followed for one call; more is a loop. */
  private static final int MAX_REDIRECTS = 5;

  private static final Duration MAX_JITTER = Duration.ofSeconds(1);

  private final ClientSettings settings;
  private final WebClient client;
  private final Authorizer authorizer;
  private final Failures failures;
  private final Sleeper sleeper;

  /** The wall clock, for the epoch seconds of {@code X-RateLimit-Reset} and HTTP dates. */
  private final Clock clock;

  Transport(Vertx vertx, ClientSettings settings, Sleeper sleeper, Clock clock) {
    this.settings = settings;
    this.sleeper = sleeper;
    this.clock = clock;
    int connectMillis = (int) Math.min(settings.requestTimeout().toMillis(), 30_000);
    WebClientOptions options =
        new WebClientOptions()
            .setUserAgent(UserAgent.VALUE)
            .setConnectTimeout(connectMillis)
            .setMaxPoolSize(settings.readbackParallelism() + 2)
            .setKeepAlive(true)
            // A redirect could carry the Authorization header and passcodes to another host.
            .setFollowRedirects(false);
    this.client = WebClient.create(vertx, options);
    this.authorizer = new Authorizer(settings.credentials(), this::send, System::nanoTime);
    this.failures = new Failures(settings.credentials(), settings.account());
  }

  Failures failures() {
    return failures;
  }

  /**
   * Sends {@code call} until it succeeds or may not be retried; returns only 2xx answers. A 303 on
   * a GET is followed while it stays on the configured host. A 429 that names the end of its window
   * ({@code X-RateLimit-Reset} or {@code Retry-After}) is waited out until then, plus jitter; such
   * waits use neither attempts nor the {@code maxTotal} budget, only {@link
   * RetryPolicy#maxRateLimitWait()}.
   */
  Answer send(HttpCall call) {
    if (Context.isOnEventLoopThread()) {
      throw new IllegalStateException(
          "BandwidthClient blocks until Bandwidth answers: call it from your own thread, not from"
              + " a Vert.x event loop");
    }
    RetryPolicy retry = settings.retry();
    long start = System.nanoTime();
    Duration rateLimited = Duration.ZERO;
    boolean renewedGrant = false;
    int redirects = 0;
    HttpCall current = call;
    for (int attempt = 1; ; attempt++) {
      Authorizer.Grant grant =
          current.authorization() != null
              ? new Authorizer.Grant(current.authorization(), false)
              : authorizer.grant();
      Answer answer;
      try {
        answer = exchange(current, grant.header());
      } catch (ExchangeFailure failure) {
        if (!failure.retryable) {
          throw new BandwidthException(call.action(), 0, null, failure.getMessage(), null);
        }
        if (!call.replayable() && failure.maybeSent) {
          throw new BandwidthException(
              call.action(),
              0,
              null,
              failure.getMessage() + "; " + Failures.OUTCOME_UNKNOWN_HINT,
              null,
              true);
        }
        Duration wait = retry.backoffBefore(attempt, ThreadLocalRandom.current());
        if (!mayRetry(attempt, start, rateLimited, wait)) {
          throw new BandwidthException(
              call.action(), 0, null, failure.getMessage() + gaveUp(attempt, start), null);
        }
        pause(call, wait);
        continue;
      }
      int status = answer.status();
      if (status >= 200 && status < 300) {
        return answer;
      }
      if (status == 303 && current.method() == HttpMethod.GET && ++redirects <= MAX_REDIRECTS) {
        current = current.redirectedTo(sameHostLocation(call, answer));
        attempt--;
        continue;
      }
      if (status == 401 && grant.renewable() && !renewedGrant) {
        // The token may have been revoked or expired early: one fresh token, one more try.
        authorizer.invalidate(grant);
        renewedGrant = true;
        continue;
      }
      if (status != 429 && status < 500) {
        throw failures.of(call, answer, null, false);
      }
      if (status >= 500 && !call.replayable()) {
        throw failures.of(call, answer, Failures.OUTCOME_UNKNOWN_HINT, true);
      }
      Optional<Duration> window = status == 429 ? windowLeft(answer) : Optional.empty();
      if (window.isPresent()) {
        Duration wait = window.get().plus(jitter());
        if (rateLimited.plus(wait).compareTo(retry.maxRateLimitWait()) > 0) {
          throw failures.of(call, answer, windowTooLong(window.get(), retry), false);
        }
        rateLimited = rateLimited.plus(wait);
        pause(call, wait);
        attempt--;
        continue;
      }
      Optional<Duration> asked = retryAfter(answer, clock);
      Duration wait =
          asked.isPresent()
              ? asked.get()
              : retry.backoffBefore(attempt, ThreadLocalRandom.current());
      if (!mayRetry(attempt, start, rateLimited, wait)) {
        String note = gaveUp(attempt, start).trim();
        if (asked.isPresent()) {
          note = note + "; Bandwidth asked to wait " + asked.get().toSeconds() + " s more";
        }
        throw failures.of(call, answer, note, false);
      }
      pause(call, wait);
    }
  }

  private boolean mayRetry(int attempt, long startNanos, Duration rateLimited, Duration wait) {
    RetryPolicy retry = settings.retry();
    long endOfWait = System.nanoTime() + wait.toNanos() - rateLimited.toNanos();
    return attempt < retry.maxAttempts() && endOfWait - startNanos <= retry.maxTotal().toNanos();
  }

  private static String gaveUp(int attempts, long startNanos) {
    double seconds = (System.nanoTime() - startNanos) / 1e9;
    return String.format(
        Locale.ROOT,
        " (gave up after %d attempt%s in %.1f s)",
        attempts,
        attempts == 1 ? "" : "s",
        seconds);
  }

  private void pause(HttpCall call, Duration wait) {
    try {
      sleeper.sleep(wait);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BandwidthException(call.action(), 0, null, "interrupted while waiting to retry", e);
    }
  }

  /**
   * How long the rate-limit window of a 429 still lasts, when the answer says: until {@code
   * X-RateLimit-Reset} (epoch seconds, as the Numbers API sends it, with an empty body) or for
   * {@code Retry-After}, whichever is later. Empty when neither names a time still to come: then
   * the blind backoff applies, and counts as an attempt.
   */
  Optional<Duration> windowLeft(Answer answer) {
    Duration left = Duration.ZERO;
    String reset = answer.header("X-RateLimit-Reset");
    if (reset != null && reset.trim().matches("[0-9]{1,13}")) {
      long value = Long.parseLong(reset.trim());
      // Epoch seconds by the documentation; a value in milliseconds is read as such.
      Instant end =
          value > 100_000_000_000L ? Instant.ofEpochMilli(value) : Instant.ofEpochSecond(value);
      Duration until = Duration.between(clock.instant(), end);
      left = until.isNegative() ? left : until;
    }
    Optional<Duration> asked = retryAfter(answer, clock);
    if (asked.isPresent() && asked.get().compareTo(left) > 0) {
      left = asked.get();
    }
    return left.isZero() ? Optional.empty() : Optional.of(left);
  }

  /** Up to a second, so that parallel callers do not all return at the reset's first instant. */
  private static Duration jitter() {
    return Duration.ofMillis(ThreadLocalRandom.current().nextLong(MAX_JITTER.toMillis() + 1));
  }

  private String windowTooLong(Duration left, RetryPolicy retry) {
    Instant end = clock.instant().plus(left).plusMillis(999).truncatedTo(ChronoUnit.SECONDS);
    long seconds = (left.toMillis() + 999) / 1000;
    return "Bandwidth's rate-limit window ends at "
        + end
        + ", in "
        + seconds
        + " s, later than portlock waits for one ("
        + retry.maxRateLimitWait().toSeconds()
        + " s); run again after that";
  }

  /**
   * The {@code Location} of a 303, resolved against the request, when it keeps the configured
   * scheme, host and port. Anywhere else would receive the Authorization header.
   */
  private String sameHostLocation(HttpCall call, Answer answer) {
    String location = answer.header("Location");
    URI base = settings.baseUrl();
    URI target;
    try {
      target = location == null ? null : URI.create(call.url()).resolve(location.trim());
    } catch (IllegalArgumentException e) {
      target = null;
    }
    if (target == null || !sameOrigin(base, target)) {
      String where =
          location == null ? "nowhere (no Location header)" : Excerpts.clean(location, 200);
      throw new BandwidthException(
          call.action(),
          303,
          null,
          "it redirected to "
              + where
              + ", which is not the configured host "
              + origin(base)
              + "; portlock follows"
              + " redirects only on that host, so that credentials go nowhere else",
          null);
    }
    return target.toString();
  }

  private static boolean sameOrigin(URI a, URI b) {
    return a.getScheme() != null
        && a.getScheme().equalsIgnoreCase(b.getScheme())
        && a.getHost() != null
        && a.getHost().equalsIgnoreCase(b.getHost())
        && port(a) == port(b);
  }

  private static int port(URI uri) {
    return uri.getPort() >= 0
        ? uri.getPort()
        : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
  }

  private static String origin(URI uri) {
    return uri.getScheme() + "://" + uri.getRawAuthority();
  }

  /** {@code Retry-After} in seconds or as an HTTP date; empty when absent or unreadable. */
  static Optional<Duration> retryAfter(Answer answer) {
    return retryAfter(answer, Clock.systemUTC());
  }

  static Optional<Duration> retryAfter(Answer answer, Clock clock) {
    String value = answer.header("Retry-After");
    if (value == null || value.isBlank()) {
      return Optional.empty();
    }
    String v = value.trim();
    if (v.matches("[0-9]{1,9}")) {
      return Optional.of(Duration.ofSeconds(Long.parseLong(v)));
    }
    try {
      ZonedDateTime at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME);
      Duration until = Duration.between(clock.instant(), at.toInstant());
      return Optional.of(until.isNegative() ? Duration.ZERO : until);
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  private Answer exchange(HttpCall call, String authorization) throws ExchangeFailure {
    HttpRequest<Buffer> request =
        client.requestAbs(call.method(), call.url()).as(new CappedBody(settings.maxAnswerBytes()));
    call.query().forEach(q -> request.addQueryParam(q.name(), q.value()));
    request.putHeader("Accept", call.accept());
    if (authorization != null) {
      request.putHeader("Authorization", authorization);
    }
    long timeoutMillis = settings.requestTimeout().toMillis();
    request.timeout(timeoutMillis);
    Future<HttpResponse<Buffer>> future;
    if (call.body() != null) {
      request.putHeader("Content-Type", call.contentType());
      future = request.sendBuffer(Buffer.buffer(call.body()));
    } else {
      future = request.send();
    }
    HttpResponse<Buffer> response;
    try {
      response =
          future
              .toCompletionStage()
              .toCompletableFuture()
              .get(timeoutMillis + SAFETY_MARGIN.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof Error error) {
        throw error; // out of memory, say: Main reports it in one line
      }
      if (e.getCause() instanceof CappedBody.TooLargeException tooLarge) {
        throw tooLarge(call, tooLarge);
      }
      throw ExchangeFailure.of(e.getCause(), settings.requestTimeout());
    } catch (TimeoutException e) {
      throw ExchangeFailure.of(e, settings.requestTimeout());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BandwidthException(
          call.action(), 0, null, "interrupted while waiting for the" + " answer", e);
    }
    Buffer body = response.body();
    return new Answer(
        response.statusCode(), headers(response.headers()), body == null ? null : body.getBytes());
  }

  private static BandwidthException tooLarge(HttpCall call, CappedBody.TooLargeException e) {
    boolean unknown = !call.replayable();
    return new BandwidthException(
        call.action(),
        0,
        null,
        "what arrived was larger than "
            + e.maxBytes
            + " bytes, the most portlock reads (api.max_answer_bytes), and was dropped"
            + " unread; check that api.url is Bandwidth, or raise api.max_answer_bytes"
            + (unknown ? "; " + Failures.OUTCOME_UNKNOWN_HINT : ""),
        null,
        unknown);
  }

  private static Map<String, String> headers(MultiMap multiMap) {
    Map<String, String> headers = new HashMap<>();
    multiMap.forEach(e -> headers.putIfAbsent(e.getKey().toLowerCase(Locale.ROOT), e.getValue()));
    return headers;
  }

  @Override
  public void close() {
    client.close();
  }

  /** No answer came: why, whether a retry may help, and whether the request may have arrived. */
  static final class ExchangeFailure extends Exception {
    final boolean retryable;
    final boolean maybeSent;

    private ExchangeFailure(String message, boolean retryable, boolean maybeSent) {
      super(message, null, false, false);
      this.retryable = retryable;
      this.maybeSent = maybeSent;
    }

    static ExchangeFailure of(Throwable cause, Duration timeout) {
      String detail =
          cause.getMessage() == null
              ? cause.getClass().getSimpleName()
              : Excerpts.clean(cause.getMessage(), 200);
      if (cause instanceof ConnectException) {
        // Refused: nothing was sent, so even an order may be sent again.
        return new ExchangeFailure("could not connect (" + detail + ")", true, false);
      }
      if (cause instanceof UnknownHostException) {
        return new ExchangeFailure("could not resolve the host (" + detail + ")", false, false);
      }
      if (cause instanceof SSLException) {
        return new ExchangeFailure("the TLS handshake failed (" + detail + ")", false, false);
      }
      if (cause instanceof TimeoutException
          || cause.getClass().getSimpleName().contains("Timeout")) {
        String limit =
            timeout.toMillis() < 1000 ? timeout.toMillis() + " ms" : timeout.toSeconds() + " s";
        return new ExchangeFailure("no answer within " + limit, true, true);
      }
      return new ExchangeFailure("the connection failed (" + detail + ")", true, true);
    }
  }
}
