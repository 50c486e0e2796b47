package io.portlock.bandwidth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.portlock.bandwidth.MockBandwidthServer.MockAnswer;
import io.portlock.bandwidth.MockBandwidthServer.RecordedRequest;
import io.portlock.domain.AccountId;
import io.portlock.domain.ManualTime;
import io.portlock.domain.NumberSet;
import io.portlock.domain.Passcode;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What Bandwidth's Numbers API does that a friendlier server would not: 429 windows named by {@code
 * X-RateLimit-Reset} with an empty body, 303 redirects on reads, 204 or empty bodies for empty
 * lists, and numbers written in E.164. Waits run on {@link ManualTime}, so none is real.
 */
class BandwidthAsItAnswersTest {
  static final String ACCOUNT = MockBandwidthServer.BASE_PATH + "/accounts/9900000";
  static final String ORDERS = ACCOUNT + "/tnoptions";
  static final String ORDER = ORDERS + "/" + BandwidthClientTest.ORDER_ID;
  static final String PASSCODES = ACCOUNT + "/tnPortoutPasscodes";

  static Vertx vertx;
  MockBandwidthServer server;
  ManualTime time;
  BandwidthClient client;

  @BeforeAll
  static void startVertx() {
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void stopVertx() {
    vertx.close();
  }

  @BeforeEach
  void start() {
    server = MockBandwidthServer.start();
    time = new ManualTime(Instant.parse("2026-12-02T10:00:00.250Z"));
    client =
        BandwidthClient.create(
            ClientSettings.of(
                    server.baseUrl(),
                    new AccountId("9900000"),
                    new Credentials.Basic("alice", "pa55word"))
                .withRetry(BandwidthClientTest.FAST)
                .withRequestTimeout(Duration.ofSeconds(5)),
            vertx,
            time,
            time);
  }

  @AfterEach
  void stop() {
    client.close();
    server.close();
  }

  /** 429 with an empty body and X-RateLimit-Reset while the manual clock is before {@code end}. */
  MockAnswer windowUntil(Instant end, MockAnswer open) {
    return time.instant().isBefore(end)
        ? MockAnswer.status(429).header("X-RateLimit-Reset", Long.toString(end.getEpochSecond()))
        : open;
  }

  static MockAnswer order() {
    return MockAnswer.xml(200, Fixtures.body("java_get_tnoption_complete_with_warnings.xml"));
  }

  @Test
  void aRateLimitWindowIsWaitedOutUntilItsResetPlusJitterInsteadOfBackingOffIntoIt() {
    Instant reset = Instant.parse("2026-12-02T10:00:08Z");
    server.route(ORDER, r -> windowUntil(reset, order()));

    assertThat(client.getOrder(BandwidthClientTest.ORDER_ID).status())
        .isEqualTo(ProcessingStatus.COMPLETE);

    assertThat(server.requestsTo(ORDER)).hasSize(2);
    assertThat(time.sleeps).hasSize(1);
    Duration untilReset = Duration.ofMillis(7_750);
    assertThat(time.sleeps.get(0)).isBetween(untilReset, untilReset.plusSeconds(1));
  }

  @Test
  void windowAfterWindowIsNotGivenUpOnAtTheAttemptLimit() {
    // A stricter server: every answer opens a new 2 s window, six times, more than FAST's four
    // attempts; a blind backoff would give up inside the last window.
    AtomicInteger refusals = new AtomicInteger();
    server.route(
        ORDER,
        r ->
            refusals.incrementAndGet() <= 6
                ? MockAnswer.status(429)
                    .header("X-RateLimit-Reset", Long.toString(time.epochSecond() + 2))
                : order());

    assertThat(client.getOrder(BandwidthClientTest.ORDER_ID).orderId())
        .isEqualTo(BandwidthClientTest.ORDER_ID);

    assertThat(server.requestsTo(ORDER)).hasSize(7);
    assertThat(time.sleeps)
        .hasSize(6)
        .allSatisfy(
            wait -> assertThat(wait).isBetween(Duration.ofMillis(1_000), Duration.ofMillis(3_000)));
  }

  @Test
  void aWindowLongerThanPortlockWaitsFailsAtOnceSayingWhenItEnds() {
    server.route(ORDER, r -> windowUntil(Instant.parse("2026-12-02T11:00:00Z"), order()));

    BandwidthException e =
        catchThrowableOfType(
            BandwidthException.class, () -> client.getOrder(BandwidthClientTest.ORDER_ID));

    assertThat(e.httpStatus()).isEqualTo(429);
    assertThat(e)
        .hasMessage(
            "Tried to get tnoptions order "
                + BandwidthClientTest.ORDER_ID
                + " but Bandwidth answered 429: Bandwidth's rate-limit window ends at"
                + " 2026-12-02T11:00:00Z, in 3600 s, later than portlock waits for one (300 s); run"
                + " again after that");
    assertThat(time.sleeps).isEmpty();
  }

  @Test
  void retryAfterIsStillHonouredWithJitter() {
    AtomicInteger calls = new AtomicInteger();
    server.route(
        ORDER,
        r ->
            calls.incrementAndGet() == 1
                ? MockAnswer.status(429).header("Retry-After", "3")
                : order());

    client.getOrder(BandwidthClientTest.ORDER_ID);

    assertThat(time.sleeps)
        .singleElement()
        .satisfies(
            wait -> assertThat(wait).isBetween(Duration.ofSeconds(3), Duration.ofSeconds(4)));
  }

  @Test
  void a303OnAReadToTheConfiguredHostIsFollowedWithItsQuery() {
    String report = ACCOUNT + "/tnoptionsreport";
    server.route(
        ORDERS,
        r ->
            MockAnswer.status(303)
                .header("Location", report + "?customerOrderId=portlock-ab12-1&page=2"));
    server.route(
        report, r -> MockAnswer.xml(200, Fixtures.body("java_list_tnoptions_detailed.xml")));

    List<OrderStatus> orders = client.findOrdersByCustomerOrderId("portlock-ab12-1");

    assertThat(orders).hasSize(2);
    RecordedRequest followed = server.requestsTo(report).get(0);
    assertThat(followed.method()).isEqualTo("GET");
    assertThat(followed.param("customerOrderId")).isEqualTo("portlock-ab12-1");
    assertThat(followed.param("page")).isEqualTo("2");
    assertThat(followed.header("Authorization")).startsWith("Basic ");
  }

  @Test
  void a303ToAnotherHostIsNotFollowedAndNoCredentialsGoThere() {
    try (MockBandwidthServer other = MockBandwidthServer.start()) {
      String elsewhere = other.url(ORDERS + "?customerOrderId=portlock-ab12-1").toString();
      other.route(
          ORDERS, r -> MockAnswer.xml(200, Fixtures.body("java_list_tnoptions_detailed.xml")));
      server.route(ORDERS, r -> MockAnswer.status(303).header("Location", elsewhere));

      BandwidthException e =
          catchThrowableOfType(
              BandwidthException.class,
              () -> client.findOrdersByCustomerOrderId("portlock-ab12-1"));

      assertThat(other.requests()).isEmpty();
      assertThat(e.httpStatus()).isEqualTo(303);
      assertThat(e)
          .hasMessage(
              "Tried to list tnoptions orders with customerOrderId"
                  + " portlock-ab12-1 but Bandwidth answered 303: it redirected to "
                  + elsewhere
                  + ", which is not the configured host "
                  + server.url("")
                  + "; portlock follows"
                  + " redirects only on that host, so that credentials go nowhere else");
    }
  }

  @Test
  void noContentOrAnEmptyBodyOnAListReadIsAnEmptyPage() {
    server.enqueue(MockAnswer.status(204));
    server.enqueue(MockAnswer.status(200));
    server.enqueue(MockAnswer.status(204));

    assertThat(client.findOrdersByCustomerOrderId("portlock-ab12-1")).isEmpty();
    assertThat(client.findOrdersByNumber(2018551020L)).isEmpty();
    assertThat(client.readAllPasscodes().passcodes()).isEmpty();
  }

  @Test
  void numbersInE164AreReadInErrorsWarningsAndReadBacks() {
    server.enqueue(
        MockAnswer.xml(
            200,
            "<TnOptionOrder><OrderId>"
                + BandwidthClientTest.ORDER_ID
                + "</OrderId><ProcessingStatus>PARTIAL</ProcessingStatus><ErrorList><Error><Code>5076"
                + "</Code><Description>Telephone number is not available.</Description>"
                + "<TelephoneNumber>+12018551020</TelephoneNumber></Error></ErrorList><Warnings><Warning>"
                + "<TelephoneNumber>+12018551021</TelephoneNumber><Description>w</Description></Warning>"
                + "</Warnings></TnOptionOrder>"));
    server.enqueue(
        MockAnswer.xml(
            200,
            "<TelephoneNumbersResponse><TelephoneNumberCount>1"
                + "</TelephoneNumberCount><TelephoneNumbers><TelephoneNumber><FullNumber>+12018551022"
                + "</FullNumber><Passcode>Pc12345</Passcode></TelephoneNumber></TelephoneNumbers>"
                + "<ErrorList><Error><Code>15619</Code><Description>Passcode was not found on tn(s)"
                + "</Description><TelephoneNumbers><TelephoneNumber>+12018551023</TelephoneNumber>"
                + "</TelephoneNumbers></Error></ErrorList></TelephoneNumbersResponse>"));

    OrderStatus order = client.getOrder(BandwidthClientTest.ORDER_ID);
    PasscodeReadback readback = client.readPasscodes(NumberSet.of(2018551022L, 2018551023L));

    assertThat(order.errors()).extracting(NumberError::number).containsExactly(2018551020L);
    assertThat(order.warnings()).extracting(NumberWarning::number).containsExactly(2018551021L);
    assertThat(readback.passcodes()).containsEntry(2018551022L, Passcode.of("Pc12345"));
    assertThat(readback.withoutPasscode().contains(2018551023L)).isTrue();
  }

  @Test
  void anE164PageInLinksNextIsDecodedOnceAndSentAsItWas() {
    AtomicInteger pages = new AtomicInteger();
    server.route(
        PASSCODES,
        r ->
            pages.incrementAndGet() == 1
                ? MockAnswer.xml(
                    200,
                    "<TelephoneNumbersResponse><Links><next>Link=&lt;"
                        + server.url(PASSCODES)
                        + "?page=%2B12018551021&amp;size=500&gt;;rel=\"next\";"
                        + "</next></Links><TelephoneNumbers><TelephoneNumber><FullNumber>+12018551020"
                        + "</FullNumber><Passcode>Pc12345</Passcode></TelephoneNumber></TelephoneNumbers>"
                        + "</TelephoneNumbersResponse>")
                : MockAnswer.xml(
                    200,
                    "<TelephoneNumbersResponse><TelephoneNumbers><TelephoneNumber>"
                        + "<FullNumber>+12018551021</FullNumber><Passcode>Pc67890</Passcode>"
                        + "</TelephoneNumber></TelephoneNumbers></TelephoneNumbersResponse>"));

    PasscodeReadback all = client.readAllPasscodes();

    assertThat(all.passcodes()).containsOnlyKeys(2018551020L, 2018551021L);
    assertThat(server.requestsTo(PASSCODES))
        .extracting(r -> r.param("page"))
        .containsExactly("1", "+12018551021");
  }

  @Test
  void aCreatedAnswerWhoseBodyIsCutIsReadByTheOrderIdOfItsLocation() {
    server.route(
        ORDERS,
        r ->
            MockAnswer.status(201)
                .header(
                    "Location",
                    "https://dashboard.bandwidth.com:443/v1.0/accounts/9900000/tnoptions/"
                        + BandwidthClientTest.ORDER_ID)
                .body(
                    "<TnOptionOrderResponse><TnOptionOrder><OrderCreateDate>2026-12-02T10:00:00Z"));
    server.route(ORDER, r -> order());

    OrderStatus created =
        client.createOrder(
            BandwidthClientTest.order(
                "portlock-ab12-1", BandwidthClientTest.set("Pc12345"), 2018551020L));

    assertThat(created.orderId()).isEqualTo(BandwidthClientTest.ORDER_ID);
    assertThat(server.requestsTo(ORDERS)).hasSize(1);
    assertThat(server.requestsTo(ORDER)).hasSize(1);
  }

  @Test
  void aCutCreatedAnswerWithoutAnOrderIdInItsLocationStaysOutcomeUnknown() {
    server.route(
        ORDERS,
        r ->
            MockAnswer.status(201)
                .header("Location", "/somewhere/else/")
                .body("<TnOptionOrderResponse><TnOptionOrder>"));

    BandwidthException e =
        catchThrowableOfType(
            BandwidthException.class,
            () ->
                client.createOrder(
                    BandwidthClientTest.order(
                        "portlock-ab12-1", BandwidthClientTest.set("Pc12345"), 2018551020L)));

    assertThat(e.outcomeUnknown()).isTrue();
    assertThat(server.requests()).hasSize(1);
  }
}
