package io.portlock.bandwidth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.portlock.bandwidth.MockBandwidthServer.MockAnswer;
import io.portlock.bandwidth.MockBandwidthServer.RecordedRequest;
import io.portlock.domain.AccountId;
import io.portlock.domain.NumberSet;
import io.portlock.domain.Passcode;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The client against a real local HTTP server: requests sent, answers read, failures surfaced. */
class BandwidthClientTest {
  static final String ORDERS = MockBandwidthServer.BASE_PATH + "/accounts/9900000/tnoptions";
  static final String ORDER_ID = "409033ee-88ec-43e3-85f3-538f30733963";
  static final String SECRET = "s3cret99";
  static final RetryPolicy FAST =
      new RetryPolicy(4, Duration.ofMillis(1), Duration.ofMillis(5), Duration.ofSeconds(10));

  static Vertx vertx;
  MockBandwidthServer server;
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
  void startServer() {
    server = MockBandwidthServer.start();
    client = client(new Credentials.Basic("alice", "pa55word"));
  }

  @AfterEach
  void stop() {
    client.close();
    server.close();
  }

  BandwidthClient client(Credentials credentials) {
    ClientSettings settings =
        ClientSettings.of(server.baseUrl(), new AccountId("9900000"), credentials)
            .withRetry(FAST)
            .withRequestTimeout(Duration.ofSeconds(5));
    return BandwidthClient.create(settings, vertx);
  }

  static OrderRequest order(String customerOrderId, PasscodeChange change, long... numbers) {
    return new OrderRequest(
        customerOrderId, List.of(new OptionGroup(change, NumberSet.of(numbers))));
  }

  static PasscodeChange set(String passcode) {
    return new PasscodeChange.Set(Passcode.of(passcode));
  }

  @Test
  void createOrderSendsXmlWithHeadersAndReadsTheCreatedOrder() {
    server.enqueue(
        MockAnswer.xml(201, Fixtures.body("docs_guide_portoutPasscode_response_201_group.http")));

    OrderStatus status =
        client.createOrder(
            order("TnOptionOrder1", set("a1b2c3"), 2018551020L, 2018551022L, 2018551023L));

    assertThat(status.orderId()).isEqualTo("553b1243-8ab2-412e-a4eb-eedd76b6a183");
    assertThat(status.customerOrderId()).isEqualTo("TnOptionOrder1");
    assertThat(status.status()).isEqualTo(ProcessingStatus.RECEIVED);
    RecordedRequest sent = server.requests().get(0);
    assertThat(sent.method()).isEqualTo("POST");
    assertThat(sent.path()).isEqualTo(ORDERS);
    assertThat(sent.header("Content-Type")).isEqualTo("application/xml; charset=utf-8");
    assertThat(sent.header("Accept")).isEqualTo("application/xml");
    assertThat(sent.header("User-Agent")).startsWith("portlock/");
    assertThat(sent.header("Authorization"))
        .isEqualTo("Basic " + Base64.getEncoder().encodeToString("alice:pa55word".getBytes()));
    assertThat(XmlShape.of(sent.body()))
        .isEqualTo(XmlShape.of(Fixtures.body("docs_guide_portoutPasscode_request_group.http")));
  }

  @Test
  void clearingAPasscodeSendsTheSystemDefaultKeyword() {
    server.enqueue(MockAnswer.xml(201, Fixtures.body("java_create_tnoption_response_201.xml")));

    client.createOrder(order("portlock-ab12-1", new PasscodeChange.Clear(), 2018551020L));

    assertThat(server.requests().get(0).body())
        .contains("<PortOutPasscode>systemDefault</PortOutPasscode>");
  }

  @Test
  void refusedOrderSurfacesBandwidthsCodeAndDescriptionExactly() {
    server.enqueue(
        MockAnswer.xml(400, Fixtures.body("docs_openapi_create_tnoption_error_400.xml")));

    BandwidthException e =
        catchThrowableOfType(
            BandwidthException.class,
            () -> client.createOrder(order("portlock-ab12-1", set(SECRET), 2018551020L)));

    assertThat(e)
        .hasMessage(
            "Tried to create tnoptions order portlock-ab12-1 but Bandwidth"
                + " answered 400, code 5081: Number Format 'wrong' is invalid.");
    assertThat(e.errorCode()).isEqualTo(5081);
    assertThat(e.outcomeUnknown()).isFalse();
    assertThat(server.requests()).hasSize(1);
  }

