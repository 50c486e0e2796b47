package io.portlock.sandbox;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.file.FileSystemOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A local Bandwidth Numbers API for port-out passcodes: the same paths, authentication, answers,
 * asynchronous processing and per-number errors as the real one, plus fault injection and
 * inspection hooks for tests. Listens on 127.0.0.1 only.
 *
 * <p>Orders still in flight when the sandbox closes are finished before the state is saved, so a
 * restarted sandbox never holds a half-processed order; orders found unfinished at start (after a
 * crash) are processed again from the start.
 */
public final class Sandbox implements AutoCloseable {
  /**
   * Where the API is served: {@code /api/v1}, Bandwidth's documented v1 base; {@code /api}, where
   * its PHP, Python and Node SDKs send requests; and {@code /v1.0} without {@code /api}, where its
   * Java SDK (bandwidth-java-iris-sdk) sends every request: it replaces the path of the URL it is
   * given with {@code /v1.0/accounts/…}, whatever that URL says. No source uses {@code /api/v1.0}.
   */
  private static final String[] API_PREFIXES = {"/api/v1", "/api", "/v1.0"};

  private static final String TOKEN_PATH = "/api/v1/oauth2/token";

  /** Orders of 100,000 numbers are about 5 MB; well above that is a mistake, not an order. */
  private static final long BODY_LIMIT = 64L * 1024 * 1024;

  /** Bodies held at once: two of the largest, or hundreds of real orders. */
  private static final long BODY_BUDGET = 2 * BODY_LIMIT;

  /** A token request is a short form. */
  private static final long TOKEN_BODY_LIMIT = 64 * 1024;

  private final Vertx vertx;
  private final HttpServer server;
  private final SandboxState state;
  private final OrderProcessor processor;
  private final FaultInjector faults;
  private final OAuthHandler oauth;
  private final Persister persister;
  private boolean closed;

  private Sandbox(
      Vertx vertx,
      HttpServer server,
      SandboxState state,
      OrderProcessor processor,
      FaultInjector faults,
      OAuthHandler oauth,
      Persister persister) {
    this.vertx = vertx;
    this.server = server;
    this.state = state;
    this.processor = processor;
    this.faults = faults;
    this.oauth = oauth;
    this.persister = persister;
  }

  /**
   * Loads the data directory (if any), starts listening and returns once the port is open.
   *
   * @throws IllegalStateException when the port cannot be opened or the data file is unreadable
   */
  public static Sandbox start(SandboxOptions options) {
    return start(options, Clock.systemUTC());
  }

  /**
   * The same on {@code clock}: what the sandbox takes for now in its token lifetimes, order
   * timestamps, lookup lag and rate-limit windows, so that a test can step them.
   */
  public static Sandbox start(SandboxOptions options, Clock clock) {
    Vertx vertx =
        Vertx.vertx(
            new VertxOptions()
                .setEventLoopPoolSize(1)
                .setWorkerPoolSize(2)
                .setInternalBlockingPoolSize(2)
                .setFileSystemOptions(
                    new FileSystemOptions()
                        .setFileCachingEnabled(false)
                        .setClassPathResolvingEnabled(false)));
    try {
      return start(options, vertx, clock);
    } catch (RuntimeException e) {
      await(vertx.close());
      throw e;
    }
  }

