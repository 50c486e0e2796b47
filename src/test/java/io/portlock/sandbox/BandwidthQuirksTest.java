package io.portlock.sandbox;

import static io.portlock.sandbox.SandboxHttp.passcodeOrder;
import static org.assertj.core.api.Assertions.assertThat;

import io.portlock.domain.ManualTime;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The sandbox's options for what Bandwidth's sources say it does and portlock must cope with:
 * rate-limit windows, E.164 answers, 303 on list reads, lookups that lag behind creates and create
 * answers lost after the order was accepted.
 */
class BandwidthQuirksTest {
  private static final SandboxOptions OPTIONS =
      SandboxOptions.defaults().withProcessingDelay(Duration.ofMillis(20));
  private final ManualTime time = new ManualTime(Instant.parse("2026-12-02T10:00:00.250Z"));
  private Sandbox sandbox;
  private SandboxHttp http;

  @BeforeEach
  void start() {
    sandbox = Sandbox.start(OPTIONS);
    http = new SandboxHttp(sandbox);
  }

  /** The sandbox anew, on a clock that moves only when the test advances it. */
  private void onManualTime() {
    sandbox.close();
    sandbox = Sandbox.start(OPTIONS, time);
    http = new SandboxHttp(sandbox);
  }

  @AfterEach
  void stop() {
    sandbox.close();
  }

  private static SandboxOptions.Faults quirks() {
    return SandboxOptions.Faults.none();
  }

  private String createdOrderId(String customerOrderId, long... numbers) {
    HttpResponse<String> created =
        http.createOrder(passcodeOrder(customerOrderId, "Pc1234", numbers));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    return Xml.text(created.body(), "OrderId");
  }

  @Test
  void beyondTheWindowsRequestsEveryCallIs429WithTheResetAndAnEmptyBody() {
    onManualTime();
    sandbox.setFaults(quirks().withRateLimit(3, Duration.ofSeconds(60)));

    List<HttpResponse<String>> answers = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      answers.add(http.get(http.accountUrl("/tnoptions")));
    }

    assertThat(answers)
        .extracting(HttpResponse::statusCode)
        .containsExactly(200, 200, 200, 429, 429);
    HttpResponse<String> refused = answers.get(3);
    assertThat(refused.body()).isEmpty();
    assertThat(refused.headers().firstValue("Retry-After")).isEmpty();
    long reset = Long.parseLong(refused.headers().firstValue("X-RateLimit-Reset").orElseThrow());
    // Windows are counted from the second the faults were set: 10:00:00 + 60 s.
    assertThat(reset).isEqualTo(Instant.parse("2026-12-02T10:01:00Z").getEpochSecond());
    assertThat(sandbox.faultCounts().rateLimited()).isEqualTo(2);

