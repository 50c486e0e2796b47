package io.portlock.bandwidth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.portlock.bandwidth.MockBandwidthServer.MockAnswer;
import io.portlock.bandwidth.MockBandwidthServer.RecordedRequest;
import io.portlock.domain.AccountId;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code GET /tns} and its fallback {@code GET /inserviceNumbers}: pages, roles, odd answers. */
class InventoryReadTest {
  static final String TNS = MockBandwidthServer.BASE_PATH + "/tns";
  static final String IN_SERVICE =
      MockBandwidthServer.BASE_PATH + "/accounts/9900000/inserviceNumbers";

  static Vertx vertx;
  MockBandwidthServer server;
  BandwidthClient client;
  final List<AccountNumber> read = new ArrayList<>();

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
                .withRequestTimeout(Duration.ofSeconds(10)),
            vertx);
  }

  @AfterEach
  void stop() {
    client.close();
    server.close();
  }

  static String page(String next, String... entries) {
    return "<TelephoneNumbersResponse><TelephoneNumberCount>"
        + entries.length
        + "</TelephoneNumberCount><Links><first>Link=&lt;https://dashboard.bandwidth.com/v1.0/tns"
        + "?accountId=9900000&amp;page=1&amp;size=2500&gt;;rel=\"first\";</first>"
        + (next == null ? "" : "<next>" + next + "</next>")
        + "</Links><TelephoneNumbers>"
        + String.join("", entries)
        + "</TelephoneNumbers></TelephoneNumbersResponse>";
  }

  /** The Links/next of a page whose next page starts at {@code page}. */
  private static String nextPage(String page) {
    return "Link=&lt;https://x/v1.0/tns?accountId=9900000&amp;page="
        + page
        + "&amp;size=2500&gt;;rel=\"next\";";
  }

  static String entry(String fullNumber, int tier) {
    return "<TelephoneNumber><City>CARY</City><FullNumber>"
        + fullNumber
        + "</FullNumber><Tier>"
        + tier
        + "</Tier><VendorId>49</VendorId><Status>Inservice</Status>"
        + "<AccountId>9900000</AccountId></TelephoneNumber>";
  }

  @Test
  void sdkFixtureIsReadWithNumbersTiersAndStatusFromTheTopLevelTnsResource() {
    server.enqueue(MockAnswer.xml(200, Fixtures.body("java_list_tns_200.xml")));

    InventoryRead result = client.readInventory(read::add);

    assertThat(read)
        .containsExactly(
            new AccountNumber(
                "9193491234", OptionalLong.of(9193491234L), OptionalInt.of(0), "PortInPendingFoc"),
            new AccountNumber(
                "9193499473", OptionalLong.of(9193499473L), OptionalInt.of(0), "PortInPendingFoc"));
    assertThat(result).isEqualTo(new InventoryRead(InventoryRead.Source.TNS, 2, 1));
    RecordedRequest sent = server.requestsTo(TNS).get(0);
    assertThat(sent.method()).isEqualTo("GET");
    assertThat(sent.param("accountId")).isEqualTo("9900000");
    assertThat(sent.param("page")).isEqualTo("1");
    assertThat(sent.param("size")).isEqualTo("2500");
  }

  @Test
  void nextLinkNamesTheNumberThatStartsTheNextPageAndOnlyItsPageIsTaken() {
    server.enqueue(
        MockAnswer.xml(
            200,
            page(
                "Link=&lt;https://evil.example/v1.0/tns?accountId="
                    + "9900000&amp;page=9193499474&amp;size=2500&gt;;rel=\"next\";",
                entry("9193499473", 0))));
    server.enqueue(MockAnswer.xml(200, page(null, entry("9193499474", 0))));

    InventoryRead result = client.readInventory(read::add);

    assertThat(read)
        .extracting(AccountNumber::fullNumber)
        .containsExactly("9193499473", "9193499474");
    assertThat(result.pages()).isEqualTo(2);
    List<RecordedRequest> sent = server.requestsTo(TNS);
    assertThat(sent).extracting(r -> r.param("page")).containsExactly("1", "9193499474");
    assertThat(sent).extracting(r -> r.param("size")).containsOnly("2500");
    assertThat(sent).extracting(r -> r.param("accountId")).containsOnly("9900000");
  }

  @Test
  void atMostOnePageIsReadAheadOfTheCallerAndNoneTwice() {
    server.enqueue(MockAnswer.xml(200, page(nextPage("2015550101"), entry("2015550100", 0))));
    server.enqueue(MockAnswer.xml(200, page(nextPage("2015550102"), entry("2015550101", 0))));
    server.enqueue(MockAnswer.xml(200, page(null, entry("2015550102", 0))));
    List<Integer> requestsSeenByCaller = new ArrayList<>();

    client.readInventory(n -> requestsSeenByCaller.add(server.requestsTo(TNS).size()));

    assertThat(requestsSeenByCaller).hasSize(3);
    for (int i = 0; i < 3; i++) {
      assertThat(requestsSeenByCaller.get(i))
          .as("requests when page %d is handed on", i + 1)
          .isBetween(i + 1, i + 2);
    }
    assertThat(server.requestsTo(TNS))
        .extracting(r -> r.param("page"))
        .containsExactly("1", "2015550101", "2015550102");
  }

  @Test
  void theNextPageIsAskedForWhileThePageBeforeItIsStillBeingHandedOn() {
    // The root element, <TelephoneNumbersResponse>, starts like <TelephoneNumbers>: Links/next
    // must still be seen before the numbers, or the 400 pages of a million numbers are paid for
    // one after the other, each latency after the previous page's parse.
    server.enqueue(MockAnswer.xml(200, page(nextPage("2015550101"), entry("2015550100", 0))));
    server.enqueue(MockAnswer.xml(200, page(null, entry("2015550101", 0))));
    List<Integer> requestsSeenByCaller = new ArrayList<>();

    client.readInventory(
        n -> {
          long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
          while (server.requestsTo(TNS).size() < 2 && System.nanoTime() < deadline) {
            java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
          }
          requestsSeenByCaller.add(server.requestsTo(TNS).size());
        });

    assertThat(requestsSeenByCaller).containsExactly(2, 2);
  }

  @Test
  void aPageIsReadInAnyOrderWithUnknownElementsSkippedAndNamesInAnyCase() {
    server.enqueue(
        MockAnswer.xml(
            200,
            "<?xml version=\"1.0\"?>\n<TelephoneNumbersResponse>\n  <Extra><Nested>x</Nested></Extra>"
                + "<TelephoneNumbers>\n    <TelephoneNumber><tier>2</tier><Lata><Sub/></Lata>"
                + "<fullnumber> 2015550100 </fullnumber><STATUS>Inservice</STATUS>"
                + "</TelephoneNumber>\n    <TelephoneNumber/>\n  </TelephoneNumbers>"
                + "<TelephoneNumberCount>1</TelephoneNumberCount>"
                + "</TelephoneNumbersResponse>"));

    InventoryRead result = client.readInventory(read::add);

    assertThat(read)
        .containsExactly(
            new AccountNumber(
                "2015550100", OptionalLong.of(2015550100L), OptionalInt.of(2), "Inservice"));
    assertThat(result.pages()).isEqualTo(1);
  }

  @Test
  void anEntryWrittenAsABareNumberIsRefusedNotSkipped() {
    server.enqueue(
        MockAnswer.xml(
            200,
            "<TelephoneNumbersResponse><TelephoneNumbers><TelephoneNumber>2015550100"
                + "</TelephoneNumber></TelephoneNumbers></TelephoneNumbersResponse>"));

    BandwidthException e =
        catchThrowableOfType(BandwidthException.class, () -> client.readInventory(read::add));

    assertThat(e)
        .hasMessageStartingWith(
            "Tried to list the numbers of account 9900000 (GET /tns, page starting at 1) but"
                + " Bandwidth answered 200:");
    assertThat(read).isEmpty();
  }

  @Test
  void aPageThatIsNotWellFormedIsRefusedWithItsPositionOnly() {
    server.enqueue(
        MockAnswer.xml(
            200,
            "<TelephoneNumbersResponse><TelephoneNumbers><TelephoneNumber><FullNumber>"
                + "2015550100</FullNumber></TelephoneNumbers></TelephoneNumbersResponse>"));

    BandwidthException e =
        catchThrowableOfType(BandwidthException.class, () -> client.readInventory(read::add));

    assertThat(e).hasMessageContaining("the answer is not the XML expected at line 1, column");
    assertThat(read).isEmpty();
  }

  @Test
  void aPageReadAheadIsDroppedWhenThePageBeforeItIsUnreadable() {
    server.enqueue(
        MockAnswer.xml(
            200,
            "<TelephoneNumbersResponse><Links><next>Link=&lt;"
                + "https://x/v1.0/tns?accountId=9900000&amp;page=2015550101&amp;size=2500&gt;;"
                + "rel=\"next\";</next></Links><TelephoneNumbers><TelephoneNumber><FullNumber>"
                + "2015550100</FullNumber><Tier>zero</Tier></TelephoneNumber></TelephoneNumbers>"
                + "</TelephoneNumbersResponse>"));
    server.enqueue(MockAnswer.xml(200, page(null, entry("2015550101", 0))));

    BandwidthException e =
        catchThrowableOfType(BandwidthException.class, () -> client.readInventory(read::add));

    assertThat(e)
        .hasMessageStartingWith(
            "Tried to list the numbers of account 9900000 (GET /tns,"
                + " page starting at 1) but Bandwidth answered 200: a Tier is 'zero', expected a whole"
                + " number");
    assertThat(read).isEmpty();
  }

  @Test
  void e164AndNumbersOutsideNanpAreKeptAsWritten() {
    server.enqueue(
        MockAnswer.xml(
            200,
            page(
                null,
                entry("+12015550100", 0),
                entry("+442071838750", 0),
                entry("0123456789", 0))));

    client.readInventory(read::add);

    assertThat(read)
        .extracting(AccountNumber::nanp)
        .containsExactly(OptionalLong.of(2015550100L), OptionalLong.empty(), OptionalLong.empty());
    assertThat(read)
        .extracting(AccountNumber::fullNumber)
        .containsExactly("+12015550100", "+442071838750", "0123456789");
  }

  @Test
  void refusalWithErrorCode1006InsideA200IsAnErrorNotAnEmptyAccount() {
    server.enqueue(
        MockAnswer.xml(
            200,
            "<TelephoneNumbersResponse><ResponseStatus><ErrorCode>1006"
                + "</ErrorCode><Description>size must be between 1 and 2500</Description>"
                + "</ResponseStatus></TelephoneNumbersResponse>"));

    BandwidthException e =
        catchThrowableOfType(BandwidthException.class, () -> client.readInventory(read::add));

    assertThat(e.errorCode()).isEqualTo(1006);
    assertThat(e)
        .hasMessage(
            "Tried to list the numbers of account 9900000 (GET /tns, page"
                + " starting at 1) but Bandwidth answered 200, code 1006: size must be between 1 and 2500");
  }

  @Test
  void forbiddenTnsFallsBackToInserviceNumbersWhoseTiersAreUnknown() {
    server.enqueue(
        MockAnswer.xml(
            403,
            "<TelephoneNumbersResponse><ResponseStatus><ErrorCode>1001"
                + "</ErrorCode><Description>Access Denied</Description></ResponseStatus>"
                + "</TelephoneNumbersResponse>"));
    server.enqueue(MockAnswer.xml(200, Fixtures.body("java_list_inservice_numbers_200.xml")));

    InventoryRead result = client.readInventory(read::add);

    assertThat(read)
        .containsExactly(
            new AccountNumber(
                "9195551212", OptionalLong.of(9195551212L), OptionalInt.empty(), "Inservice"));
    assertThat(result).isEqualTo(new InventoryRead(InventoryRead.Source.IN_SERVICE_NUMBERS, 1, 1));
    RecordedRequest sent = server.requestsTo(IN_SERVICE).get(0);
    assertThat(sent.param("page")).isEqualTo("1");
    assertThat(sent.param("size")).isEqualTo("1000");
  }

  @Test
  void inserviceNumbersPagesFollowTheirNextLinkAnd204MeansNoMore() {
    server.enqueue(MockAnswer.status(403));
    server.enqueue(
        MockAnswer.xml(
            200,
            "<TNs><TotalCount>3</TotalCount><Links><next>Link=&lt;"
                + "https://x/v1.0/accounts/9900000/inserviceNumbers?page=2015550102&amp;size=1000&gt;;"
                + "rel=\"next\";</next></Links><TelephoneNumbers><Count>2</Count><TelephoneNumber>"
                + "2015550100</TelephoneNumber><TelephoneNumber>2015550101</TelephoneNumber>"
                + "</TelephoneNumbers></TNs>"));
    server.enqueue(MockAnswer.status(204));

    client.readInventory(read::add);

    assertThat(read)
        .extracting(AccountNumber::fullNumber)
        .containsExactly("2015550100", "2015550101");
    assertThat(server.requestsTo(IN_SERVICE))
        .extracting(r -> r.param("page"))
        .containsExactly("1", "2015550102");
  }

  @Test
  void forbiddenBothWaysNamesTheRoleToGrant() {
    server.enqueue(MockAnswer.status(403));
    server.enqueue(MockAnswer.status(403));

    BandwidthException e =
        catchThrowableOfType(BandwidthException.class, () -> client.readInventory(read::add));

    assertThat(e.httpStatus()).isEqualTo(403);
    assertThat(e)
        .hasMessage(
            "Tried to list the numbers of account 9900000 (GET /tns, then GET"
                + " /accounts/9900000/inserviceNumbers) but Bandwidth answered 403: both were refused to"
                + " the username and password (BANDWIDTH_USERNAME, BANDWIDTH_PASSWORD) of API user alice;"
                + " give them the Numbers role (which GET /tns needs) in"
                + " the Bandwidth Dashboard, or a role that may read in-service numbers");
  }

  @Test
  void otherRefusalsOfTnsDoNotFallBack() {
    server.enqueue(
        MockAnswer.xml(
            400,
            "<TelephoneNumbersResponse><ResponseStatus><ErrorCode>1006"
                + "</ErrorCode><Description>size must be between 1 and 2500</Description>"
                + "</ResponseStatus></TelephoneNumbersResponse>"));

    BandwidthException e =
        catchThrowableOfType(BandwidthException.class, () -> client.readInventory(read::add));

    assertThat(e.errorCode()).isEqualTo(1006);
    assertThat(server.requestsTo(IN_SERVICE)).isEmpty();
  }
}
