package io.portlock.bandwidth;

import java.net.URI;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** How portlock authenticates to Bandwidth. {@code toString} never shows a secret. */
public sealed interface Credentials {

  /** Bandwidth's OAuth2 token endpoint. */
  URI DEFAULT_TOKEN_URL = URI.create("https://api.bandwidth.com/api/v1/oauth2/token");

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
      return "OAuth2 client credentials (" + CLIENT_ID_VARIABLE + ", " + CLIENT_SECRET_VARIABLE
          + ") for client " + clientId;
    }

    @Override
    public String toString() {
      return "OAuth2[clientId=" + clientId + ", clientSecret=(sensitive), tokenUrl=" + tokenUrl
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
      return "the username and password (" + USERNAME_VARIABLE + ", " + PASSWORD_VARIABLE
          + ") of API user " + user;
    }

    @Override
    public Optional<String> deprecationNotice() {
      return Optional.of(
          "Bandwidth removes username/password API users on 2026-12-02; switch to"
              + " OAuth2 client credentials (" + CLIENT_ID_VARIABLE + "/" + CLIENT_SECRET_VARIABLE
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
      return "no credentials (neither " + CLIENT_ID_VARIABLE + "/" + CLIENT_SECRET_VARIABLE
          + " nor " + USERNAME_VARIABLE + "/" + PASSWORD_VARIABLE + " is set)";
    }
  }

  /**
   * Picks the credentials from environment variables: {@code BANDWIDTH_CLIENT_ID} and
   * {@code BANDWIDTH_CLIENT_SECRET} first, then {@code BANDWIDTH_USERNAME} and
   * {@code BANDWIDTH_PASSWORD}, else none. Blank values count as unset.
   *
   * @param tokenUrl the configured token endpoint, or null for Bandwidth's; the environment
   *     variable {@code PORTLOCK_TOKEN_URL} wins over both
   */
  static Credentials fromEnvironment(Map<String, String> env, URI tokenUrl) {
    String clientId = value(env, CLIENT_ID_VARIABLE);
    String clientSecret = value(env, CLIENT_SECRET_VARIABLE);
    if (clientId != null && clientSecret != null) {
      String fromEnv = value(env, TOKEN_URL_VARIABLE);
      URI url =
          fromEnv != null ? URI.create(fromEnv) : tokenUrl != null ? tokenUrl : DEFAULT_TOKEN_URL;
      return new OAuth2(clientId, clientSecret, url);
    }
    String user = value(env, USERNAME_VARIABLE);
    String password = value(env, PASSWORD_VARIABLE);
    if (user != null && password != null) {
      return new Basic(user, password);
    }
    return new None();
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