  @Test
  void descriptionQuotingThePasscodeIsRedacted() {
    server.enqueue(
        MockAnswer.xml(
            400,
            "<TnOptionOrderResponse><ResponseStatus><ErrorCode>5193"
                + "</ErrorCode><Description>Port-Out Passcode "
                + SECRET
                + " is invalid</Description>"
                + "</ResponseStatus></TnOptionOrderResponse>"));

    BandwidthException e =
        catchThrowableOfType(
            BandwidthException.class,
            () -> client.createOrder(order("portlock-ab12-1", set(SECRET), 2018551020L)));

    assertThat(e)
        .hasMessage(
            "Tried to create tnoptions order portlock-ab12-1 but Bandwidth"
                + " answered 400, code 5193: Port-Out Passcode (redacted) is invalid");
  }

  @Test
  void conflictWithErrorListBodySurfacesTheFirstCode() {
    server.enqueue(
        MockAnswer.xml(
            409,
            "<SomeResponse><ErrorList><Error><Code>5200</Code>"
                + "<Description>Origination route plan is not enabled.</Description></Error>"
                + "</ErrorList></SomeResponse>"));

    BandwidthException e =
        catchThrowableOfType(BandwidthException.class, () -> client.getOrder(ORDER_ID));

    assertThat(e)
        .hasMessage(
            "Tried to get tnoptions order "
                + ORDER_ID
                + " but Bandwidth"
                + " answered 409, code 5200: Origination route plan is not enabled.");
  }

  @Test
  void getOrderReadsErrorsAndWarnings() {
    server.enqueue(
        MockAnswer.xml(200, Fixtures.body("java_get_tnoption_complete_with_warnings.xml")));

    OrderStatus status = client.getOrder(ORDER_ID);

    assertThat(status.status()).isEqualTo(ProcessingStatus.COMPLETE);
    assertThat(status.warnings())
        .containsExactly(
            new NumberWarning(2174101601L, "SMS is already Enabled or number is in processing."));
    assertThat(server.requests().get(0).path()).isEqualTo(ORDERS + "/" + ORDER_ID);
  }

  @Test
  void unknownOrderIs404WithBandwidthsDescription() {
    server.enqueue(MockAnswer.xml(404, Fixtures.body("docs_openapi_get_tnoption_404.xml")));

    BandwidthException e =
        catchThrowableOfType(BandwidthException.class, () -> client.getOrder(ORDER_ID));

    assertThat(e.httpStatus()).isEqualTo(404);
    assertThat(e)
        .hasMessage(
            "Tried to get tnoptions order "
                + ORDER_ID
                + " but Bandwidth answered 404: The resource does not exist");
  }

  @Test
  void unauthorizedWithEmptyBodyNamesTheCredentialVariablesNotTheirValues() {
    server.enqueue(MockAnswer.status(401));

    BandwidthException e =
        catchThrowableOfType(BandwidthException.class, () -> client.getOrder(ORDER_ID));

    assertThat(e)
        .hasMessage(
            "Tried to get tnoptions order "
                + ORDER_ID
                + " but Bandwidth"
                + " answered 401: the credentials were refused; portlock sent the username and password"
                + " (BANDWIDTH_USERNAME, BANDWIDTH_PASSWORD) of API user alice: check their values");
    assertThat(server.requests()).hasSize(1);
  }

  @Test
  void forbiddenWithHtmlBodyGivesTheHintWithoutTheHtml() {
    server.enqueue(
        MockAnswer.status(403)
            .header("Content-Type", "text/html")
            .body("<html><body><h1>403 Forbidden</h1></body></html>"));

    BandwidthException e =
        catchThrowableOfType(
            BandwidthException.class, () -> client.findOrdersByCustomerOrderId("portlock-ab12-1"));

    assertThat(e)
        .hasMessage(
            "Tried to list tnoptions orders with customerOrderId portlock-ab12-1"
                + " but Bandwidth answered 403: access was denied; portlock sent the username and"
                + " password (BANDWIDTH_USERNAME, BANDWIDTH_PASSWORD) of API user alice: check that they"
                + " may use account 9900000");
  }

  @Test
  void tooManyRequestsWaitsAsLongAsRetryAfterSays() {
    server.enqueue(MockAnswer.status(429).header("Retry-After", "1"));
    server.enqueue(MockAnswer.xml(200, Fixtures.body("java_get_tnoption_failed_with_errors.xml")));

    OrderStatus status = client.getOrder(ORDER_ID);

    assertThat(status.status()).isEqualTo(ProcessingStatus.FAILED);
    List<RecordedRequest> sent = server.requests();
    assertThat(sent).hasSize(2);
    long waitedMillis = (sent.get(1).receivedAtNanos() - sent.get(0).receivedAtNanos()) / 1_000_000;
    assertThat(waitedMillis).isGreaterThanOrEqualTo(950);
  }

