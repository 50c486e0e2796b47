package io.portlock.bandwidth;

import static org.assertj.core.api.Assertions.assertThat;

import io.portlock.domain.AccountId;
import io.portlock.domain.NumberSet;
import io.portlock.domain.Passcode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every relevant wire sample of Bandwidth's docs and SDKs parses, and requests match them. */
class FixturesTest {

  static OrderStatus order(String fixture) {
    return Orders.toStatus(Xml.read(Fixtures.bytes(fixture), TnOptionOrderTemplate.class));
  }

  static List<OrderStatus> list(String xml) {
    TnOptionOrdersTemplate t = Xml.read(xml.getBytes(), TnOptionOrdersTemplate.class);
    List<OrderStatus> all = new java.util.ArrayList<>();
    t.allOrders().forEach(o -> all.add(Orders.toStatus(o)));
    t.allSummaries().forEach(s -> all.add(Orders.toStatus(s)));
    return all;
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "csharp_create_tnoption_response.xml", "docs_openapi_create_tnoption_response_201.xml",
        "java_create_tnoption_response_201.xml", "python_create_tnoption_response.xml",
        "ruby_create_tnoption_response.xml"
      })
  void createAnswersOfTheSdksAreReceivedOrders(String fixture) {
    OrderStatus status = order(fixture);

    assertThat(status.orderId()).isEqualTo("ddbdc72e-dc27-490c-904e-d0c11291b095");
    assertThat(status.status()).isEqualTo(ProcessingStatus.RECEIVED);
    assertThat(status.errors()).isEmpty();
    assertThat(status.createdAt()).isEqualTo(Instant.parse("2016-01-15T12:01:14.324Z"));
  }

  @Test
  void nodeCreateAnswerWithPlaceholderDatesReadsDatesAsUnknown() {
    OrderStatus status = order("node_create_tnoption_response.xml");

    assertThat(status.orderId()).isEqualTo("orderId");
    assertThat(status.status()).isEqualTo(ProcessingStatus.FAILED);
    assertThat(status.createdAt()).isNull();
    assertThat(order("node_get_tnoption.xml").lastModifiedAt()).isNull();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "docs_guide_portoutPasscode_response_201_group.http",
        "docs_guide_portoutPasscode_response_201_single_tn.http"
      })
  void guideAnswersCarryTheCustomerOrderIdFirst(String fixture) {
    OrderStatus status = order(fixture);

    assertThat(status.customerOrderId()).isEqualTo("TnOptionOrder1");
    assertThat(status.status()).isEqualTo(ProcessingStatus.RECEIVED);
    assertThat(Fixtures.head(fixture)).contains("Location: ");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "csharp_get_tnoption_complete_with_warnings.xml", "docs_openapi_get_tnoption_200.xml",
        "java_get_tnoption_complete_with_warnings.xml",
            "python_get_tnoption_complete_with_warnings.xml",
        "ruby_get_tnoption_complete_with_warnings.xml"
      })
  void completeOrdersCarryTheirWarning(String fixture) {
    OrderStatus status = order(fixture);

    assertThat(status.orderId()).isEqualTo("409033ee-88ec-43e3-85f3-538f30733963");
    assertThat(status.status()).isEqualTo(ProcessingStatus.COMPLETE);
    assertThat(status.errors()).isEmpty();
    assertThat(status.warnings())
        .containsExactly(
            new NumberWarning(2174101601L, "SMS is already Enabled or number is in processing."));
    assertThat(status.lastModifiedAt()).isEqualTo(Instant.parse("2016-01-15T11:22:58.969Z"));
  }

  @Test
  void failedOrderCarriesOneErrorPerNumber() {
    OrderStatus status = order("java_get_tnoption_failed_with_errors.xml");

    assertThat(status.status()).isEqualTo(ProcessingStatus.FAILED);
    assertThat(status.errors())
        .containsExactly(
            new NumberError(5076, "Telephone number is not available.", 2018551025L),
            new NumberError(5076, "Telephone number is not available.", 2018551020L));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "java_list_tnoptions_detailed.xml", "csharp_list_tnoptions_detailed_no_errors.xml",
        "csharp_list_tnoptions_detailed_with_errors.xml", "python_list_tnoptions_detailed.xml"
      })
  void detailedListsUnderTheSdkRootHoldTwoOrders(String fixture) {
    List<OrderStatus> orders = list(Fixtures.body(fixture));

    assertThat(orders)
        .extracting(OrderStatus::orderId)
        .containsExactly(
            "ddbdc72e-dc27-490c-904e-d0c11291b095", "409033ee-88ec-43e3-85f3-538f30733963");
    assertThat(orders)
        .extracting(OrderStatus::status)
        .containsExactly(ProcessingStatus.FAILED, ProcessingStatus.COMPLETE);
  }

  @Test
  void detailedListKeepsEachOrdersErrors() {
    List<OrderStatus> orders =
        list(Fixtures.body("csharp_list_tnoptions_detailed_with_errors.xml"));

    assertThat(orders.get(0).errors())
        .extracting(NumberError::number)
        .containsExactly(2018551025L, 2018551020L);
    assertThat(orders.get(1).errors()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "csharp_list_tnoptions_summary.xml", "java_list_tnoptions_summary.xml",
        "python_list_tnoptions_summary.xml", "ruby_list_tnoptions_summary.xml"
      })
  void summariesWithLowerCaseElementsAreRead(String fixture) {
    List<OrderStatus> orders = list(Fixtures.body(fixture));

    assertThat(orders)
        .extracting(OrderStatus::status)
        .containsExactly(ProcessingStatus.FAILED, ProcessingStatus.COMPLETE);
    assertThat(orders.get(0).lastModifiedAt()).isEqualTo(Instant.parse("2016-01-15T12:01:14.363Z"));
    assertThat(orders.get(0).createdAt()).isEqualTo(Instant.parse("2016-01-15T12:01:14.324Z"));
    assertThat(orders.get(0).customerOrderId()).isNull();
  }

  @Test
  void nodeSummaryListIsRead() {
    assertThat(list(Fixtures.body("node_list_tnoptions_summary.xml")))
        .extracting(OrderStatus::orderId)
        .containsExactly("orderId", "orderId2");
  }

  @Test
  void specListUnderTheReportRootIsRead() {
    // The spec's sample shows the summary and the detailed form in one document.
    List<OrderStatus> orders =
        list(Fixtures.body("docs_openapi_list_tnoptions_200_summary_OR_detailed.xml"));

    assertThat(orders).hasSize(4);
    assertThat(orders.get(0).errors()).hasSize(2);
  }

  @Test
  void ramlListAlternativesAreEachRead() {
    String[] alternatives =
        Fixtures.body("docs_raml_list_tnoptions_200_summary_OR_detailed.xml").split("<!-- OR -->");

    assertThat(alternatives).hasSize(2);
    assertThat(list(alternatives[0])).hasSize(2);
    assertThat(list(alternatives[1])).hasSize(2);
  }

  @Test
  void keywordsAndStatusesAreCaseInsensitive() {
    assertThat(Orders.status("complete", "ProcessingStatus")).isEqualTo(ProcessingStatus.COMPLETE);
    assertThat(
            list(
                "<tnoptionorders><tnoptionorder><orderid>a</orderid>"
                    + "<processingstatus>Partial</processingstatus></tnoptionorder></tnoptionorders>"))
        .extracting(OrderStatus::status)
        .containsExactly(ProcessingStatus.PARTIAL);
  }

  @Test
  void unknownStatusIsRefusedRatherThanGuessed() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> Orders.status("EXPLODED", "OrderStatus"))
        .isInstanceOf(MalformedAnswerException.class)
        .hasMessage(
            "the order has OrderStatus 'EXPLODED', expected one of RECEIVED, PROCESSING,"
                + " COMPLETE, PARTIAL, FAILED");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "docs_openapi_create_tnoption_error_400.xml|400|Tried to create tnoptions order x-1 but"
            + " Bandwidth answered 400, code 5081: Number Format 'wrong' is invalid.",
        "docs_openapi_create_tnoption_error_409.xml|409|Tried to create tnoptions order x-1 but"
            + " Bandwidth answered 409, code 5200: Origination route plan is not enabled for the"
            + " account.",
        "docs_openapi_get_tnoption_404.xml|404|Tried to create tnoptions order x-1 but Bandwidth"
            + " answered 404: The resource does not exist",
        "docs_openapi_tnPortoutPasscodes_get_400.xml|400|Tried to create tnoptions order x-1 but"
            + " Bandwidth answered 400, code 15610: Telephone Numbers cannot be found on account(s)"
            + " 2002013"
      })
  void errorBodiesBecomeExactMessages(String row) {
    String[] cells = row.split("\\|");
    Failures failures = new Failures(new Credentials.None(), new AccountId("9900000"));
    HttpCall call = HttpCall.post("create tnoptions order x-1", "https://x", HttpCall.XML, null);

    BandwidthException e =
        failures.of(
            call,
            new Answer(Integer.parseInt(cells[1]), Map.of(), Fixtures.bytes(cells[0])),
            null,
            false);

    assertThat(e).hasMessage(cells[2]);
  }

  @Test
  void passcodeListOfTheSpecIsRead() {
    PasscodeReadback readback =
        new Readback()
            .add(
                Xml.read(
                    Fixtures.bytes("docs_openapi_tnPortoutPasscodes_get_200.xml"),
                    TelephoneNumbersResponseTemplate.class))
            .build();

    assertThat(readback.passcodes())
        .isEqualTo(Map.of(2018391000L, Passcode.of("1234"), 2024551000L, Passcode.of("1234")));
    assertThat(ReadAllPasscodesCall.nextPage(null)).isNull();
  }

  @Test
  void tokenAnswerOfThePhpSdkGivesABearerHeader() {
    Credentials.OAuth2 oauth =
        new Credentials.OAuth2("id", "secret", Credentials.DEFAULT_TOKEN_URL);
    Authorizer authorizer =
        new Authorizer(
            oauth,
            call -> new Answer(200, Map.of(), Fixtures.bytes("php_oauth_token_response.json.txt")),
            () -> 0L);

    assertThat(authorizer.grant().header()).isEqualTo("Bearer abcdef123456");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "java_create_tnoption_request_portoutpasscode.xml|TnOptionOrder1|12abd38|2018551020",
        "docs_guide_portoutPasscode_request_single_tn.http|TnOptionOrder1|a1b2c3|2018551020",
        "docs_guide_portoutPasscode_request_group.http|TnOptionOrder1|a1b2c3"
            + "|2018551020,2018551022,2018551023"
      })
  void orderRequestsAreWrittenLikeTheSamples(String row) {
    String[] cells = row.split("\\|");
    long[] numbers =
        java.util.Arrays.stream(cells[3].split(",")).mapToLong(Long::parseLong).toArray();
    OrderRequest request =
        new OrderRequest(
            cells[1],
            List.of(
                new OptionGroup(
                    new PasscodeChange.Set(Passcode.of(cells[2])), NumberSet.of(numbers))));

    String written = new String(Xml.write(TnOptionOrderRequestTemplate.from(request)));

    assertThat(XmlShape.of(written)).isEqualTo(XmlShape.of(Fixtures.body(cells[0])));
  }

  @Test
  void passcodeGroupIsWrittenLikeTheCsharpSample() {
    OrderRequest request =
        new OrderRequest(
            "customerOrderId",
            List.of(
                new OptionGroup(
                    new PasscodeChange.Set(Passcode.of("a1b2c3")),
                    NumberSet.of(2018551020L, 2018551025L))));

    String written = XmlShape.of(new String(Xml.write(TnOptionOrderRequestTemplate.from(request))));
    String sample = XmlShape.of(Fixtures.body("csharp_create_tnoption_request_expected.xml"));

    // The sample adds Sms and CallForward groups, which portlock never sends.
    assertThat(sample).startsWith(written.substring(0, written.length() - 2));
  }

  @Test
  void readRequestIsWrittenLikeTheSpecSample() {
    String sample = XmlShape.of(Fixtures.body("docs_openapi_tnPortoutPasscodes_post_request.xml"));
    NumberSet numbers =
        NumberSet.of(3172000285L, 3172000207L, 3172000000L, 3172000100L, 3172110285L, 3172100285L);

    String written = XmlShape.of(new String(Xml.write(TnListTemplate.of(numbers))));

    // Same element structure; the sample's two invalid numbers are never sent by portlock.
    assertThat(written).startsWith("TnList(Tn=\"3172000000\",Tn=\"3172000100\",");
    for (String tn : written.substring(7, written.length() - 1).split(",")) {
      assertThat(sample).contains(tn);
    }
  }
}
