package io.portlock.bandwidth;

import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.file.FileSystemOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * A real HTTP server on 127.0.0.1 for tests, after OkHttp's MockWebServer: answers are queued (or
 * computed per path by a route), every request is recorded. Public so that the fuzz tests ({@code
 * io.portlock.fuzz}) can serve hostile answers to the client.
 */
public final class MockBandwidthServer implements AutoCloseable {
  public static final String BASE_PATH = "/api/v1.0";

  /** A request as the server saw it. */
  public record RecordedRequest(
      String method,
      String path,
      MultiMap params,
      Map<String, String> headers,
      String body,
      long receivedAtNanos) {
    String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }

    String param(String name) {
      return params.get(name);
    }
  }

  /** What to answer: a status, headers and body, or a dropped connection. */
  public record MockAnswer(int status, Map<String, String> headers, String body, boolean drop) {
    public static MockAnswer status(int status) {
      return new MockAnswer(status, Map.of(), "", false);
    }

    public static MockAnswer xml(int status, String body) {
      return status(status).header("Content-Type", "application/xml").body(body);
    }

    /** Reads the request, then closes the connection without answering. */
    static MockAnswer dropConnection() {
      return new MockAnswer(0, Map.of(), "", true);
    }

    /** Reads the request and never answers: for timeouts. */
    static MockAnswer silence() {
      return new MockAnswer(-1, Map.of(), "", false);
    }

    public MockAnswer header(String name, String value) {
      Map<String, String> more = new LinkedHashMap<>(headers);
      more.put(name, value);
      return new MockAnswer(status, more, body, drop);
    }

    public MockAnswer body(String text) {
      return new MockAnswer(status, headers, text, drop);
    }
  }

  private final Vertx vertx;
  private final HttpServer server;
  private final ConcurrentLinkedQueue<MockAnswer> queue = new ConcurrentLinkedQueue<>();
  private final Map<String, Function<RecordedRequest, MockAnswer>> routes =
      new java.util.concurrent.ConcurrentHashMap<>();
  private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();

  private MockBandwidthServer() throws Exception {
    vertx =
        Vertx.vertx(
            new VertxOptions()
                .setEventLoopPoolSize(1)
                .setWorkerPoolSize(1)
                .setFileSystemOptions(
                    new FileSystemOptions()
                        .setFileCachingEnabled(false)
                        .setClassPathResolvingEnabled(false)));
    server = vertx.createHttpServer().requestHandler(this::handle);
    server
        .listen(0, "127.0.0.1")
        .toCompletionStage()
        .toCompletableFuture()
        .get(10, TimeUnit.SECONDS);
  }

  public static MockBandwidthServer start() {
    try {
      return new MockBandwidthServer();
    } catch (Exception e) {
      throw new IllegalStateException("could not start the mock server", e);
    }
  }

  /** The API base, like {@code https://api.bandwidth.com/api/v1}. */
  public URI baseUrl() {
    return url(BASE_PATH);
  }

  URI url(String path) {
    return URI.create("http://127.0.0.1:" + server.actualPort() + path);
  }

  public MockBandwidthServer enqueue(MockAnswer answer) {
    queue.add(answer);
    return this;
  }

  /** Answers every request whose path is {@code path} with {@code route} instead of the queue. */
  public MockBandwidthServer route(String path, Function<RecordedRequest, MockAnswer> route) {
    routes.put(path, route);
    return this;
  }

  List<RecordedRequest> requests() {
    return List.copyOf(requests);
  }

  /** Requests to {@code path}, in arrival order. */
  List<RecordedRequest> requestsTo(String path) {
    List<RecordedRequest> matching = new ArrayList<>();
    requests.forEach(
        r -> {
          if (r.path().equals(path)) {
            matching.add(r);
          }
        });
    return matching;
  }

  private void handle(HttpServerRequest request) {
    request
        .body()
        .onSuccess(
            buffer -> {
              Map<String, String> headers = new LinkedHashMap<>();
              request
                  .headers()
                  .forEach(
                      e -> headers.putIfAbsent(e.getKey().toLowerCase(Locale.ROOT), e.getValue()));
              RecordedRequest recorded =
                  new RecordedRequest(
                      request.method().name(),
                      request.path(),
                      MultiMap.caseInsensitiveMultiMap().addAll(request.params()),
                      headers,
                      buffer.toString(StandardCharsets.UTF_8),
                      System.nanoTime());
              requests.add(recorded);
              Function<RecordedRequest, MockAnswer> route = routes.get(request.path());
              MockAnswer answer = route != null ? route.apply(recorded) : queue.poll();
              if (answer == null) {
                answer = MockAnswer.status(418).body("no answer queued for " + request.path());
              }
              if (answer.drop()) {
                request.connection().close();
                return;
              }
              if (answer.status() < 0) {
                return;
              }
              HttpServerResponse response = request.response().setStatusCode(answer.status());
              answer.headers().forEach(response::putHeader);
              response.end(answer.body());
            });
  }

  @Override
  public void close() {
    try {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("could not stop the mock server", e);
    }
  }
}