  @Test
  void retryAfterBeyondTheRateLimitBudgetGivesUpAtOnce() {
    server.enqueue(MockAnswer.status(429).header("Retry-After", "600"));

    BandwidthException e =
        catchThrowableOfType(BandwidthException.class, () -> client.getOrder(ORDER_ID));

    assertThat(e.getMessage())
        .startsWith(
            "Tried to get tnoptions order "
                + ORDER_ID
                + " but Bandwidth answered 429: Bandwidth's rate-limit window ends at ")
        .endsWith(", in 600 s, later than portlock waits for one (300 s); run again after that");
    assertThat(server.requests()).hasSize(1);
  }

  @Test
  void tooManyRequestsOnCreateIsRetriedBecauseNothingWasDone() {
    server.enqueue(MockAnswer.status(429));
    server.enqueue(MockAnswer.xml(201, Fixtures.body("java_create_tnoption_response_201.xml")));

    OrderStatus status = client.createOrder(order("portlock-ab12-1", set(SECRET), 2018551020L));

    assertThat(status.orderId()).isEqualTo("ddbdc72e-dc27-490c-904e-d0c11291b095");
    assertThat(server.requests()).hasSize(2);
  }

  @Test
  void serverErrorIsRetriedForReads() {
    server.enqueue(MockAnswer.status(500));
    server.enqueue(MockAnswer.status(503));
    server.enqueue(
        MockAnswer.xml(200, Fixtures.body("java_get_tnoption_complete_with_warnings.xml")));

    assertThat(client.getOrder(ORDER_ID).status()).isEqualTo(ProcessingStatus.COMPLETE);
    assertThat(server.requests()).hasSize(3);
  }

  @Test
  void persistentServerErrorGivesUpAfterMaxAttempts() {
    for (int i = 0; i < FAST.maxAttempts(); i++) {
      server.enqueue(MockAnswer.status(502));
    }

    BandwidthException e =
        catchThrowableOfType(BandwidthException.class, () -> client.getOrder(ORDER_ID));

    assertThat(e.httpStatus()).isEqualTo(502);
    assertThat(e.getMessage())
        .startsWith(
            "Tried to get tnoptions order "
                + ORDER_ID
                + " but Bandwidth answered 502: (gave up after 4 attempts in ");
    assertThat(server.requests()).hasSize(4);
  }

  @Test
  void serverErrorOnCreateIsOutcomeUnknownAndNotRetried() {
    server.enqueue(MockAnswer.status(500));

    BandwidthException e =
        catchThrowableOfType(
            BandwidthException.class,
            () -> client.createOrder(order("portlock-ab12-1", set(SECRET), 2018551020L)));

    assertThat(e.outcomeUnknown()).isTrue();
    assertThat(e)
        .hasMessage(
            "Tried to create tnoptions order portlock-ab12-1 but Bandwidth"
                + " answered 500: "
                + Failures.OUTCOME_UNKNOWN_HINT);
    assertThat(server.requests()).hasSize(1);
  }

  @Test
  void droppedConnectionIsRetriedForReads() {
    server.enqueue(MockAnswer.dropConnection());
    server.enqueue(
        MockAnswer.xml(200, Fixtures.body("java_get_tnoption_complete_with_warnings.xml")));

    assertThat(client.getOrder(ORDER_ID).orderId()).isEqualTo(ORDER_ID);
    assertThat(server.requests()).hasSize(2);
  }

  @Test
  void droppedConnectionOnCreateIsOutcomeUnknownAndNotRetried() {
    server.enqueue(MockAnswer.dropConnection());
    server.enqueue(MockAnswer.xml(201, Fixtures.body("java_create_tnoption_response_201.xml")));

    BandwidthException e =
        catchThrowableOfType(
            BandwidthException.class,
            () -> client.createOrder(order("portlock-ab12-1", set(SECRET), 2018551020L)));

    assertThat(e.outcomeUnknown()).isTrue();
    assertThat(e.httpStatus()).isZero();
    assertThat(e.getMessage())
        .startsWith(
            "Tried to create tnoptions order portlock-ab12-1 but no answer came:"
                + " the connection failed (")
        .endsWith(Failures.OUTCOME_UNKNOWN_HINT)
        .doesNotContain(SECRET);
    assertThat(server.requests()).hasSize(1);
  }