  private static Sandbox start(SandboxOptions options, Vertx vertx, Clock clock) {
    SandboxStore store = options.dataDir() == null ? null : new SandboxStore(options.dataDir());
    Persister persister = new Persister(vertx, store);
    SandboxState state =
        new SandboxState(
            options.account(),
            new Inventory(options.inventory(), options.profile()),
            persister::changed);
    OrderProcessor processor = new OrderProcessor(vertx, state, clock, options.processingDelay());
    List<Order> unfinished = List.of();
    if (store != null) {
      store.prepareFolder(); // with its .gitignore before any passcode is written there
      SandboxStore.Data data = store.load();
      if (data != null) {
        unfinished = SandboxStore.restore(data, state);
      }
    }
    persister.attach(state);
    FaultInjector faults = new FaultInjector(vertx, clock, options.faults());
    OAuthHandler oauth = new OAuthHandler(options.clientId(), options.clientSecret(), clock);
    Authenticator auth =
        new Authenticator(
            options.account(), options.user(), options.password(), options.clientId(), oauth);
    TnOptionsHandler tnOptions =
        new TnOptionsHandler(state, processor, clock, options.maxNumbersPerOrder(), faults);
    PasscodesHandler passcodes = new PasscodesHandler(state, faults);
    NumbersHandler numbers = new NumbersHandler(state, faults, options.profile());

    Router router = Router.router(vertx);
    // Bodies are read only once the request is authenticated and there is room for them: an
    // unauthenticated caller must not make the sandbox hold 64 MB per connection.
    BodyBudget bodies = new BodyBudget(BODY_LIMIT, BODY_BUDGET);
    router
        .post(TOKEN_PATH)
        .handler(BodyHandler.create(false).setBodyLimit(TOKEN_BODY_LIMIT))
        .handler(faults.latencyOnly())
        .handler(oauth::token);
    for (String prefix : API_PREFIXES) {
      String account = prefix + "/accounts/:accountId";
      Handler<RoutingContext> countCreate =
          ctx -> {
            state.countCreateRequest();
            ctx.next();
          };
      router.route(HttpMethod.POST, account + "/tnoptions").handler(countCreate);
      router.route(account + "/*").handler(auth::handle).handler(bodies::handle);
      // A route of its own: Vert.x refuses a body handler after others on one route. The body
      // is read before the faults' latency, whose timer would otherwise race the request's end.
      router.route(account + "/*").handler(BodyHandler.create(false).setBodyLimit(BODY_LIMIT));
      router.route(prefix + "/accounts/*").handler(faults.allFaults());
      router.post(account + "/tnoptions").handler(tnOptions::create);
      router.get(account + "/tnoptions").handler(faults.seeOther()).handler(tnOptions::list);
      router.get(account + "/tnoptions/:orderId").handler(tnOptions::get);
      router.get(account + "/tnoptions/:orderId/history").handler(tnOptions::history);
      router
          .get(account + "/tnPortoutPasscodes")
          .handler(faults.seeOther())
          .handler(passcodes::get);
      router.post(account + "/tnPortoutPasscodes").handler(passcodes::post);
      router.get(account + "/inserviceNumbers").handler(numbers::inService);
      router.post(account + "/orders").handler(numbers::order);
      // /tns is top-level: the account is a query parameter, checked by the handler.
      router
          .get(prefix + "/tns")
          .handler(auth::handleTopLevel)
          .handler(faults.allFaults())
          .handler(faults.seeOther())
          .handler(numbers::tns);
    }

    HttpServer server =
        vertx.createHttpServer(
            new HttpServerOptions().setHost("127.0.0.1").setPort(options.port()));
    server.requestHandler(router);
    try {
      await(server.listen());
    } catch (RuntimeException e) {
      throw new IllegalStateException(
          "could not listen on 127.0.0.1:" + options.port() + ": " + e.getMessage(), e);
    }
    for (Order order : unfinished) {
      processor.schedule(order);
    }
    return new Sandbox(vertx, server, state, processor, faults, oauth, persister);
  }

  /**
   * {@code http://127.0.0.1:PORT/api/v1}, like Bandwidth's {@code
   * https://api.bandwidth.com/api/v1}. Bandwidth's Java SDK takes only {@code
   * http://127.0.0.1:PORT} and version {@code v1.0} (see {@code SdkCompatibilityTest}).
   */
  public URI baseUrl() {
    return URI.create("http://127.0.0.1:" + port() + "/api/v1");
  }

  /** {@code http://127.0.0.1:PORT/api/v1/oauth2/token}. */
  public URI tokenUrl() {
    return URI.create("http://127.0.0.1:" + port() + TOKEN_PATH);
  }

  public int port() {
    return server.actualPort();
  }

  /** A copy of every passcode on the account. Secrets: for test assertions only. */
  public Map<Long, String> passcodes() {
    return state.passcodesCopy();
  }

  /** Sets ({@code null}: removes) a passcode as if someone changed it outside portlock. */
  public void setPasscode(long tn, String passcodeOrNull) {
    state.setPasscode(tn, passcodeOrNull);
  }

  /** The number joins the account (bought), with its tier (0: on-net), without a passcode. */
  public void buyNumber(long tn, int tier) {
    state.buyNumber(tn, tier);
  }

  /** The number leaves the account: later orders get 5076 for it, and its passcode is gone. */
  public void removeNumberFromAccount(long tn) {
    state.removeNumber(tn);
  }

  /** Every create request accepted since start, in order. */
  public List<ReceivedOrder> receivedOrders() {
    return state.receivedOrders();
  }

  /** How many {@code POST /tnoptions} arrived, including refused and faulted ones. */
  public int createRequests() {
    return state.createRequests();
  }

  /** How many faults were injected since start, by kind. */
  public FaultCounts faultCounts() {
    return faults.counts();
  }

  /** Replaces the faults; the random restarts from the new seed. */
  public void setFaults(SandboxOptions.Faults faults) {
    this.faults.set(faults);
  }

  /** How long orders accepted from now on take to end. */
  public void setProcessingDelay(Duration delay) {
    processor.setDelay(delay, delay);
  }

  /**
   * Orders accepted from now on take a uniformly drawn time between {@code min} and {@code max}.
   */
  public void setProcessingDelay(Duration min, Duration max) {
    processor.setDelay(min, max);
  }

  /** The lifetime of tokens issued from now on (default 3600 s). */
  public void setTokenLifetime(Duration lifetime) {
    oauth.setLifetime(lifetime);
  }

  /** Stops listening, finishes orders in flight, saves, and stops Vert.x. Idempotent. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      await(server.close());
      processor.finishAllNow();
      persister.flushAndClose();
    } finally {
      await(vertx.close());
    }
  }

  private static <T> T await(io.vertx.core.Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      throw cause instanceof RuntimeException re
          ? re
          : new IllegalStateException(cause.getMessage(), cause);
    } catch (TimeoutException e) {
      throw new IllegalStateException("timed out after 30 s", e);
    }
  }
}
