package io.portlock.bandwidth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.portlock.bandwidth.MockBandwidthServer.MockAnswer;
import io.portlock.domain.AccountId;
import io.portlock.domain.Passcode;
import io.vertx.core.Vertx;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A server that echoes passcodes in places a tag-name pattern does not look (CDATA, a namespace
 * prefix, a description): what portlock prints of its answers holds none of the run's passcodes.
 */
class AnswerScrubbingTest {
  /** Known to the run as a config's passcode is: it was made into a {@link Passcode}. */
  private static final String SECRET = Passcode.of("Zq9Xk2Lm").reveal();

  private static final String ORDER_ID = "ddbdc72e-dc27-490c-904e-d0c11291b095";

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
    ClientSettings settings =
        ClientSettings.of(
                server.baseUrl(),
                new AccountId("9900000"),
                new Credentials.Basic("alice", "pa55word"))
            .withRetry(BandwidthClientTest.FAST)
            .withRequestTimeout(Duration.ofSeconds(5));
    client = BandwidthClient.create(settings, vertx);
  }

  @AfterEach
  void stop() {
    client.close();
    server.close();
  }

  @Test
  void perNumberErrorAndWarningDescriptionsAreScrubbedOfKnownPasscodes() {
    server.enqueue(
        MockAnswer.xml(
            200,
            """
        <TnOptionOrder>
          <OrderId>%s</OrderId>
          <ProcessingStatus>PARTIAL</ProcessingStatus>
          <ErrorList><Error><Code>5193</Code>
            <Description>Passcode %s is not valid (was:%s)</Description>
            <TelephoneNumber>2018551025</TelephoneNumber></Error></ErrorList>
          <Warnings><Warning><TelephoneNumber>2018551020</TelephoneNumber>
            <Description>Passcode '%s' was already set</Description></Warning></Warnings>
        </TnOptionOrder>
        """
                .formatted(ORDER_ID, SECRET, SECRET, SECRET)));

    OrderStatus status = client.getOrder(ORDER_ID);

    assertThat(status.errors())
        .singleElement()
        .satisfies(
            e ->
                assertThat(e.description())
                    .isEqualTo("Passcode (redacted) is not valid (was:(redacted))"));
    assertThat(status.warnings())
        .singleElement()
        .satisfies(
            w -> assertThat(w.description()).isEqualTo("Passcode '(redacted)' was already set"));
  }

  @Test
  void anErrorAnswerWithAPasscodeInCdataUnderANamespacePrefixIsNotQuoted() {
    server.enqueue(
        MockAnswer.xml(
            404,
            """
        <x:Oops xmlns:x="urn:x"><x:PortOutPasscode><![CDATA[%s]]></x:PortOutPasscode></x:Oops>
        """
                .formatted(SECRET)));

    BandwidthException e =
        catchThrowableOfType(BandwidthException.class, () -> client.getOrder(ORDER_ID));

    assertThat(e.getMessage())
        .contains("the answer starts with:")
        .doesNotContain(SECRET)
        .contains("(redacted)");
  }

  @Test
  void anUnreadableAnswerIsQuotedWithoutThePasscodesItHolds() {
    server.enqueue(
        MockAnswer.xml(
            200,
            "<TnOptionOrder><Note>"
                + SECRET
                + "</Note><ProcessingStatus>PARTIAL</ProcessingStatus></TnOptionOrder>"));

    BandwidthException e =
        catchThrowableOfType(BandwidthException.class, () -> client.getOrder(ORDER_ID));

    assertThat(e.getMessage()).contains("(redacted)").doesNotContain(SECRET);
  }
}
