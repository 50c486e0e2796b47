package io.portlock.bandwidth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.portlock.bandwidth.MockBandwidthServer.MockAnswer;
import io.portlock.bandwidth.MockBandwidthServer.RecordedRequest;
import io.portlock.domain.AccountId;
import io.portlock.domain.NumberSet;
import io.portlock.domain.Passcode;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code /tnPortoutPasscodes}: chunked POSTs merged, paged GETs followed, secrets kept. */
class PasscodeReadbackTest {
  static final String PATH = MockBandwidthServer.BASE_PATH + "/accounts/9900000/tnPortoutPasscodes";
  static final Pattern TN = Pattern.compile("<Tn>(\\d+)</Tn>");

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
  void start() {
    server = MockBandwidthServer.start();
    client =
        BandwidthClient.create(
            ClientSettings.of(
                    server.baseUrl(),
                    new AccountId("9900000"),
                    new Credentials.Basic("alice", "pa55word"))
                .withRetry(BandwidthClientTest.FAST)
                .withRequestTimeout(Duration.ofSeconds(10))
                .withReadbackParallelism(3),
            vertx);
  }

  @AfterEach
  void stop() {
    client.close();
    server.close();
  }

  /** Numbers ending in 0-4 have passcode "pc" + last 4 digits, 5-7 none, 8-9 are foreign. */
  static MockAnswer answerFor(RecordedRequest request) {
    StringBuilder found = new StringBuilder();
    StringBuilder without = new StringBuilder();
    StringBuilder foreign = new StringBuilder();
    Matcher m = TN.matcher(request.body());
    while (m.find()) {
      String tn = m.group(1);
      int last = tn.charAt(9) - '0';
      if (last <= 4) {
        found
            .append("<TelephoneNumber><FullNumber>")
            .append(tn)
            .append("</FullNumber><Passcode>pc")
            .append(tn.substring(6))
            .append("</Passcode></TelephoneNumber>");
      } else if (last <= 7) {
        without.append("<TelephoneNumber>").append(tn).append("</TelephoneNumber>");
      } else {
        foreign.append("<TelephoneNumber>").append(tn).append("</TelephoneNumber>");
      }
    }
    return MockAnswer.xml(
        200,
        "<TelephoneNumbersResponse><TelephoneNumbers>"
            + found
            + "</TelephoneNumbers><ErrorList><Error><Code>15619</Code><Description>Passcode was not"
            + " found on tn(s)</Description><TelephoneNumbers>"
            + without
            + "</TelephoneNumbers>"
            + "</Error><Error><Code>15610</Code><Description>Telephone Numbers cannot be found on"
            + " accounts</Description><TelephoneNumbers>"
            + foreign
            + "</TelephoneNumbers></Error>"
            + "</ErrorList></TelephoneNumbersResponse>");
  }

  @Test
  void sixThousandNumbersAreReadInThreeChunksAndMerged() {
    server.route(PATH, PasscodeReadbackTest::answerFor);
    long[] numbers = new long[6000];
    for (int i = 0; i < numbers.length; i++) {
      numbers[i] = 2018550000L + i;
    }

    PasscodeReadback readback = client.readPasscodes(NumberSet.of(numbers));

    List<RecordedRequest> sent = server.requestsTo(PATH);
    assertThat(sent).hasSize(3);
    assertThat(sent)
        .extracting(r -> TN.matcher(r.body()).results().count())
        .containsExactlyInAnyOrder(2500L, 2500L, 1000L);
    assertThat(sent).allSatisfy(r -> assertThat(r.method()).isEqualTo("POST"));
    assertThat(readback.passcodes())
        .hasSize(3000)
        .containsEntry(2018550004L, Passcode.of("pc0004"));
    assertThat(readback.withoutPasscode().size()).isEqualTo(1800);
    assertThat(readback.notOnAccount().size()).isEqualTo(1200);
    assertThat(readback.withoutPasscode().contains(2018555995L)).isTrue();
    assertThat(readback.notOnAccount().contains(2018555999L)).isTrue();
  }

