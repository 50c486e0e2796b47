package io.portlock.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.portlock.domain.ManualTime;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AuthenticationTest {
  private final ManualTime time = new ManualTime(Instant.parse("2026-12-02T10:00:00Z"));
  private Sandbox sandbox;
  private SandboxHttp http;

  @BeforeEach
  void start() {
    sandbox = Sandbox.start(SandboxOptions.defaults(), time);
    http = new SandboxHttp(sandbox);
  }

  @AfterEach
  void stop() {
    sandbox.close();
  }

  private HttpResponse<String> requestToken(String clientId, String secret) {
    return http.send(
        HttpRequest.newBuilder(sandbox.tokenUrl())
            .header("Authorization", SandboxHttp.basic(clientId, secret))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"))
            .build());
  }

  @Test
  void clientCredentialsGrantIssuesABearerTokenThatOpensTheApi() {
    HttpResponse<String> token =
        requestToken(SandboxOptions.DEFAULT_CLIENT_ID, SandboxOptions.DEFAULT_CLIENT_SECRET);

    assertThat(token.statusCode()).isEqualTo(200);
    JsonObject json = new JsonObject(token.body());
    assertThat(json.getString("token_type")).isEqualTo("Bearer");
    assertThat(json.getLong("expires_in")).isEqualTo(3600L);
    http.authorization = "Bearer " + json.getString("access_token");
    assertThat(http.get(http.accountUrl("/tnoptions")).statusCode()).isEqualTo(200);
  }

  @Test
  void tokenRequestWithWrongSecretIsRefused() {
    HttpResponse<String> token = requestToken(SandboxOptions.DEFAULT_CLIENT_ID, "wrong");

    assertThat(token.statusCode()).isEqualTo(401);
    assertThat(new JsonObject(token.body()).getString("error")).isEqualTo("invalid_client");
  }

  @Test
  void expiredTokenIsAnswered401() throws Exception {
    sandbox.setTokenLifetime(Duration.ofMillis(100));
    String token =
        new JsonObject(
                requestToken(SandboxOptions.DEFAULT_CLIENT_ID, SandboxOptions.DEFAULT_CLIENT_SECRET)
                    .body())
            .getString("access_token");
    http.authorization = "Bearer " + token;
    assertThat(http.get(http.accountUrl("/tnoptions")).statusCode()).isEqualTo(200);

    time.advance(Duration.ofMillis(100));

    assertThat(http.get(http.accountUrl("/tnoptions")).statusCode()).isEqualTo(401);
  }

  @Test
  void basicCredentialsOpenTheApiUnderTheSdksPrefixesButNotTheMisreadV10() {
    assertThat(http.get(http.accountUrl("/tnoptions")).statusCode()).isEqualTo(200);
    for (String prefix : new String[] {"/api/v1", "/api", "/v1.0"}) {
      String url =
          "http://127.0.0.1:"
              + sandbox.port()
              + prefix
              + "/accounts/"
              + SandboxOptions.DEFAULT_ACCOUNT
              + "/tnoptions";
      assertThat(http.get(url).statusCode()).as(prefix).isEqualTo(200);
    }
    String misread =
        "http://127.0.0.1:"
            + sandbox.port()
            + "/api/v1.0/accounts/"
            + SandboxOptions.DEFAULT_ACCOUNT
            + "/tnoptions";
    assertThat(http.get(misread).statusCode()).isEqualTo(404);
  }

  @Test
  void missingOrWrongCredentialsAreAnswered401WithAnEmptyBodyAndAChallenge() {
    http.authorization = null;
    HttpResponse<String> missing = http.get(http.accountUrl("/tnoptions"));
    http.authorization = SandboxHttp.basic(SandboxOptions.DEFAULT_USER, "wrong");
    HttpResponse<String> wrong = http.get(http.accountUrl("/tnPortoutPasscodes"));
    http.authorization = "Bearer not-a-token";
    HttpResponse<String> badToken = http.get(http.accountUrl("/tnoptions"));

    for (HttpResponse<String> response : java.util.List.of(missing, wrong, badToken)) {
      assertThat(response.statusCode()).isEqualTo(401);
      assertThat(response.body()).isEmpty();
      assertThat(response.headers().allValues("WWW-Authenticate")).isNotEmpty();
    }
  }

  @Test
  void anotherAccountIsAnswered403WithError1001() {
    HttpResponse<String> response = http.get(sandbox.baseUrl() + "/accounts/1234567/tnoptions/abc");

    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(Xml.parse(response.body()).getDocumentElement().getTagName())
        .isEqualTo("TnOptionOrderResponse");
    assertThat(Xml.text(response.body(), "ErrorCode")).isEqualTo("1001");
    assertThat(Xml.text(response.body(), "Description")).startsWith("Access Denied");
  }

  @Test
  void listensOnLoopbackOnly() {
    assertThat(sandbox.baseUrl())
        .isEqualTo(URI.create("http://127.0.0.1:" + sandbox.port() + "/api/v1"));
    assertThat(sandbox.tokenUrl().toString()).endsWith("/api/v1/oauth2/token");
  }
}