  @Test
  void noAnswerWithinTheTimeoutIsRetriedForReadsButNotForCreate() {
    ClientSettings settings =
        ClientSettings.of(server.baseUrl(), new AccountId("9900000"), new Credentials.None())
            .withRetry(FAST)
            .withRequestTimeout(Duration.ofMillis(300));
    server.enqueue(MockAnswer.silence());
    server.enqueue(
        MockAnswer.xml(200, Fixtures.body("java_get_tnoption_complete_with_warnings.xml")));
    server.enqueue(MockAnswer.silence());

    try (BandwidthClient impatient = BandwidthClient.create(settings, vertx)) {
      assertThat(impatient.getOrder(ORDER_ID).orderId()).isEqualTo(ORDER_ID);
      BandwidthException e =
          catchThrowableOfType(
              BandwidthException.class,
              () -> impatient.createOrder(order("portlock-ab12-1", set(SECRET), 2018551020L)));

      assertThat(e.outcomeUnknown()).isTrue();
      assertThat(e)
          .hasMessage(
              "Tried to create tnoptions order portlock-ab12-1 but no answer"
                  + " came: no answer within 300 ms; "
                  + Failures.OUTCOME_UNKNOWN_HINT);
    }
    assertThat(server.requests()).hasSize(3);
  }

  @Test
  void unreadableCreatedAnswerIsOutcomeUnknownAndMasksTheEchoedPasscode() {
    server.enqueue(
        MockAnswer.xml(
            201,
            "<TnOptionOrderResponse><TnOptionOrder><TnOptionGroups>"
                + "<TnOptionGroup><PortOutPasscode>"
                + SECRET
                + "</PortOutPasscode><Tele"));

    BandwidthException e =
        catchThrowableOfType(
            BandwidthException.class,
            () -> client.createOrder(order("portlock-ab12-1", set(SECRET), 2018551020L)));

    assertThat(e.outcomeUnknown()).isTrue();
    assertThat(e.getMessage())
        .startsWith(
            "Tried to create tnoptions order portlock-ab12-1 but Bandwidth answered 201:"
                + " the answer is not the XML expected")
        .contains("<PortOutPasscode>***")
        .doesNotContain(SECRET);
  }

  @Test
  void connectionRefusedIsRetriedEvenForCreateAndThenReported() {
    server.close();
    BandwidthException e =
        catchThrowableOfType(
            BandwidthException.class,
            () -> client.createOrder(order("portlock-ab12-1", set(SECRET), 2018551020L)));
    server = MockBandwidthServer.start(); // for @AfterEach

    assertThat(e.outcomeUnknown()).isFalse();
    assertThat(e.getMessage())
        .startsWith(
            "Tried to create tnoptions order portlock-ab12-1 but no answer came:"
                + " could not connect (")
        .contains("gave up after 4 attempts");
  }

  @Test
  void listByCustomerOrderIdSendsTheFiltersAndAcceptsTheReportRoot() {
    String detailed =
        Fixtures.body("java_list_tnoptions_detailed.xml").replaceFirst("<\\?xml[^>]*>", "");
    server.enqueue(
        MockAnswer.xml(
            200, "<TnOptionOrderReportResponse>" + detailed + "</TnOptionOrderReportResponse>"));

    List<OrderStatus> orders = client.findOrdersByCustomerOrderId("portlock-ab12-1");

    assertThat(orders)
        .extracting(OrderStatus::status)
        .containsExactly(ProcessingStatus.FAILED, ProcessingStatus.COMPLETE);
    RecordedRequest sent = server.requests().get(0);
    assertThat(sent.path()).isEqualTo(ORDERS);
    assertThat(sent.param("customerOrderId")).isEqualTo("portlock-ab12-1");
    assertThat(sent.param("orderDetails")).isEqualTo("true");
  }

  @Test
  void listOfSummariesIsCompletedOrderByOrder() {
    server.enqueue(MockAnswer.xml(200, Fixtures.body("java_list_tnoptions_summary.xml")));
    server.enqueue(MockAnswer.xml(200, Fixtures.body("java_get_tnoption_failed_with_errors.xml")));
    server.enqueue(
        MockAnswer.xml(200, Fixtures.body("java_get_tnoption_complete_with_warnings.xml")));

    List<OrderStatus> orders = client.findOrdersByNumber(2018551020L);

    assertThat(orders.get(0).errors()).hasSize(2);
    assertThat(orders.get(1).warnings()).hasSize(1);
    assertThat(server.requests())
        .extracting(RecordedRequest::path)
        .containsExactly(
            ORDERS, ORDERS + "/ddbdc72e-dc27-490c-904e-d0c11291b095", ORDERS + "/" + ORDER_ID);
    assertThat(server.requests().get(0).param("tn")).isEqualTo("2018551020");
  }

