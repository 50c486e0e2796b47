package io.portlock.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.portlock.domain.NumberSet;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code GET /tns}, {@code GET /inserviceNumbers} and buying numbers, as Bandwidth answers. */
class InventoryEndpointsTest {
  private Sandbox sandbox;
  private SandboxHttp http;

  void start(AccountProfile profile) {
    sandbox =
        Sandbox.start(
            SandboxOptions.defaults()
                .withInventory(
                    NumberSet.parseRanges(List.of("3172000200..3172000249"))
                        .union(NumberSet.of(8005550100L)))
                .withProfile(profile));
    http = new SandboxHttp(sandbox);
  }

  @AfterEach
  void stop() {
    if (sandbox != null) {
      sandbox.close();
    }
  }

  String tnsUrl(String query) {
    return sandbox.baseUrl() + "/tns?" + query;
  }

  @Test
  void tnsPagesByTheNumberThatStartsTheNextPageWithTiersTollFreeAndNumbersOutsideNanp() {
    start(
        AccountProfile.plain()
            .withTiers(Map.of(3172000201L, 2))
            .withOtherNumbers(List.of("+442071838750")));
    List<String> numbers = new ArrayList<>();
    List<String> pages = new ArrayList<>();
    String url = tnsUrl("accountId=9900000&page=1&size=20");
    while (url != null) {
      HttpResponse<String> response = http.get(url);
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(Xml.text(response.body(), "TelephoneNumberCount")).isEqualTo("52");
      numbers.addAll(Xml.texts(response.body(), "FullNumber"));
      List<String> next = Xml.texts(response.body(), "next");
      url = next.isEmpty() ? null : next.get(0).replaceAll("^Link=<(.*)>;rel=\"next\";$", "$1");
      pages.add(url == null ? "-" : url.replaceAll(".*page=([^&]*)&.*", "$1"));
    }

    assertThat(pages).containsExactly("3172000220", "3172000240", "-");
    assertThat(numbers)
        .hasSize(52)
        .startsWith("3172000200")
        .endsWith("3172000249", "8005550100", "+442071838750");
    String first = http.get(tnsUrl("accountId=9900000&page=1&size=2")).body();
    assertThat(Xml.texts(first, "Tier")).containsExactly("0", "2");
    assertThat(Xml.text(first, "next"))
        .isEqualTo(
            "Link=<"
                + sandbox.baseUrl()
                + "/tns?accountId=9900000&page=3172000202&size=2>;rel=\"next\";");
  }

  @Test
  void tnsAnswerHasTheShapeOfTheSdkFixture() {
    start(AccountProfile.plain());

    String body = http.get(tnsUrl("accountId=9900000&page=1&size=2")).body();

    Set<String> expected = new TreeSet<>(Xml.paths(Xml.fixture("java_list_tns_200.xml")));
    expected.add("TelephoneNumbersResponse/Links/next");
    expected.add("TelephoneNumbersResponse/TelephoneNumbers/TelephoneNumber/InServiceDate");
    assertThat(new TreeSet<>(Xml.paths(body))).isEqualTo(expected);
  }

  @Test
  void sizeAbove2500IsRefusedWithError1006() {
    start(AccountProfile.plain());

    HttpResponse<String> response = http.get(tnsUrl("accountId=9900000&page=1&size=2501"));

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(Xml.text(response.body(), "ErrorCode")).isEqualTo("1006");
    assertThat(Xml.text(response.body(), "Description"))
        .isEqualTo("Page size must be between 1 and 2500.");
  }

  @Test
  void listsWithoutPageOrSizeAnswer404() {
    start(AccountProfile.plain());

    assertThat(http.get(tnsUrl("accountId=9900000&size=20")).statusCode()).isEqualTo(404);
    assertThat(http.get(http.accountUrl("/inserviceNumbers?page=1")).statusCode()).isEqualTo(404);
  }

  @Test
  void credentialsWithoutTheNumbersRoleGet403FromTnsButMayReadInserviceNumbers() {
    start(AccountProfile.plain().withRoles(EnumSet.of(AccountProfile.Role.IN_SERVICE_NUMBERS)));

    HttpResponse<String> refused = http.get(tnsUrl("accountId=9900000&page=1&size=20"));
    HttpResponse<String> bare = http.get(http.accountUrl("/inserviceNumbers?page=1&size=50"));

    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(Xml.text(refused.body(), "ErrorCode")).isEqualTo("1001");
    assertThat(bare.statusCode()).isEqualTo(200);
    assertThat(Xml.text(bare.body(), "TotalCount")).isEqualTo("51");
    assertThat(Xml.texts(bare.body(), "TelephoneNumber")).hasSize(50).startsWith("3172000200");
    assertThat(Xml.text(bare.body(), "next")).contains("inserviceNumbers?page=8005550100&size=50");
  }

  @Test
  void tnsOfAnotherAccountIsRefused() {
    start(AccountProfile.plain());

    HttpResponse<String> response = http.get(tnsUrl("accountId=1234567&page=1&size=20"));

    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(Xml.text(response.body(), "ErrorCode")).isEqualTo("1001");
  }

  @Test
  void inserviceNumbersAnswer204WhenTheAccountHoldsNone() {
    sandbox = Sandbox.start(SandboxOptions.defaults().withInventory(NumberSet.empty()));
    http = new SandboxHttp(sandbox);

    assertThat(http.get(http.accountUrl("/inserviceNumbers?page=1&size=50")).statusCode())
        .isEqualTo(204);
  }

  @Test
  void aBoughtNumberIsListedOnNetWithoutPasscodeAndTakesOne() {
    start(AccountProfile.plain());

    HttpResponse<String> bought =
        http.post(
            http.accountUrl("/orders"),
            "<Order><Name>more</Name>"
                + "<ExistingTelephoneNumberOrderType><TelephoneNumberList><TelephoneNumber>3172000300"
                + "</TelephoneNumber></TelephoneNumberList></ExistingTelephoneNumberOrderType>"
                + "<SiteId>1</SiteId></Order>");

    assertThat(bought.statusCode()).isEqualTo(201);
    String page = http.get(tnsUrl("accountId=9900000&page=3172000249&size=10")).body();
    assertThat(Xml.texts(page, "FullNumber"))
        .containsExactly("3172000249", "3172000300", "8005550100");
    String order =
        http.awaitEnd(
            Xml.text(
                http.createOrder(SandboxHttp.passcodeOrder("buy-1", "7788", 3172000300L)).body(),
                "OrderId"),
            java.time.Duration.ofSeconds(10));
    assertThat(Xml.text(order, "ProcessingStatus")).isEqualTo("COMPLETE");
    assertThat(sandbox.passcodes()).containsEntry(3172000300L, "7788");
  }

  @Test
  void passcodeOrdersForOffNetNumbersFailWith5196() {
    start(AccountProfile.plain().withTiers(Map.of(3172000201L, 2)));

    String id =
        Xml.text(
            http.createOrder(SandboxHttp.passcodeOrder("offnet-1", "7788", 3172000201L)).body(),
            "OrderId");

    String order = http.awaitEnd(id, java.time.Duration.ofSeconds(10));
    assertThat(Xml.text(order, "ProcessingStatus")).isEqualTo("FAILED");
    assertThat(Xml.text(order, "Code")).isEqualTo("5196");
  }
}
