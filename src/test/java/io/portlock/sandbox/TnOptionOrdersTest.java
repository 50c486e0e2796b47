package io.portlock.sandbox;

import static io.portlock.sandbox.SandboxHttp.passcodeOrder;
import static org.assertj.core.api.Assertions.assertThat;

import io.portlock.domain.NumberSet;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TnOptionOrdersTest {
  private static final Duration WAIT = Duration.ofMinutes(2); // only catches a hang
  private static final long A = 2018551020L;
  private static final long B = 2018551021L;
  private static final long C = 2018551022L;
  private static final long NOT_OURS = 3035551000L;
  private static final long TOLL_FREE = 8005551000L;

  private Sandbox sandbox;
  private SandboxHttp http;

  @BeforeEach
  void start() {
    sandbox =
        Sandbox.start(
            SandboxOptions.defaults()
                .withProcessingDelay(Duration.ofMillis(100))
                .withMaxNumbersPerOrder(5)
                .withInventory(NumberSet.of(A, B, C, TOLL_FREE)));
    http = new SandboxHttp(sandbox);
  }

  @AfterEach
  void stop() {
    sandbox.close();
  }

  private String create(String xml) {
    HttpResponse<String> response = http.createOrder(xml);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    return Xml.text(response.body(), "OrderId");
  }

  @Test
  void createdOrderIsReceivedThenCompleteWithPasscodesApplied() {
    HttpResponse<String> created = http.createOrder(passcodeOrder("plan-1", "a1b2c3", A, B));

    assertThat(created.statusCode()).isEqualTo(201);
    String orderId = Xml.text(created.body(), "OrderId");
    assertThat(created.headers().firstValue("Location"))
        .hasValue(http.accountUrl("/tnoptions/" + orderId));
    assertThat(Xml.text(created.body(), "ProcessingStatus")).isEqualTo("RECEIVED");
    assertThat(Xml.text(created.body(), "CustomerOrderId")).isEqualTo("plan-1");
    assertThat(Xml.text(created.body(), "CreatedByUser")).isEqualTo(SandboxOptions.DEFAULT_USER);
    assertThat(created.body()).doesNotContain("a1b2c3").doesNotContain("PortOutPasscode");
    assertThat(Xml.texts(created.body(), "TelephoneNumber"))
        .containsExactly("2018551020", "2018551021");

    String done = http.awaitEnd(orderId, WAIT);

    assertThat(Xml.text(done, "ProcessingStatus")).isEqualTo("COMPLETE");
    assertThat(Xml.paths(done)).contains("TnOptionOrder/ErrorList");
    assertThat(sandbox.passcodes()).containsEntry(A, "a1b2c3").containsEntry(B, "a1b2c3");
    assertThat(sandbox.receivedOrders())
        .singleElement()
        .satisfies(
            order -> {
              assertThat(order.orderId()).isEqualTo(orderId);
              assertThat(order.customerOrderId()).isEqualTo("plan-1");
              assertThat(order.numberCount()).isEqualTo(2);
              assertThat(order.numbers()).isEqualTo(NumberSet.of(A, B));
            });
    assertThat(sandbox.createRequests()).isEqualTo(1);
  }

  @Test
  void createAnswerHasTheShapeOfBandwidthsGuideExample() {
    String fixture = Xml.fixture("docs_guide_portoutPasscode_response_201_single_tn.http");
    String body = http.createOrder(passcodeOrder("TnOptionOrder1", "a1b2c3", A)).body();

    Set<String> expected = new TreeSet<>(Xml.paths(fixture));
    expected.remove(
        "TnOptionOrderResponse/TnOptionOrder/TnOptionGroups/TnOptionGroup/PortOutPasscode");
    assertThat(Xml.paths(body)).isEqualTo(expected);
  }

  @Test
  void orderEndsPartialWith5076ForNumbersOffTheAccountAnd5126ForTollFree() {
    String orderId = create(passcodeOrder(null, "a1b2c3", A, NOT_OURS, TOLL_FREE));

    String done = http.awaitEnd(orderId, WAIT);

    assertThat(Xml.text(done, "ProcessingStatus")).isEqualTo("PARTIAL");
    assertThat(errors(done))
        .containsExactly(
            "5076 Telephone number is not available. 3035551000",
            "5126 Port-Out Passcode/PIN is not supported for toll-free numbers. 8005551000");
    assertThat(sandbox.passcodes()).containsOnlyKeys(A);
    Set<String> fixturePaths = Xml.paths(Xml.fixture("java_get_tnoption_failed_with_errors.xml"));
    assertThat(Xml.paths(done)).isSubsetOf(fixturePaths);
  }

  @Test
  void orderWhoseNumbersAllFailEndsFailed() {
    sandbox.removeNumberFromAccount(A);
    String orderId = create(passcodeOrder(null, "a1b2c3", A));

    assertThat(Xml.text(http.awaitEnd(orderId, WAIT), "ProcessingStatus")).isEqualTo("FAILED");
  }

  @Test
  void samePasscodeAgainIsError5195() {
    sandbox.setPasscode(A, "a1b2c3");
    String orderId = create(passcodeOrder(null, "a1b2c3", A, B));

    String done = http.awaitEnd(orderId, WAIT);

    assertThat(Xml.text(done, "ProcessingStatus")).isEqualTo("PARTIAL");
    assertThat(errors(done))
        .containsExactly(
            "5195 The specified Port-Out Passcode/PIN already exists for particular TN 2018551020");
  }

  @Test
  void anOrderOfOnly5195sEndsFailedWithThe5195OfEachNumber() {
    sandbox.setPasscode(A, "a1b2c3");
    sandbox.setPasscode(B, "a1b2c3");
    String orderId = create(passcodeOrder(null, "a1b2c3", A, B));

    String done = http.awaitEnd(orderId, WAIT);

    assertThat(Xml.text(done, "ProcessingStatus")).isEqualTo("FAILED");
    assertThat(errors(done))
        .containsExactly(
            "5195 The specified Port-Out Passcode/PIN already exists for particular TN 2018551020",
            "5195 The specified Port-Out Passcode/PIN already exists for particular TN 2018551021");
  }

  @Test
  void systemDefaultClearsThePasscodeAndUnchangedKeepsIt() {
    sandbox.setPasscode(A, "a1b2c3");
    sandbox.setPasscode(B, "zz99");
    StringBuilder xml = new StringBuilder("<TnOptionOrder><TnOptionGroups>");
    SandboxHttp.appendGroup(xml, "systemdefault", A);
    SandboxHttp.appendGroup(xml, "UNCHANGED", B);
    String orderId = create(xml.append("</TnOptionGroups></TnOptionOrder>").toString());

    assertThat(Xml.text(http.awaitEnd(orderId, WAIT), "ProcessingStatus")).isEqualTo("COMPLETE");
    assertThat(sandbox.passcodes()).doesNotContainKey(A).containsEntry(B, "zz99");
  }

  @Test
  void invalidPasscodeIsError5193ForEachNumber() {
    String orderId = create(passcodeOrder(null, "no!", A, B));

    String done = http.awaitEnd(orderId, WAIT);

    assertThat(Xml.text(done, "ProcessingStatus")).isEqualTo("FAILED");
    assertThat(Xml.texts(done, "Code")).containsExactly("5193", "5193");
  }

  @Test
  void duplicateNumberIsRefusedWith5093() {
    assertRefused(
        passcodeOrder(null, "a1b2c3", A, A),
        400,
        "5093",
        "Telephone number 2018551020 is duplicated in the order.");
  }

  @Test
  void tooManyNumbersIsRefusedWith5095NamingTheMaximum() {
    assertRefused(
        passcodeOrder(null, "a1b2c3", A, B, C, 2018551023L, 2018551024L, 2018551025L),
        400,
        "5095",
        "The count of telephone numbers in order exceeds the maximum size of 5");
  }

  @Test
  void invalidCustomerOrderIdIsRefusedWith5052() {
    assertRefused(
        passcodeOrder("plan_1!", "a1b2c3", A),
        400,
        "5052",
        "CustomerOrderId is invalid: it may hold letters, digits, dashes and spaces, at most 40"
            + " characters.");
    assertRefused(passcodeOrder("x".repeat(41), "a1b2c3", A), 400, "5052", null);
  }

  @Test
  void groupWithoutOptionIsRefusedWith5115() {
    assertRefused(
        "<TnOptionOrder><TnOptionGroups><TnOptionGroup><TelephoneNumbers>"
            + "<TelephoneNumber>2018551020</TelephoneNumber></TelephoneNumbers></TnOptionGroup>"
            + "</TnOptionGroups></TnOptionOrder>",
        400,
        "5115",
        null);
  }

  @Test
  void orderWithoutValidNumbersIsRefusedWith5077() {
    assertRefused(
        passcodeOrder(null, "a1b2c3"),
        400,
        "5077",
        "There are no valid telephone numbers in the order.");
    assertRefused(
        "<TnOptionOrder><TnOptionGroups><TnOptionGroup><PortOutPasscode>a1b2c3"
            + "</PortOutPasscode><TelephoneNumbers><TelephoneNumber>12345</TelephoneNumber>"
            + "</TelephoneNumbers></TnOptionGroup></TnOptionGroups></TnOptionOrder>",
        400,
        "5077",
        null);
  }

  @Test
  void malformedXmlIsRefusedWith400AndResponseStatus() {
    HttpResponse<String> response = http.createOrder("<TnOptionOrder><TnOptionGroups>");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(Xml.paths(response.body()))
        .containsExactly(
            "TnOptionOrderResponse",
            "TnOptionOrderResponse/ResponseStatus",
            "TnOptionOrderResponse/ResponseStatus/Description");
    assertThat(sandbox.receivedOrders()).isEmpty();
    assertThat(sandbox.createRequests()).isEqualTo(1);
  }

  @Test
  void externalEntityIsNeverResolved() throws Exception {
    java.nio.file.Path secret = java.nio.file.Files.createTempFile("xxe", ".txt");
    java.nio.file.Files.writeString(secret, "TOPSECRET");
    try {
      String xxe =
          "<?xml version=\"1.0\"?><!DOCTYPE TnOptionOrder [<!ENTITY xxe SYSTEM \""
              + secret.toUri()
              + "\">]><TnOptionOrder><CustomerOrderId>&xxe;</CustomerOrderId>"
              + "<TnOptionGroups><TnOptionGroup><PortOutPasscode>a1b2c3</PortOutPasscode>"
              + "<TelephoneNumbers><TelephoneNumber>2018551020</TelephoneNumber></TelephoneNumbers>"
              + "</TnOptionGroup></TnOptionGroups></TnOptionOrder>";

      HttpResponse<String> response = http.createOrder(xxe);

      assertThat(response.statusCode()).isEqualTo(400);
      assertThat(response.body()).doesNotContain("TOPSECRET");
      assertThat(sandbox.receivedOrders()).isEmpty();
    } finally {
      java.nio.file.Files.delete(secret);
    }
  }

  @Test
  void unknownOrderIsAnswered404LikeBandwidth() {
    HttpResponse<String> response = http.getOrder("00000000-0000-0000-0000-000000000000");

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(Xml.paths(response.body()))
        .isEqualTo(Xml.paths(Xml.fixture("docs_openapi_get_tnoption_404.xml")));
    assertThat(Xml.text(response.body(), "Description")).isEqualTo("The resource does not exist");
  }

  @Test
  void listFindsOrdersByCustomerOrderIdAsSummariesOrDetails() {
    String first = create(passcodeOrder("plan-7-1", "a1b2c3", A));
    create(passcodeOrder("plan-7-2", "a1b2c3", B));

    String summary = http.get(http.accountUrl("/tnoptions?customerOrderId=plan-7-1")).body();
    String detailed =
        http.get(http.accountUrl("/tnoptions?customerOrderId=plan-7-1&orderDetails=true")).body();

    // The SDKs' root (see SdkCompatibilityTest), with the spec example's elements under it.
    Set<String> fixture =
        Xml.paths(Xml.fixture("docs_openapi_list_tnoptions_200_summary_OR_detailed.xml")).stream()
            .filter(path -> path.startsWith("TnOptionOrderReportResponse/"))
            .map(path -> path.substring("TnOptionOrderReportResponse/".length()))
            .collect(Collectors.toCollection(TreeSet::new));
    assertThat(Xml.paths(summary))
        .isEqualTo(Xml.paths(Xml.fixture("java_list_tnoptions_summary.xml")))
        .isSubsetOf(fixture)
        .contains("TnOptionOrders/TnOptionOrderSummary/accountId");
    assertThat(Xml.text(summary, "TotalCount")).isEqualTo("1");
    assertThat(Xml.texts(summary, "OrderId")).containsExactly(first);
    assertThat(Xml.text(summary, "CountOfTNs")).isEqualTo("1");
    assertThat(Xml.text(summary, "OrderType")).isEqualTo("tn_option");
    Set<String> detailedPaths = new TreeSet<>(Xml.paths(detailed));
    detailedPaths.remove("TnOptionOrders/TnOptionOrder/CustomerOrderId");
    assertThat(detailedPaths).isSubsetOf(fixture);
    assertThat(Xml.texts(detailed, "OrderId")).containsExactly(first);
    assertThat(Xml.text(detailed, "CustomerOrderId")).isEqualTo("plan-7-1");
  }

  @Test
  void listFiltersByNumberStatusAndDates() {
    String withA = create(passcodeOrder("n1", "a1b2c3", A, B));
    String withC = create(passcodeOrder("n2", "a1b2c3", C));
    http.awaitEnd(withA, WAIT);
    http.awaitEnd(withC, WAIT);
    String today = java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString();

    assertThat(orderIds("tn=2018551021&orderDetails=true")).containsExactly(withA);
    assertThat(orderIds("status=COMPLETE&status=FAILED")).containsExactly(withA, withC);
    assertThat(orderIds("status=RECEIVED")).isEmpty();
    assertThat(orderIds("createdDateFrom=" + today + "&createdDateTo=" + today)).hasSize(2);
    assertThat(orderIds("modifiedDateTo=2000-01-01")).isEmpty();
    assertThat(orderIds("orderIdFragment=" + withC.substring(0, 8))).containsExactly(withC);
    assertThat(orderIds("lastModifiedAfter=2000-01-01T00:00:00Z")).hasSize(2);
    assertThat(http.get(http.accountUrl("/tnoptions?createdDateFrom=yesterday")).statusCode())
        .isEqualTo(400);
  }

  @Test
  void historyListsEachStatusChange() {
    String orderId = create(passcodeOrder(null, "a1b2c3", A));
    http.awaitEnd(orderId, WAIT);

    String history = http.get(http.accountUrl("/tnoptions/" + orderId + "/history")).body();

    assertThat(Xml.paths(history))
        .isEqualTo(Xml.paths(Xml.fixture("docs_openapi_tnoption_history_200.xml")));
    assertThat(Xml.texts(history, "Status")).containsExactly("received", "processing", "complete");
  }

  @Test
  void orderIsProcessingBeforeItEnds() throws Exception {
    sandbox.setProcessingDelay(Duration.ofMillis(1000));
    String orderId = create(passcodeOrder(null, "a1b2c3", A));
    java.util.List<String> seen = new java.util.ArrayList<>();
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!seen.contains("COMPLETE") && System.nanoTime() < deadline) {
      String status = Xml.text(http.getOrder(orderId).body(), "ProcessingStatus");
      if (seen.isEmpty() || !seen.get(seen.size() - 1).equals(status)) {
        seen.add(status);
      }
      Thread.sleep(20);
    }

    assertThat(seen).containsExactly("RECEIVED", "PROCESSING", "COMPLETE");
  }

  @Test
  void aDelayRangeKeepsEachOrderOpenAtLeastItsShortestDelay() {
    sandbox.setProcessingDelay(Duration.ofMillis(400), Duration.ofMillis(800));
    String orderId = create(passcodeOrder(null, "a1b2c3", A));

    String done = http.awaitEnd(orderId, WAIT);

    // The sandbox's own timestamps, not the test's clock: a loaded machine only makes it longer.
    assertThat(Xml.text(done, "ProcessingStatus")).isEqualTo("COMPLETE");
    assertThat(
            Duration.between(
                java.time.Instant.parse(Xml.text(done, "OrderCreateDate")),
                java.time.Instant.parse(Xml.text(done, "LastModifiedDate"))))
        .isGreaterThanOrEqualTo(Duration.ofMillis(400));
  }

  @Test
  void aDelayRangeWhoseLongestIsShorterThanItsShortestIsRefused() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> sandbox.setProcessingDelay(Duration.ofSeconds(2), Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("expected the longest processing delay to be at least PT2S but was PT1S");
  }

  @Test
  void otherOptionsAreEchoedAndKeptWithoutEffect() {
    String xml =
        "<TnOptionOrder><TnOptionGroups><TnOptionGroup><Sms>on</Sms>"
            + "<A2pSettings><MessageClass>M</MessageClass></A2pSettings><TelephoneNumbers>"
            + "<TelephoneNumber>2018551020</TelephoneNumber></TelephoneNumbers></TnOptionGroup>"
            + "</TnOptionGroups></TnOptionOrder>";
    String orderId = create(xml);

    String done = http.awaitEnd(orderId, WAIT);

    assertThat(Xml.text(done, "ProcessingStatus")).isEqualTo("COMPLETE");
    assertThat(Xml.text(done, "Sms")).isEqualTo("on");
    assertThat(Xml.text(done, "MessageClass")).isEqualTo("M");
    assertThat(sandbox.passcodes()).isEmpty();
  }

  private java.util.List<String> orderIds(String query) {
    HttpResponse<String> response = http.get(http.accountUrl("/tnoptions?" + query));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return Xml.texts(response.body(), "OrderId");
  }

  private void assertRefused(String xml, int status, String code, String description) {
    HttpResponse<String> response = http.createOrder(xml);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    assertThat(Xml.paths(response.body()))
        .isEqualTo(Xml.paths(Xml.fixture("docs_openapi_create_tnoption_error_400.xml")));
    assertThat(Xml.text(response.body(), "ErrorCode")).isEqualTo(code);
    if (description != null) {
      assertThat(Xml.text(response.body(), "Description")).isEqualTo(description);
    }
    assertThat(sandbox.receivedOrders()).isEmpty();
  }

  private static java.util.List<String> errors(String order) {
    var doc = Xml.parse(order);
    var nodes = doc.getElementsByTagName("Error");
    java.util.List<String> out = new java.util.ArrayList<>();
    for (int i = 0; i < nodes.getLength(); i++) {
      var e = (org.w3c.dom.Element) nodes.item(i);
      out.add(text(e, "Code") + " " + text(e, "Description") + " " + text(e, "TelephoneNumber"));
    }
    return out.stream().collect(Collectors.toList());
  }

  private static String text(org.w3c.dom.Element e, String name) {
    return e.getElementsByTagName(name).item(0).getTextContent();
  }
}
