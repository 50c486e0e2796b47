package io.portlock.sandbox;

import static io.portlock.sandbox.SandboxHttp.passcodeOrder;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FaultInjectionTest {
  private Sandbox sandbox;
  private SandboxHttp http;

  @BeforeEach
  void start() {
    sandbox = Sandbox.start(SandboxOptions.defaults().withProcessingDelay(Duration.ofMillis(50)));
    http = new SandboxHttp(sandbox);
  }

  @AfterEach
  void stop() {
    sandbox.close();
  }

  private static SandboxOptions.Faults faults(double rate429, double rate500, double drop) {
    return new SandboxOptions.Faults(Duration.ZERO, rate429, 7, rate500, drop, 42);
  }

  @Test
  void rate429AnswersTooManyRequestsWithRetryAfter() {
    sandbox.setFaults(faults(1, 0, 0));

    HttpResponse<String> response = http.get(http.accountUrl("/tnoptions"));

    assertThat(response.statusCode()).isEqualTo(429);
    assertThat(response.headers().firstValue("Retry-After")).hasValue("7");
  }

  @Test
  void rate500AnswersServerErrorButNotOnTheTokenEndpoint() {
    sandbox.setFaults(faults(0, 1, 0));

    assertThat(http.get(http.accountUrl("/tnoptions")).statusCode()).isEqualTo(500);
    HttpResponse<String> token =
        http.send(
            HttpRequest.newBuilder(sandbox.tokenUrl())
                .header(
                    "Authorization",
                    SandboxHttp.basic(
                        SandboxOptions.DEFAULT_CLIENT_ID, SandboxOptions.DEFAULT_CLIENT_SECRET))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"))
                .build());
    assertThat(token.statusCode()).isEqualTo(200);
  }

  @Test
  void mixedRatesFromAFixedSeedRepeatExactly() {
    String first = statuses();
    sandbox.setFaults(faults(0.3, 0.3, 0)); // restarts the random from the same seed

    assertThat(statuses()).isEqualTo(first).contains("429").contains("500").contains("200");
  }

  @Test
  void faultCountsAddUpAcrossNewFaultSettings() {
    String first = statuses();
    String second = statuses();

    FaultCounts counts = sandbox.faultCounts();
    assertThat(counts.tooManyRequests()).isEqualTo(2L * occurrences(first, "429"));
    assertThat(counts.serverErrors()).isEqualTo(2L * occurrences(first, "500"));
    assertThat(counts.drops()).isZero();
    assertThat(second).isEqualTo(first);
  }

  private static long occurrences(String statuses, String status) {
    return java.util.Arrays.stream(statuses.split(" ")).filter(status::equals).count();
  }

  private String statuses() {
    sandbox.setFaults(faults(0.3, 0.3, 0));
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < 20; i++) {
      out.append(http.get(http.accountUrl("/tnoptions")).statusCode()).append(' ');
    }
    return out.toString();
  }

  @Test
  void droppedCreatesLoseTheAnswerAndSometimesTheOrderIsAcceptedAnyway() {
    sandbox.setFaults(faults(0, 0, 1));
    int attempts = 10;
    for (int i = 0; i < attempts; i++) {
      String order = passcodeOrder("drop-" + i, "a1b2c3", 2018551020L + i);
      HttpRequest request =
          http.request(http.accountUrl("/tnoptions"))
              .header("Content-Type", "application/xml")
              .POST(HttpRequest.BodyPublishers.ofString(order))
              .build();
      assertThatThrownBy(() -> http.sendOrThrow(request)).isInstanceOf(IOException.class);
    }

    assertThat(sandbox.createRequests()).isEqualTo(attempts);
    // Seed 42 drops some before and some after accepting: the latter need client idempotency.
    assertThat(sandbox.receivedOrders()).hasSizeBetween(1, attempts - 1);
    FaultCounts counts = sandbox.faultCounts();
    assertThat(counts.dropsAfter()).isEqualTo(sandbox.receivedOrders().size());
    assertThat(counts.drops()).isEqualTo(attempts);
    assertThat(counts.tooManyRequests() + counts.serverErrors()).isZero();
    sandbox.setFaults(SandboxOptions.Faults.none());
    String listed =
        http.get(
                http.accountUrl(
                    "/tnoptions?customerOrderId="
                        + sandbox.receivedOrders().get(0).customerOrderId()))
            .body();
    assertThat(Xml.text(listed, "TotalCount")).isEqualTo("1");
  }

  @Test
  void latencyDelaysEveryAnswer() {
    sandbox.setFaults(new SandboxOptions.Faults(Duration.ofMillis(150), 0, 1, 0, 0, 1));
    long start = System.nanoTime();

    assertThat(http.get(http.accountUrl("/tnoptions")).statusCode()).isEqualTo(200);

    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .isGreaterThanOrEqualTo(Duration.ofMillis(150));
  }
}