    time.advance(Duration.ofSeconds(59));
    assertThat(http.get(http.accountUrl("/tnoptions")).statusCode()).isEqualTo(429);
    time.advance(Duration.ofSeconds(1));
    assertThat(http.get(http.accountUrl("/tnoptions")).statusCode())
        .as("a new window at its reset")
        .isEqualTo(200);
  }

  @Test
  void e164AnswersWriteNumbersWithPlusOneEverywhereAndAcceptThemBackAsPages() {
    sandbox.setFaults(quirks().withE164(true));
    String orderId = createdOrderId("e164-1", 2018551020L, 2018551021L, 2018551022L);
    String ended = http.awaitEnd(orderId, Duration.ofSeconds(10));

    assertThat(ended)
        .contains("<TelephoneNumber>+12018551020</TelephoneNumber>")
        .doesNotContain("<TelephoneNumber>2018551020</TelephoneNumber>");
    String readBack =
        http.post(
                http.accountUrl("/tnPortoutPasscodes"),
                "<TnList><Tn>2018551020</Tn><Tn>2018551029</Tn></TnList>")
            .body();
    assertThat(readBack)
        .contains("<FullNumber>+12018551020</FullNumber>")
        .contains("<TelephoneNumber>+12018551029</TelephoneNumber>");
    String first = http.get(http.accountUrl("/tnPortoutPasscodes?page=1&size=2")).body();
    assertThat(first).contains("page=%2B12018551022&amp;size=2");
    String second =
        http.get(
                http.accountUrl(
                    "/tnPortoutPasscodes?page="
                        + URLEncoder.encode("+12018551022", StandardCharsets.UTF_8)
                        + "&size=2"))
            .body();
    assertThat(second)
        .contains("<FullNumber>+12018551022</FullNumber>")
        .doesNotContain("+12018551020");
  }

  @Test
  void listReadsAnswer303ToTheSameUrlOnTheSameHost() {
    sandbox.setFaults(quirks().withRedirectRate(1));
    createdOrderId("seen-1", 2018551020L);

    for (String path :
        List.of("/tnoptions?customerOrderId=seen-1", "/tnPortoutPasscodes?page=1&size=500")) {
      HttpResponse<String> redirect = http.get(http.accountUrl(path));
      assertThat(redirect.statusCode()).as(path).isEqualTo(303);
      URI location = URI.create(redirect.headers().firstValue("Location").orElseThrow());
      assertThat(location.getHost()).isEqualTo("127.0.0.1");
      assertThat(location.getPort()).isEqualTo(sandbox.port());
      HttpResponse<String> followed = http.get(location.toString());
      assertThat(followed.statusCode()).as(path).isEqualTo(200);
    }
    // Reads of one order and writes are never redirected.
    assertThat(http.createOrder(passcodeOrder("seen-2", "Pc1234", 2018551021L)).statusCode())
        .isEqualTo(201);
  }

  @Test
  void theLookupByCustomerOrderIdLagsBehindTheCreateButTheOrderItselfDoesNot() {
    onManualTime();
    sandbox.setFaults(quirks().withLookupLag(Duration.ofMillis(400)));
    String orderId = createdOrderId("lagging-1", 2018551020L);
    String lookupUrl = http.accountUrl("/tnoptions?customerOrderId=lagging-1");

    assertThat(Xml.text(http.get(lookupUrl).body(), "TotalCount")).isEqualTo("0");
    assertThat(http.getOrder(orderId).statusCode()).isEqualTo(200);
    time.advance(Duration.ofMillis(399));
    assertThat(Xml.text(http.get(lookupUrl).body(), "TotalCount")).isEqualTo("0");
    time.advance(Duration.ofMillis(1));
    assertThat(Xml.text(http.get(lookupUrl).body(), "TotalCount")).isEqualTo("1");
  }

  @Test
  void aLostCreateAnswerStillCreatedTheOrder() {
    sandbox.setFaults(quirks().withLostCreateRate(1));
    int dropped = 0;
    int cut = 0;

    for (int i = 1; i <= 6; i++) {
      try {
        HttpResponse<String> answer =
            http.sendOrThrow(
                http.request(http.accountUrl("/tnoptions"))
                    .header("Content-Type", "application/xml; charset=utf-8")
                    .POST(
                        java.net.http.HttpRequest.BodyPublishers.ofString(
                            passcodeOrder("lost-" + i, "Pc1234", 2018551020L + i)))
                    .build());
        assertThat(answer.statusCode()).isEqualTo(201);
        assertThat(answer.body()).doesNotContain("</TnOptionOrderResponse>");
        String location = answer.headers().firstValue("Location").orElseThrow();
        String orderId = location.substring(location.lastIndexOf('/') + 1);
        assertThat(sandbox.receivedOrders()).anyMatch(o -> o.orderId().equals(orderId));
        cut++;
      } catch (IOException e) {
        dropped++;
      }
    }

    assertThat(sandbox.receivedOrders()).hasSize(6);
    assertThat(dropped).isPositive();
    assertThat(cut).isPositive();
  }
}
