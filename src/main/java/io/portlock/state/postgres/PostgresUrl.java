package io.portlock.state.postgres;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A PostgreSQL location in the libpq URL form that psql takes: {@code
 * postgresql://user[:password]@host[:port]/db[?sslmode=...]}. {@link #toString} masks the password,
 * so the value can go into any message; only {@link #connectionProperties} holds it.
 */
public final class PostgresUrl {
  /** The query parameters portlock passes on; libpq has more, which are refused by name. */
  private static final Set<String> PARAMETERS =
      Set.of("sslmode", "sslrootcert", "connect_timeout", "application_name");

  private static final Set<String> SSL_MODES =
      Set.of("disable", "allow", "prefer", "require", "verify-ca", "verify-full");
  private static final Pattern FORM =
      Pattern.compile(
          "(?:postgresql|postgres)://(?:([^:@/?]*)(?::([^@/?]*))?@)?"
              + "(\\[[0-9A-Fa-f:.]+\\]|[^:/?\\[\\]]+)(?::([0-9]{1,5}))?(?:/([^?]*))?(?:\\?(.*))?");

  private final String user;
  private final String password;
  private final String host;
  private final int port;
  private final String database;
  private final Map<String, String> parameters;

  private PostgresUrl(
      String user,
      String password,
      String host,
      int port,
      String database,
      Map<String, String> parameters) {
    this.user = user;
    this.password = password;
    this.host = host;
    this.port = port;
    this.database = database;
    this.parameters = Map.copyOf(parameters);
  }

  /** Whether {@code location} is meant as a PostgreSQL URL rather than a file name. */
  public static boolean looksLikeOne(String location) {
    return location.startsWith("postgresql://") || location.startsWith("postgres://");
  }

  /**
   * Parses {@code text}; a bad URL is an {@link IllegalArgumentException} whose message never
   * quotes the text, which may hold a password.
   *
   * @param pgpassword {@code PGPASSWORD}, used when the URL has no password (may be null)
   */
  public static PostgresUrl parse(String text, String pgpassword) {
    Matcher m = FORM.matcher(text);
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "expected a PostgreSQL URL of the form"
              + " postgresql://user[:password]@host[:port]/database[?sslmode=...] but "
              + describeMismatch(text)
              + " (the URL is not shown, in case it holds a password)");
    }
    String user = decode(m.group(1), "user name");
    String password = m.group(2) == null ? null : decode(m.group(2), "password");
    if (user == null || user.isEmpty()) {
      throw new IllegalArgumentException(
          "the PostgreSQL URL names no user: write"
              + " postgresql://USER@host/database (the password may come from PGPASSWORD)");
    }
    if (password == null && pgpassword != null && !pgpassword.isEmpty()) {
      password = pgpassword;
    }
    String host = m.group(3);
    int port = m.group(4) == null ? 5432 : Integer.parseInt(m.group(4));
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException(
          "the PostgreSQL URL's port must be 1 to 65535 but was " + port);
    }
    String database = decode(m.group(5), "database name");
    if (database == null || database.isEmpty()) {
      database = user; // libpq's default
    }
    return new PostgresUrl(user, password, host, port, database, parameters(m.group(6)));
  }

  private static String describeMismatch(String text) {
    if (!looksLikeOne(text)) {
      return "it does not start with postgresql://";
    }
    String rest = text.substring(text.indexOf("://") + 3);
    if (rest.isEmpty() || rest.startsWith("/") || rest.startsWith("?")) {
      return "it names no host";
    }
    return "its host or port cannot be read";
  }

  private static Map<String, String> parameters(String query) {
    Map<String, String> result = new LinkedHashMap<>();
    if (query == null || query.isEmpty()) {
      return result;
    }
    for (String pair : query.split("&")) {
      int eq = pair.indexOf('=');
      String name = decode(eq < 0 ? pair : pair.substring(0, eq), "parameter name");
      String value = eq < 0 ? "" : decode(pair.substring(eq + 1), "parameter " + name);
      if (!PARAMETERS.contains(name)) {
        throw new IllegalArgumentException(
            "the PostgreSQL URL's parameter '"
                + name
                + "' is not one portlock passes on; it takes "
                + String.join(", ", PARAMETERS.stream().sorted().toList()));
      }
      if (name.equals("sslmode") && !SSL_MODES.contains(value)) {
        throw new IllegalArgumentException(
            "sslmode must be one of disable, allow, prefer,"
                + " require, verify-ca, verify-full but was '"
                + value
                + "'");
      }
      if (name.equals("connect_timeout") && !value.matches("[0-9]{1,6}")) {
        throw new IllegalArgumentException(
            "connect_timeout takes whole seconds but was '" + value + "'");
      }
      result.put(name, value);
    }
    return result;
  }

  private static String decode(String part, String what) {
    if (part == null) {
      return null;
    }
    try {
      return URLDecoder.decode(part.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "the PostgreSQL URL's " + what + " has a broken %-escape; write a '%' as %25");
    }
  }

  public String user() {
    return user;
  }

  public String host() {
    return host;
  }

  public int port() {
    return port;
  }

  public String database() {
    return database;
  }

  public boolean hasPassword() {
    return password != null;
  }

  /** This URL with {@code password} in place of none; the URL's own password wins. */
  public PostgresUrl withPasswordIfNone(String secret) {
    return password != null || secret == null
        ? this
        : new PostgresUrl(user, secret, host, port, database, parameters);
  }

  public Optional<String> parameter(String name) {
    return Optional.ofNullable(parameters.get(name));
  }

  /** The JDBC URL: host, port and database only; the secrets travel in the properties. */
  public String jdbcUrl() {
    return "jdbc:postgresql://"
        + host
        + ":"
        + port
        + "/"
        + java.net.URLEncoder.encode(database, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /** The driver's connection properties, password included. */
  public Properties connectionProperties() {
    Properties p = new Properties();
    p.setProperty("user", user);
    if (password != null) {
      p.setProperty("password", password);
    }
    p.setProperty("sslmode", parameters.getOrDefault("sslmode", "prefer"));
    String rootCert = parameters.get("sslrootcert");
    if (rootCert != null) {
      p.setProperty("sslrootcert", rootCert);
    }
    p.setProperty("connectTimeout", parameters.getOrDefault("connect_timeout", "10"));
    p.setProperty("ApplicationName", parameters.getOrDefault("application_name", "portlock"));
    p.setProperty("tcpKeepAlive", "true");
    return p;
  }

  /** The URL with the password shown as {@code ***}: safe for messages. */
  @Override
  public String toString() {
    StringBuilder s = new StringBuilder("postgresql://").append(user);
    if (password != null) {
      s.append(":***");
    }
    s.append('@').append(host).append(':').append(port).append('/').append(database);
    if (!parameters.isEmpty()) {
      s.append('?');
      parameters.forEach(
          (k, v) ->
              s.append(s.charAt(s.length() - 1) == '?' ? "" : "&").append(k).append('=').append(v));
    }
    return s.toString();
  }
}
