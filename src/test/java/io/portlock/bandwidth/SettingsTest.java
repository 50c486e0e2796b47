package io.portlock.bandwidth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portlock.domain.AccountId;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Credentials from the environment, transport security and the retry policy. */
class SettingsTest {
  static final AccountId ACCOUNT = new AccountId("9900000");
  static final URI TOKEN = URI.create("https://auth.example/token");
  static final URI API = URI.create("https://api.bandwidth.com/api/v1");
  static final URI SANDBOX = URI.create("http://127.0.0.1:8080/api/v1");
  static final Clock BEFORE_REMOVAL =
      Clock.fixed(Instant.parse("2026-12-01T23:59:59Z"), ZoneOffset.UTC);
  static final Clock REMOVAL = Clock.fixed(Instant.parse("2026-12-02T00:00:00Z"), ZoneOffset.UTC);

  static Credentials fromEnvironment(Map<String, String> env, URI tokenUrl) {
    return Credentials.fromEnvironment(env, tokenUrl, API, BEFORE_REMOVAL);
  }

  @Test
  void clientCredentialsWinOverUsernameAndPassword() {
    Credentials c =
        fromEnvironment(
            Map.of(
                "BANDWIDTH_CLIENT_ID",
                "id",
                "BANDWIDTH_CLIENT_SECRET",
                "sec",
                "BANDWIDTH_USERNAME",
                "u",
                "BANDWIDTH_PASSWORD",
                "p"),
            null);

    assertThat(c).isEqualTo(new Credentials.OAuth2("id", "sec", Credentials.DEFAULT_TOKEN_URL));
    assertThat(c.deprecationNotice()).isEmpty();
  }

  @Test
  void tokenUrlFromTheEnvironmentWinsOverTheConfiguredOne() {
    Map<String, String> env = Map.of("BANDWIDTH_CLIENT_ID", "id", "BANDWIDTH_CLIENT_SECRET", "s");

    assertThat(((Credentials.OAuth2) fromEnvironment(env, TOKEN)).tokenUrl()).isEqualTo(TOKEN);
    Map<String, String> withOverride = new java.util.HashMap<>(env);
    withOverride.put("PORTLOCK_TOKEN_URL", "http://127.0.0.1:9/token");
    assertThat(((Credentials.OAuth2) fromEnvironment(withOverride, TOKEN)).tokenUrl())
        .isEqualTo(URI.create("http://127.0.0.1:9/token"));
  }

  @Test
  void usernameAndPasswordAreBasicWithADeprecationNoticeBeforeTheirRemoval() {
    Credentials c =
        fromEnvironment(Map.of("BANDWIDTH_USERNAME", "alice", "BANDWIDTH_PASSWORD", "pa55"), TOKEN);

    assertThat(c).isEqualTo(new Credentials.Basic("alice", "pa55"));
    assertThat(c.deprecationNotice())
        .contains(
            "Bandwidth removes username/password API"
                + " users on 2026-12-02; switch to OAuth2 client credentials"
                + " (BANDWIDTH_CLIENT_ID/BANDWIDTH_CLIENT_SECRET)");
  }

  @Test
  void fromTheDayOfRemovalUsernameAndPasswordGoOnlyToALoopbackHost() {
    Map<String, String> env = Map.of("BANDWIDTH_USERNAME", "alice", "BANDWIDTH_PASSWORD", "pa55");

    assertThatThrownBy(() -> Credentials.fromEnvironment(env, null, API, REMOVAL))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("removed username/password API users on 2026-12-02")
        .hasMessageContaining("BANDWIDTH_CLIENT_ID and BANDWIDTH_CLIENT_SECRET")
        .hasMessageNotContaining("pa55");
    assertThat(Credentials.fromEnvironment(env, null, SANDBOX, REMOVAL))
        .isEqualTo(new Credentials.Basic("alice", "pa55"));
    assertThat(Credentials.fromEnvironment(env, null, API, BEFORE_REMOVAL))
        .isEqualTo(new Credentials.Basic("alice", "pa55"));
  }

