package io.portlock.bandwidth;

import java.net.URI;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** How portlock authenticates to Bandwidth. {@code toString} never shows a secret. */
public sealed interface Credentials {

  /** Bandwidth's OAuth2 token endpoint. */
  URI DEFAULT_TOKEN_URL = URI.create("https://api.bandwidth.com/api/v1/oauth2/token");

  /** The token endpoint's path on an API host. */
  String TOKEN_PATH = "/api/v1/oauth2/token";

  String CLIENT_ID_VARIABLE = "BANDWIDTH_CLIENT_ID";
  String CLIENT_SECRET_VARIABLE = "BANDWIDTH_CLIENT_SECRET";
  String USERNAME_VARIABLE = "BANDWIDTH_USERNAME";
  String PASSWORD_VARIABLE = "BANDWIDTH_PASSWORD";
  String TOKEN_URL_VARIABLE = "PORTLOCK_TOKEN_URL";

  /** OAuth 2.0 client credentials: the only method Bandwidth supports after 2026-12-02. */
  record OAuth2(String clientId, String clientSecret, URI tokenUrl) implements Credentials {
    public OAuth2 {
      requireText(clientId, "clientId");
      requireText(clientSecret, "clientSecret");
      Objects.requireNonNull(tokenUrl, "tokenUrl");
    }

    @Override
    public String describe() {
      return "OAuth2 client credentials ("
          + CLIENT_ID_VARIABLE
          + ", "
          + CLIENT_SECRET_VARIABLE
          + ") for client "
          + clientId;
    }

    @Override
    public String toString() {
      return "OAuth2[clientId="
          + clientId
          + ", clientSecret=(sensitive), tokenUrl="
          + tokenUrl
          + "]";
    }
  }

  /** A username and password API user: deprecated by Bandwidth, removed on 2026-12-02. */
  record Basic(String user, String password) implements Credentials {
    public Basic {
      requireText(user, "user");
      requireText(password, "password");
    }

    @Override
    public String describe() {
      return "the username and password ("
          + USERNAME_VARIABLE
          + ", "
          + PASSWORD_VARIABLE
          + ") of API user "
          + user;
    }

    @Override
    public Optional<String> deprecationNotice() {
      return Optional.of(
          "Bandwidth removes username/password API users on 2026-12-02; switch to"
              + " OAuth2 client credentials ("
              + CLIENT_ID_VARIABLE
              + "/"
              + CLIENT_SECRET_VARIABLE
              + ")");
    }

    @Override
    public String toString() {
      return "Basic[user=" + user + ", password=(sensitive)]";
    }
  }

  /** No credentials: only useful against a sandbox that does not check them. */
  record None() implements Credentials {
    @Override
    public String describe() {
      return "no credentials (neither "
          + CLIENT_ID_VARIABLE
          + "/"
          + CLIENT_SECRET_VARIABLE
          + " nor "
          + USERNAME_VARIABLE
          + "/"
          + PASSWORD_VARIABLE
          + " is set)";
    }
  }

  /**
   * The day Bandwidth removes username/password API users ("API Users are fully decommissioned and
   * may no longer be used for authentication"). From then on {@link Basic} goes only to a loopback
   * address (the sandbox and tests).
   */
  LocalDate BASIC_REMOVED_ON = LocalDate.of(2026, 12, 2);

  /** Where Bandwidth's OAuth2 client credentials are made, for messages. */
  String WHERE_TO_CREATE =
      "create them in the Bandwidth App (Dashboard) under Account > API" + " Credentials";

