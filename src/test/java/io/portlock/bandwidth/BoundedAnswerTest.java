package io.portlock.bandwidth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.portlock.domain.AccountId;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerResponse;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A server that answers with more bytes than any Bandwidth answer holds (a hostile or broken
 * endpoint): the client counts the bytes as they arrive and stops at its limit.
 */
class BoundedAnswerTest {
  private static final int CHUNK = 64 * 1024;

  Vertx vertx;
  HttpServer server;
  final AtomicLong sent = new AtomicLong();
  volatile long answerBytes;

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    server =
        vertx
            .createHttpServer()
            .requestHandler(
                request -> {
                  HttpServerResponse response =
                      request
                          .response()
                          .setChunked(true)
                          .putHeader("Content-Type", "application/xml");
                  Buffer chunk = Buffer.buffer("x".repeat(CHUNK));
                  response.write("<TnOptionOrder><Note>");
                  vertx.setPeriodic(
                      1,
                      id -> {
                        // Sends as fast as the client reads, until the whole answer is out or the
                        // client left.
                        while (!response.writeQueueFull()
                            && sent.get() < answerBytes
                            && !response.closed()) {
                          response.write(chunk);
                          sent.addAndGet(CHUNK);
                        }
                        if (sent.get() >= answerBytes || response.closed()) {
                          vertx.cancelTimer(id);
                          if (!response.closed()) {
                            response.end("</Note></TnOptionOrder>");
                          }
                        }
                      });
                })
            .listen(0, "127.0.0.1")
            .toCompletionStage()
            .toCompletableFuture()
            .get(10, TimeUnit.SECONDS);
  }

  @AfterEach
  void stop() {
    vertx.close();
  }

  private BandwidthClient client(ClientSettings settings) {
    return BandwidthClient.create(settings, vertx);
  }

  private ClientSettings settings() {
    return ClientSettings.of(
            URI.create("http://127.0.0.1:" + server.actualPort() + "/api/v1.0"),
            new AccountId("9900000"),
            new Credentials.Basic("alice", "pa55word"))
        .withRetry(BandwidthClientTest.FAST)
        .withRequestTimeout(Duration.ofSeconds(60));
  }

  @Test
  void anAnswerLargerThanTheDefault32MiBIsRefusedAsItArrives() {
    answerBytes = 48L << 20;
    try (BandwidthClient client = client(settings())) {
      BandwidthException e =
          catchThrowableOfType(
              BandwidthException.class,
              () -> client.getOrder("ddbdc72e-dc27-490c-904e-d0c11291b095"));

      assertThat(e).isNotNull();
      assertThat(e.getMessage())
          .isEqualTo(
              "Tried to get tnoptions order"
                  + " ddbdc72e-dc27-490c-904e-d0c11291b095 but no answer came: what arrived was larger"
                  + " than 33554432 bytes, the most portlock reads (api.max_answer_bytes), and was dropped"
                  + " unread; check that api.url is Bandwidth, or raise api.max_answer_bytes");
    }
  }

  @Test
  void theLimitIsASettingAndAnAnswerWithinItIsRead() {
    answerBytes = 2L << 20;
    try (BandwidthClient small = client(settings().withMaxAnswerBytes(1L << 20));
        BandwidthClient large = client(settings().withMaxAnswerBytes(4L << 20))) {
      BandwidthException refused =
          catchThrowableOfType(
              BandwidthException.class,
              () -> small.getOrder("ddbdc72e-dc27-490c-904e-d0c11291b095"));
      sent.set(0);
      BandwidthException read =
          catchThrowableOfType(
              BandwidthException.class,
              () -> large.getOrder("ddbdc72e-dc27-490c-904e-d0c11291b095"));

      assertThat(refused.getMessage()).contains("larger than 1048576 bytes");
      // Read whole, it is simply not an order: the limit did not cut it.
      assertThat(read.getMessage())
          .doesNotContain("larger than")
          .contains("the answer holds no TnOptionOrder with an OrderId");
    }
  }
}