  @Test
  void halfAPairIsAnErrorEvenWhenTheOtherPairIsComplete() {
    assertThatThrownBy(
            () ->
                fromEnvironment(
                    Map.of(
                        "BANDWIDTH_USERNAME",
                        "alice",
                        "BANDWIDTH_PASSWORD",
                        "pa55",
                        "BANDWIDTH_CLIENT_ID",
                        "half-a-pair"),
                    TOKEN))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("BANDWIDTH_CLIENT_ID is set but BANDWIDTH_CLIENT_SECRET is not");
    assertThatThrownBy(
            () ->
                fromEnvironment(
                    Map.of("BANDWIDTH_USERNAME", "alice", "BANDWIDTH_PASSWORD", " "), TOKEN))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("BANDWIDTH_USERNAME is set but BANDWIDTH_PASSWORD is not");
  }

  @Test
  void nothingOrBlankValuesMeanNoCredentials() {
    assertThat(fromEnvironment(Map.of(), TOKEN)).isEqualTo(new Credentials.None());
    assertThat(fromEnvironment(Map.of("BANDWIDTH_USERNAME", " ", "BANDWIDTH_PASSWORD", " "), TOKEN))
        .isEqualTo(new Credentials.None());
  }

  @Test
  void theTokenUrlIsDerivedFromTheApiHost() {
    assertThat(Credentials.tokenUrlFor(URI.create("https://api.bandwidth.com/api/v1")))
        .isEqualTo(URI.create("https://api.bandwidth.com/api/v1/oauth2/token"));
    assertThat(Credentials.tokenUrlFor(URI.create("https://dashboard.bandwidth.com/api/v1")))
        .isEqualTo(URI.create("https://api.bandwidth.com/api/v1/oauth2/token"));
    assertThat(Credentials.tokenUrlFor(URI.create("https://test.api.bandwidth.com/api/v1")))
        .isEqualTo(URI.create("https://test.api.bandwidth.com/api/v1/oauth2/token"));
    assertThat(Credentials.tokenUrlFor(URI.create("http://127.0.0.1:8080/api/v1.0")))
        .isEqualTo(URI.create("http://127.0.0.1:8080/api/v1/oauth2/token"));
    Credentials test =
        Credentials.fromEnvironment(
            Map.of("BANDWIDTH_CLIENT_ID", "id", "BANDWIDTH_CLIENT_SECRET", "s"),
            null,
            URI.create("https://test.api.bandwidth.com/api/v1"),
            REMOVAL);
    assertThat(((Credentials.OAuth2) test).tokenUrl())
        .isEqualTo(URI.create("https://test.api.bandwidth.com/api/v1/oauth2/token"));
  }

  @Test
  void theDefaultBaseUrlIsBandwidthsDocumentedV1Base() {
    assertThat(ClientSettings.DEFAULT_BASE_URL)
        .isEqualTo(URI.create("https://api.bandwidth.com/api/v1"));
    assertThat(io.portlock.config.ApiSettings.defaults().url())
        .isEqualTo(URI.create("https://api.bandwidth.com/api/v1"));
  }