  @Test
  void documentedAnswerSortsNumbersByErrorCode() {
    server.enqueue(
        MockAnswer.xml(200, Fixtures.body("docs_openapi_tnPortoutPasscodes_post_200.xml")));

    PasscodeReadback readback =
        client.readPasscodes(
            NumberSet.of(3172000285L, 3172000207L, 3172000000L, 3172110285L, 3172100285L));

    assertThat(readback.passcodes()).containsOnlyKeys(3172000285L, 3172000207L);
    assertThat(readback.withoutPasscode()).isEqualTo(NumberSet.of(3172000000L));
    assertThat(readback.notOnAccount()).isEqualTo(NumberSet.of(3172110285L, 3172100285L));
    assertThat(server.requests().get(0).body())
        .startsWith("<?xml")
        .contains("<TnList><Tn>3172000000</Tn>");
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(
      strings = {
        "<TelephoneNumbers/>",
        "<TelephoneNumbers></TelephoneNumbers>",
        "<TelephoneNumbers>\n  </TelephoneNumbers>"
      })
  void chunkInWhichNoNumberHoldsAPasscodeAnswersAnEmptyWrapper(String wrapper) {
    // Bandwidth's answer when someone cleared every passcode of the chunk outside portlock.
    server.enqueue(
        MockAnswer.xml(
            200,
            "<TelephoneNumbersResponse><TelephoneNumberCount>0"
                + "</TelephoneNumberCount>"
                + wrapper
                + "<ErrorList><Error><Code>15619</Code>"
                + "<Description>Passcode was not found on tn(s)</Description><TelephoneNumbers>"
                + "<TelephoneNumber>3172000285</TelephoneNumber><TelephoneNumber>3172000207"
                + "</TelephoneNumber></TelephoneNumbers></Error></ErrorList></TelephoneNumbersResponse>"));

    PasscodeReadback readback = client.readPasscodes(NumberSet.of(3172000285L, 3172000207L));

    assertThat(readback.passcodes()).isEmpty();
    assertThat(readback.withoutPasscode()).isEqualTo(NumberSet.of(3172000285L, 3172000207L));
    assertThat(readback.notOnAccount().isEmpty()).isTrue();
  }

  @Test
  void numberEntryWithoutAFullNumberIsStillAnError() {
    server.enqueue(
        MockAnswer.xml(
            200,
            "<TelephoneNumbersResponse><TelephoneNumbers>"
                + "<TelephoneNumber><Passcode>zz9secret</Passcode></TelephoneNumber></TelephoneNumbers>"
                + "</TelephoneNumbersResponse>"));

    BandwidthException e =
        catchThrowableOfType(
            BandwidthException.class, () -> client.readPasscodes(NumberSet.of(3172000285L)));

    assertThat(e.getMessage())
        .isEqualTo(
            "Tried to read passcodes of 1 number but Bandwidth"
                + " answered 200: the answer names a telephone number '', expected 10 digits");
  }

  @Test
  void answerUnderAnotherRootIsAnErrorNotAnEmptyReadback() {
    // Found by ClientAnswerFuzzTest: a 200 "<html>…" page read as "Bandwidth mentions none of
    // the numbers".
    server.enqueue(MockAnswer.xml(200, "<html><body>Bad gateway</body></html>"));

    BandwidthException e =
        catchThrowableOfType(
            BandwidthException.class, () -> client.readPasscodes(NumberSet.of(3172000285L)));

    assertThat(e.getMessage())
        .isEqualTo(
            "Tried to read passcodes of 1 number but Bandwidth"
                + " answered 200: the answer's root element is <html>, expected"
                + " <TelephoneNumbersResponse>");
  }

  @Test
  void noNumbersMeansNoRequest() {
    assertThat(client.readPasscodes(NumberSet.empty()).passcodes()).isEmpty();
    assertThat(server.requests()).isEmpty();
  }

  @Test
  void truncatedAnswerIsReportedWithoutAnyOfItsContent() {
    server.enqueue(
        MockAnswer.xml(
            200,
            "<TelephoneNumbersResponse><TelephoneNumbers>"
                + "<TelephoneNumber><FullNumber>3172000285</FullNumber><Passcode>zz9secret</Passc"));

    BandwidthException e =
        catchThrowableOfType(
            BandwidthException.class, () -> client.readPasscodes(NumberSet.of(3172000285L)));

    assertThat(e.getMessage())
        .startsWith(
            "Tried to read passcodes of 1 number but Bandwidth answered 200: the answer"
                + " is not the XML expected at line 1, column ")
        .doesNotContain("zz9secret")
        .doesNotContain("3172000285")
        .doesNotContain("<");
  }

  @Test
  void refusedReadSurfacesTheErrorCode() {
    server.enqueue(
        MockAnswer.xml(400, Fixtures.body("docs_openapi_tnPortoutPasscodes_post_400.xml")));

    BandwidthException e =
        catchThrowableOfType(
            BandwidthException.class, () -> client.readPasscodes(NumberSet.of(3172000285L)));

    assertThat(e)
        .hasMessage(
            "Tried to read passcodes of 1 number but Bandwidth answered 400,"
                + " code 15607: The count of Telephone numbers in POST body exceeds the maximum size of"
                + " 2500");
  }

  @Test
  void passcodeBandwidthReportsButPortlockCannotHoldIsNamedWithoutItsValue() {
    server.enqueue(
        MockAnswer.xml(
            200,
            "<TelephoneNumbersResponse><TelephoneNumbers>"
                + "<TelephoneNumber><FullNumber>3172000285</FullNumber><Passcode>ab$12</Passcode>"
                + "</TelephoneNumber></TelephoneNumbers></TelephoneNumbersResponse>"));

    BandwidthException e =
        catchThrowableOfType(
            BandwidthException.class, () -> client.readPasscodes(NumberSet.of(3172000285L)));

    assertThat(e.getMessage())
        .contains("Bandwidth reports a passcode for 3172000285 that" + " portlock cannot hold")
        .doesNotContain("ab$12");
  }

  @Test
  void readAllFollowsNextLinksButOnlyToTheConfiguredHost() {
    server.enqueue(
        MockAnswer.xml(
            200,
            "<TelephoneNumbersResponse><Links>"
                + "<first>Link=&lt;https://evil.example/accounts/9900000/tnPortoutPasscodes?page=1&amp;"
                + "size=500&gt;;rel=\"first\";</first>"
                + "<next>Link=&lt;https://evil.example/accounts/9900000/tnPortoutPasscodes?page=2024551000"
                + "&amp;size=500&gt;;rel=\"next\";</next></Links>"
                + "<TelephoneNumbers><TelephoneNumber><FullNumber>2018391000</FullNumber>"
                + "<Passcode>1234</Passcode></TelephoneNumber></TelephoneNumbers>"
                + "</TelephoneNumbersResponse>"));
    server.enqueue(
        MockAnswer.xml(200, Fixtures.body("docs_openapi_tnPortoutPasscodes_get_200.xml")));

    PasscodeReadback readback = client.readAllPasscodes();

    assertThat(readback.passcodes()).containsOnlyKeys(2018391000L, 2024551000L);
    List<RecordedRequest> sent = server.requestsTo(PATH);
    assertThat(sent).extracting(r -> r.param("page")).containsExactly("1", "2024551000");
    assertThat(sent).extracting(r -> r.param("size")).containsOnly("500");
    assertThat(sent).allSatisfy(r -> assertThat(r.method()).isEqualTo("GET"));
  }

  @Test
  void readAllRefusesANextLinkThatLoops() {
    String page =
        "<TelephoneNumbersResponse><Links><next>Link=&lt;https://x/y?page=1&amp;size=500"
            + "&gt;;rel=\"next\";</next></Links></TelephoneNumbersResponse>";
    server.enqueue(MockAnswer.xml(200, page));

    BandwidthException e =
        catchThrowableOfType(BandwidthException.class, () -> client.readAllPasscodes());

    assertThat(e)
        .hasMessage(
            "Tried to read the passcodes of account 9900000 (page starting at 1)"
                + " but Bandwidth answered 200: Links/next points back to the page starting at 1");
  }

  @Test
  void readbackToStringShowsCountsOnly() {
    server.enqueue(
        MockAnswer.xml(200, Fixtures.body("docs_openapi_tnPortoutPasscodes_get_200.xml")));

    assertThat(client.readAllPasscodes().toString())
        .isEqualTo("PasscodeReadback(2 with passcode, 0 without, 0 not on account)");
  }
}