  @Test
  void emptyListsUnderEitherRootAreEmpty() {
    server.enqueue(
        MockAnswer.xml(200, "<TnOptionOrders><TotalCount>0</TotalCount></TnOptionOrders>"));
    server.enqueue(
        MockAnswer.xml(
            200,
            "<TnOptionOrderReportResponse><TnOptionOrders><TotalCount>0"
                + "</TotalCount></TnOptionOrders></TnOptionOrderReportResponse>"));

    assertThat(client.findOrdersByCustomerOrderId("portlock-ab12-1")).isEmpty();
    assertThat(client.findOrdersByCustomerOrderId("portlock-ab12-1")).isEmpty();
  }

  @Test
  void listAnswerUnderAnotherRootIsAnErrorNotAnEmptyList() {
    // Found by ClientAnswerFuzzTest: a proxy's 200 "<html>…" page read as "no such order", on
    // which the applier would have sent the order a second time.
    server.enqueue(MockAnswer.xml(200, "<html><body>Bad gateway</body></html>"));

    BandwidthException e =
        catchThrowableOfType(
            BandwidthException.class, () -> client.findOrdersByCustomerOrderId("portlock-ab12-1"));

    assertThat(e.httpStatus()).isEqualTo(200);
    assertThat(e.getMessage())
        .isEqualTo(
            "Tried to list tnoptions orders with customerOrderId"
                + " portlock-ab12-1 but Bandwidth answered 200: the answer's root element is <html>,"
                + " expected <TnOptionOrderReportResponse> or <TnOptionOrders> (the answer starts with:"
                + " <html><body>Bad gateway</body></html>)");
  }

  @Test
  void externalEntitiesAreNotResolved(@TempDir Path dir) throws Exception {
    Path secret = dir.resolve("secret.txt");
    Files.writeString(secret, "TOPSECRET-XXE");
    server.enqueue(
        MockAnswer.xml(
            200,
            "<?xml version=\"1.0\"?><!DOCTYPE TnOptionOrder ["
                + "<!ENTITY xxe SYSTEM \""
                + secret.toUri()
                + "\">]><TnOptionOrder><OrderId>abc</OrderId>"
                + "<ProcessingStatus>COMPLETE</ProcessingStatus><ErrorList><Error><Code>1</Code>"
                + "<Description>&xxe;</Description></Error></ErrorList></TnOptionOrder>"));

    BandwidthException e =
        catchThrowableOfType(BandwidthException.class, () -> client.getOrder(ORDER_ID));

    // With DTDs off the entity is undeclared: the answer is refused, the file never read.
    assertThat(e)
        .hasMessageStartingWith(
            "Tried to get tnoptions order "
                + ORDER_ID
                + " but Bandwidth answered 200: the answer is not the XML expected at line 1")
        .hasMessageNotContaining("TOPSECRET");
  }

  @Test
  void callingFromAnEventLoopIsRefusedInsteadOfDeadlocking() throws Exception {
    java.util.concurrent.CompletableFuture<Throwable> failure =
        new java.util.concurrent.CompletableFuture<>();

    vertx.runOnContext(
        v -> {
          try {
            client.getOrder(ORDER_ID);
            failure.complete(null);
          } catch (Throwable t) {
            failure.complete(t);
          }
        });

    assertThat(failure.get(5, java.util.concurrent.TimeUnit.SECONDS))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "BandwidthClient blocks until Bandwidth answers: call it from your own"
                + " thread, not from a Vert.x event loop");
    assertThat(server.requests()).isEmpty();
  }

  @Test
  void clientWithItsOwnVertxWorksAndCloses() {
    server.enqueue(
        MockAnswer.xml(200, Fixtures.body("java_get_tnoption_complete_with_warnings.xml")));
    ClientSettings settings =
        ClientSettings.of(server.baseUrl(), new AccountId("9900000"), new Credentials.None());

    try (BandwidthClient own = BandwidthClient.create(settings)) {
      assertThat(own.getOrder(ORDER_ID).orderId()).isEqualTo(ORDER_ID);
    }
    assertThat(server.requests().get(0).header("Authorization")).isNull();
  }
}