  @Test
  void toStringNeverShowsSecrets() {
    assertThat(new Credentials.OAuth2("id", "topsecret", TOKEN).toString())
        .isEqualTo("OAuth2[clientId=id, clientSecret=(sensitive), tokenUrl=" + TOKEN + "]");
    assertThat(new Credentials.Basic("alice", "topsecret").toString())
        .isEqualTo("Basic[user=alice, password=(sensitive)]");
    ClientSettings settings =
        ClientSettings.of(
            URI.create("https://x.example/api/v1.0/"),
            ACCOUNT,
            new Credentials.Basic("alice", "topsecret"));
    assertThat(settings.toString()).doesNotContain("topsecret");
    assertThat(settings.baseUrl()).isEqualTo(URI.create("https://x.example/api/v1.0"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "http://127.0.0.1:8080/api",
        "http://127.3.4.5/api",
        "http://localhost:1/api",
        "http://[::1]:8080/api",
        "https://dashboard.bandwidth.com/api"
      })
  void httpsAnywhereAndHttpToLoopbackAreAccepted(String url) {
    assertThat(
            ClientSettings.of(URI.create(url), ACCOUNT, new Credentials.Basic("u", "p")).baseUrl())
        .isEqualTo(URI.create(url));
  }

  @Test
  void plainHttpToAnotherHostIsRefusedBeforeAnyRequest() {
    assertThatThrownBy(
            () ->
                ClientSettings.of(
                    URI.create("http://dashboard.bandwidth.com/api"),
                    ACCOUNT,
                    new Credentials.Basic("u", "p")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "refusing to use the Bandwidth API URL http://dashboard.bandwidth.com/api:"
                + " plain http:// would send credentials and passcodes in clear text; use https://,"
                + " or http:// only to a loopback address (127.0.0.1, ::1, localhost) for a local"
                + " sandbox");
  }

  @Test
  void plainHttpTokenUrlToAnotherHostIsRefused() {
    Credentials oauth = new Credentials.OAuth2("id", "s", URI.create("http://10.0.0.1/token"));

    assertThatThrownBy(
            () -> ClientSettings.of(URI.create("http://127.0.0.1:1/api"), ACCOUNT, oauth))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("refusing to use the OAuth2 token URL http://10.0.0.1/token:");
  }

  @Test
  void loopbackLookalikesAreNotLoopback() {
    assertThat(TransportSecurity.isLoopback("127.0.0.1.evil.example")).isFalse();
    assertThat(TransportSecurity.isLoopback("localhost.evil.example")).isFalse();
    assertThat(TransportSecurity.isLoopback("128.0.0.1")).isFalse();
  }

  @Test
  void backoffIsAFullJitterDrawBelowTheDoublingCeiling() {
    RetryPolicy policy = RetryPolicy.defaults();
    SplittableRandom random = new SplittableRandom(7);

    for (int retry = 1; retry <= 10; retry++) {
      long ceiling = Math.min(200L << (retry - 1), 10_000);
      for (int i = 0; i < 50; i++) {
        assertThat(policy.backoffBefore(retry, random).toMillis()).isBetween(0L, ceiling);
      }
    }
    assertThat(policy)
        .isEqualTo(
            new RetryPolicy(
                8, Duration.ofMillis(200), Duration.ofSeconds(10), Duration.ofMinutes(2)));
  }

  @Test
  void retryAfterIsReadInSecondsOrAsAnHttpDate() {
    assertThat(Transport.retryAfter(new Answer(429, Map.of("retry-after", "3"), null)))
        .contains(Duration.ofSeconds(3));
    assertThat(
            Transport.retryAfter(
                new Answer(429, Map.of("retry-after", "Wed, 21 Oct 2015 07:28:00 GMT"), null)))
        .contains(Duration.ZERO);
    assertThat(Transport.retryAfter(new Answer(429, Map.of("retry-after", "soon"), null)))
        .isEmpty();
  }

  @Test
  void excerptsMaskPasscodesAndStayShort() {
    String body =
        "<X><PortOutPasscode>abcd1234</PortOutPasscode><passcode>zz99</passcode>"
            + "y".repeat(300)
            + "</X>";

    String excerpt = Excerpts.of(body.getBytes());

    assertThat(excerpt)
        .doesNotContain("abcd1234")
        .doesNotContain("zz99")
        .startsWith("<X><PortOutPasscode>***</PortOutPasscode><passcode>***</passcode>");
    assertThat(excerpt.length()).isLessThanOrEqualTo(Excerpts.MAX + 1);
  }
}
