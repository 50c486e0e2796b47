package io.portlock.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.portlock.domain.NumberSet;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PortoutPasscodesTest {
  private Sandbox sandbox;
  private SandboxHttp http;

  @BeforeEach
  void start() {
    sandbox =
        Sandbox.start(
            SandboxOptions.defaults()
                .withInventory(NumberSet.parseRanges(List.of("3172000200..3172000299"))));
    http = new SandboxHttp(sandbox);
  }

  @AfterEach
  void stop() {
    sandbox.close();
  }

  @Test
  void getPagesThroughEveryPasscodeSortedByNumberFollowingLinksNext() {
    for (long n = 3172000250L; n >= 3172000201L; n--) {
      sandbox.setPasscode(n, "pc" + n % 1000);
    }
    List<String> numbers = new ArrayList<>();
    String url = http.accountUrl("/tnPortoutPasscodes?page=1&size=20");
    int pages = 0;
    while (url != null) {
      HttpResponse<String> response = http.get(url);
      assertThat(response.statusCode()).isEqualTo(200);
      numbers.addAll(Xml.texts(response.body(), "FullNumber"));
      assertThat(Xml.text(response.body(), "first"))
          .isEqualTo(
              "Link=<"
                  + http.accountUrl("/tnPortoutPasscodes")
                  + "?page=1&size=20>;rel=\"first\";");
      List<String> next = Xml.texts(response.body(), "next");
      url = next.isEmpty() ? null : next.get(0).replaceAll("^Link=<(.*)>;rel=\"next\";$", "$1");
      pages++;
    }

    assertThat(pages).isEqualTo(3);
    assertThat(numbers).hasSize(50).isSorted().startsWith("3172000201").endsWith("3172000250");
  }

  @Test
  void getAnswerHasTheShapeOfTheSpecExamplePlusLinks() {
    sandbox.setPasscode(3172000201L, "1234");

    String body = http.get(http.accountUrl("/tnPortoutPasscodes?page=1&size=500")).body();

    Set<String> expected =
        new TreeSet<>(Xml.paths(Xml.fixture("docs_openapi_tnPortoutPasscodes_get_200.xml")));
    expected.add("TelephoneNumbersResponse/Links");
    expected.add("TelephoneNumbersResponse/Links/first");
    assertThat(Xml.paths(body)).isEqualTo(expected);
    assertThat(Xml.text(body, "Passcode")).isEqualTo("1234");
    assertThat(body).contains("&lt;http://127.0.0.1:").contains("&amp;size=500&gt;;rel=\"first\";");
  }

  @Test
  void postReportsPasscodesAnd15619And15610LikeTheSpecExample() {
    sandbox.setPasscode(3172000285L, "1234");
    sandbox.setPasscode(3172000207L, "abcd");
    sandbox.removeNumberFromAccount(3172000210L);
    String body =
        "<TnList><Tn>3172000285</Tn><Tn>3172000207</Tn><Tn>3172000200</Tn>"
            + "<Tn>3172110285</Tn><Tn>3172000210</Tn><Tn>99999999999</Tn></TnList>";

    HttpResponse<String> response = http.post(http.accountUrl("/tnPortoutPasscodes"), body);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(Xml.paths(response.body()))
        .isEqualTo(Xml.paths(Xml.fixture("docs_openapi_tnPortoutPasscodes_post_200.xml")));
    assertThat(Xml.text(response.body(), "TelephoneNumberCount")).isEqualTo("2");
    assertThat(Xml.texts(response.body(), "FullNumber"))
        .containsExactly("3172000285", "3172000207");
    assertThat(Xml.texts(response.body(), "Passcode")).containsExactly("1234", "abcd");
    assertThat(Xml.texts(response.body(), "Code")).containsExactly("15619", "15610");
    assertThat(response.body())
        .contains(
            "<Error><Code>15619</Code><Description>Passcode was not"
                + " found on tn(s)</Description><TelephoneNumbers><TelephoneNumber>3172000200"
                + "</TelephoneNumber></TelephoneNumbers></Error>");
    assertThat(response.body())
        .contains(
            "<Error><Code>15610</Code><Description>Telephone Numbers"
                + " cannot be found on accounts</Description><TelephoneNumbers><TelephoneNumber>3172110285"
                + "</TelephoneNumber><TelephoneNumber>3172000210</TelephoneNumber><TelephoneNumber>"
                + "99999999999</TelephoneNumber></TelephoneNumbers></Error>");
  }

  @Test
  void postOfNumbersOfWhichNoneHoldsAPasscodeAnswersTheEmptyWrapperAsBandwidthDoes() {
    HttpResponse<String> response =
        http.post(
            http.accountUrl("/tnPortoutPasscodes"),
            "<TnList><Tn>3172000200</Tn><Tn>3172000201</Tn></TnList>");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body())
        .contains(
            "<TelephoneNumberCount>0</TelephoneNumberCount>"
                + "<TelephoneNumbers></TelephoneNumbers><ErrorList><Error><Code>15619</Code>");
  }

  @Test
  void postOfMoreThan2500NumbersIsRefusedWith15607() {
    StringBuilder body = new StringBuilder("<TnList>");
    for (int i = 0; i < 2501; i++) {
      body.append("<Tn>").append(3172000000L + i).append("</Tn>");
    }

    HttpResponse<String> response =
        http.post(http.accountUrl("/tnPortoutPasscodes"), body.append("</TnList>").toString());

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(Xml.paths(response.body()))
        .isEqualTo(Xml.paths(Xml.fixture("docs_openapi_tnPortoutPasscodes_post_400.xml")));
    assertThat(Xml.text(response.body(), "ErrorCode")).isEqualTo("15607");
    assertThat(Xml.text(response.body(), "Description"))
        .isEqualTo("The count of Telephone numbers in POST body exceeds the maximum size of 2500");
  }

  @Test
  void removedNumberLosesItsPasscode() {
    sandbox.setPasscode(3172000201L, "1234");

    sandbox.removeNumberFromAccount(3172000201L);

    assertThat(sandbox.passcodes()).isEmpty();
  }
}
