package io.portlock.bandwidth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.portlock.bandwidth.MockBandwidthServer.MockAnswer;
import io.portlock.bandwidth.MockBandwidthServer.RecordedRequest;
import io.portlock.domain.AccountId;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** OAuth2 client credentials against a real local token endpoint. */
class OAuth2Test {
  static final String TOKEN_PATH = "/api/v1/oauth2/token";
  static final String ORDER_ID = BandwidthClientTest.ORDER_ID;
  static final String CLIENT_SECRET = "cl13nt-s3cret";

  static Vertx vertx;
  MockBandwidthServer server;
  final AtomicInteger tokensIssued = new AtomicInteger();

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
  }

  @AfterEach
  void stopServer() {
    server.close();
  }

  BandwidthClient client() {
    Credentials credentials =
        new Credentials.OAuth2("client-1", CLIENT_SECRET, server.url(TOKEN_PATH));
    return BandwidthClient.create(
        ClientSettings.of(server.baseUrl(), new AccountId("9900000"), credentials)
            .withRetry(BandwidthClientTest.FAST),
        vertx);
  }

  /** Issues token-1, token-2, … each living {@code expiresIn} seconds. */
  void issueTokens(int expiresIn) {
    server.route(
        TOKEN_PATH,
        r ->
            MockAnswer.status(200)
                .header("Content-Type", "application/json")
                .body(
                    "{\"access_token\":\"token-"
                        + tokensIssued.incrementAndGet()
                        + "\",\"expires_in\":"
                        + expiresIn
                        + ",\"token_type\":\"Bearer\"}"));
  }

  void enqueueOrders(int count) {
    for (int i = 0; i < count; i++) {
      server.enqueue(
          MockAnswer.xml(200, Fixtures.body("java_get_tnoption_complete_with_warnings.xml")));
    }
  }

  List<String> apiAuthorizations() {
    return server.requestsTo(BandwidthClientTest.ORDERS + "/" + ORDER_ID).stream()
        .map(r -> r.header("Authorization"))
        .toList();
  }

  @Test
  void tokenIsFetchedOnceWithClientCredentialsAndReused() {
    issueTokens(3600);
    enqueueOrders(3);

    try (BandwidthClient client = client()) {
      client.getOrder(ORDER_ID);
      client.getOrder(ORDER_ID);
      client.getOrder(ORDER_ID);
    }

    List<RecordedRequest> tokenRequests = server.requestsTo(TOKEN_PATH);
    assertThat(tokenRequests).hasSize(1);
    RecordedRequest token = tokenRequests.get(0);
    assertThat(token.method()).isEqualTo("POST");
    assertThat(token.header("Authorization"))
        .isEqualTo(
            "Basic "
                + Base64.getEncoder().encodeToString(("client-1:" + CLIENT_SECRET).getBytes()));
    assertThat(token.header("Content-Type")).isEqualTo("application/x-www-form-urlencoded");
    assertThat(token.body()).isEqualTo("grant_type=client_credentials");
    assertThat(apiAuthorizations()).containsOnly("Bearer token-1").hasSize(3);
  }

  @Test
  void tokenWithUnderAMinuteLeftIsRenewedBeforeTheNextCall() {
    issueTokens(30);
    enqueueOrders(2);

    try (BandwidthClient client = client()) {
      client.getOrder(ORDER_ID);
      client.getOrder(ORDER_ID);
    }

    assertThat(server.requestsTo(TOKEN_PATH)).hasSize(2);
    assertThat(apiAuthorizations()).containsExactly("Bearer token-1", "Bearer token-2");
  }

  @Test
  void unauthorizedWithACachedTokenRenewsItOnceAndRetries() {
    issueTokens(3600);
    server.enqueue(MockAnswer.status(401));
    enqueueOrders(1);

    try (BandwidthClient client = client()) {
      assertThat(client.getOrder(ORDER_ID).orderId()).isEqualTo(ORDER_ID);
    }

    assertThat(apiAuthorizations()).containsExactly("Bearer token-1", "Bearer token-2");
  }

  @Test
  void unauthorizedAgainAfterRenewalIsReported() {
    issueTokens(3600);
    server.enqueue(MockAnswer.status(401));
    server.enqueue(MockAnswer.status(401));

    BandwidthException e;
    try (BandwidthClient client = client()) {
      e = catchThrowableOfType(BandwidthException.class, () -> client.getOrder(ORDER_ID));
    }

    // The token endpoint took the client credentials; the API refused its token: most often a
    // token of Bandwidth's test environment sent to production, or the reverse.
    assertThat(e)
        .hasMessage(
            "Tried to get tnoptions order "
                + ORDER_ID
                + " but Bandwidth"
                + " answered 401: the credentials were refused; portlock sent a Bearer token that "
                + server.url(TOKEN_PATH)
                + " issued for OAuth2 client credentials (BANDWIDTH_CLIENT_ID,"
                + " BANDWIDTH_CLIENT_SECRET) for client client-1: the API refuses tokens of another"
                + " environment (a token of test.api.bandwidth.com is refused by production, and the"
                + " reverse), so check that the API URL and the token URL belong to one environment");
    assertThat(apiAuthorizations()).hasSize(2);
  }

  @Test
  void refusedClientCredentialsNameTheVariablesNotTheSecret() {
    server.route(
        TOKEN_PATH,
        r ->
            MockAnswer.status(401)
                .header("Content-Type", "application/json")
                .body(
                    "{\"error\":\"invalid_client\",\"error_description\":\"bad secret "
                        + CLIENT_SECRET
                        + "\"}"));

    BandwidthException e;
    try (BandwidthClient client = client()) {
      e = catchThrowableOfType(BandwidthException.class, () -> client.getOrder(ORDER_ID));
    }

    assertThat(e.getMessage())
        .startsWith(
            "Tried to get an OAuth2 token from "
                + server.url(TOKEN_PATH)
                + " but Bandwidth answered 401: invalid_client (bad secret (redacted))")
        .endsWith(
            "; the credentials were refused; portlock sent OAuth2 client credentials"
                + " (BANDWIDTH_CLIENT_ID, BANDWIDTH_CLIENT_SECRET) for client client-1: check their"
                + " values");
    assertThat(e.getMessage()).doesNotContain(CLIENT_SECRET);
    assertThat(server.requestsTo(BandwidthClientTest.ORDERS + "/" + ORDER_ID)).isEmpty();
  }

  @Test
  void tokenAnswerWithoutAccessTokenIsReported() {
    server.route(TOKEN_PATH, r -> MockAnswer.status(200).body("<html>login</html>"));

    BandwidthException e;
    try (BandwidthClient client = client()) {
      e = catchThrowableOfType(BandwidthException.class, () -> client.getOrder(ORDER_ID));
    }

    assertThat(e)
        .hasMessage(
            "Tried to get an OAuth2 token from "
                + server.url(TOKEN_PATH)
                + " but Bandwidth answered 200: the answer holds no access_token (expected JSON"
                + " {\"access_token\": …, \"expires_in\": …})");
  }

  @Test
  void parallelCallsShareOneTokenFetch() throws Exception {
    issueTokens(3600);
    enqueueOrders(6);

    try (BandwidthClient client = client()) {
      List<Thread> threads = new java.util.ArrayList<>();
      for (int i = 0; i < 6; i++) {
        Thread t = new Thread(() -> client.getOrder(ORDER_ID));
        threads.add(t);
        t.start();
      }
      for (Thread t : threads) {
        t.join(Duration.ofSeconds(10).toMillis());
      }
    }

    assertThat(server.requestsTo(TOKEN_PATH)).hasSize(1);
    assertThat(apiAuthorizations()).hasSize(6);
  }
}