  /**
   * Picks the credentials from environment variables: {@code BANDWIDTH_CLIENT_ID} and {@code
   * BANDWIDTH_CLIENT_SECRET} first, then {@code BANDWIDTH_USERNAME} and {@code BANDWIDTH_PASSWORD},
   * else none. Blank values count as unset.
   *
   * @param tokenUrl the configured token endpoint, or null to derive it from {@code apiUrl} ({@link
   *     #tokenUrlFor}); the environment variable {@code PORTLOCK_TOKEN_URL} wins over both
   * @param apiUrl where the credentials will be sent
   * @param clock today's date, compared with {@link #BASIC_REMOVED_ON}
   * @throws IllegalArgumentException when only half of a pair is set (a misnamed secret would
   *     otherwise pass for "no credentials"), or when a username and password would go to a host
   *     other than this machine on or after {@link #BASIC_REMOVED_ON}; nothing is sent then
   */
  static Credentials fromEnvironment(
      Map<String, String> env, URI tokenUrl, URI apiUrl, Clock clock) {
    String clientId = value(env, CLIENT_ID_VARIABLE);
    String clientSecret = value(env, CLIENT_SECRET_VARIABLE);
    String user = value(env, USERNAME_VARIABLE);
    String password = value(env, PASSWORD_VARIABLE);
    requirePair(
        clientId,
        CLIENT_ID_VARIABLE,
        clientSecret,
        CLIENT_SECRET_VARIABLE,
        "OAuth2 client credentials");
    requirePair(user, USERNAME_VARIABLE, password, PASSWORD_VARIABLE, "username and password");
    if (clientId != null) {
      String fromEnv = value(env, TOKEN_URL_VARIABLE);
      URI url =
          fromEnv != null ? URI.create(fromEnv) : tokenUrl != null ? tokenUrl : tokenUrlFor(apiUrl);
      return new OAuth2(clientId, clientSecret, url);
    }
    if (user != null) {
      boolean removed = !LocalDate.now(clock.withZone(ZoneOffset.UTC)).isBefore(BASIC_REMOVED_ON);
      if (removed && !TransportSecurity.isLoopback(apiUrl.getHost())) {
        throw new IllegalArgumentException(
            USERNAME_VARIABLE
                + " and "
                + PASSWORD_VARIABLE
                + " are set, but Bandwidth removed username/password API users on "
                + BASIC_REMOVED_ON
                + " and accepts only OAuth2 client credentials, so portlock sends"
                + " a username and password only to a local sandbox, not to "
                + apiUrl
                + ";"
                + " nothing was sent. Set "
                + CLIENT_ID_VARIABLE
                + " and "
                + CLIENT_SECRET_VARIABLE
                + " instead ("
                + WHERE_TO_CREATE
                + ")");
      }
      return new Basic(user, password);
    }
    return new None();
  }

  /**
   * The OAuth2 token endpoint that belongs to {@code apiUrl}: Bandwidth's token endpoint lives on
   * the API host ({@code https://api.bandwidth.com/api/v1/oauth2/token}, and {@code
   * https://test.api.bandwidth.com/api/v1/oauth2/token} for the test environment, whose tokens
   * production refuses). The dashboard host has no token endpoint of its own and uses production's;
   * any other host (a sandbox) is asked at {@code /api/v1/oauth2/token}.
   */
  static URI tokenUrlFor(URI apiUrl) {
    String host = apiUrl.getHost() == null ? "" : apiUrl.getHost().toLowerCase(Locale.ROOT);
    if (host.equals("dashboard.bandwidth.com") || host.equals("api.bandwidth.com")) {
      return DEFAULT_TOKEN_URL;
    }
    String authority = apiUrl.getRawAuthority();
    return URI.create(apiUrl.getScheme() + "://" + authority + TOKEN_PATH);
  }

  private static void requirePair(
      String first, String firstName, String second, String secondName, String what) {
    if ((first == null) != (second == null)) {
      String set = first != null ? firstName : secondName;
      String missing = first != null ? secondName : firstName;
      throw new IllegalArgumentException(
          set
              + " is set but "
              + missing
              + " is not (or is"
              + " empty): "
              + what
              + " need both. Set "
              + missing
              + ", or unset "
              + set
              + (what.startsWith("OAuth2") ? " (" + WHERE_TO_CREATE + ")" : ""));
    }
  }

  /** Which credentials these are, by kind and variable names, never by secret value. */
  String describe();

  /** A one-line warning to print when these credentials are about to stop working. */
  default Optional<String> deprecationNotice() {
    return Optional.empty();
  }

  private static String value(Map<String, String> env, String name) {
    String v = env.get(name);
    return v == null || v.isBlank() ? null : v.trim();
  }

  private static void requireText(String value, String name) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("expected a non-empty " + name + " but it was empty");
    }
  }
}
