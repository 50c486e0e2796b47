package io.portlock.state;

import io.portlock.state.postgres.PostgresStateStore;
import io.portlock.state.postgres.PostgresUrl;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Chooses the store for a location: a URL ({@code scheme://…}) names a database store by its scheme
 * ({@code postgresql://}, {@code postgres://}); anything else is the path of a state file.
 */
public final class StateStores {
  private static final Pattern URL =
      Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*://.*", Pattern.DOTALL);

  private StateStores() {}

  /** Whether {@code location} is a URL rather than a file path. */
  public static boolean isUrl(String location) {
    return URL.matcher(location).matches();
  }

  /**
   * The store at {@code location}.
   *
   * @param workDir the folder a relative file path is resolved against
   * @throws IllegalArgumentException for a URL whose scheme no store serves
   */
  public static StateStore forLocation(String location, Path workDir) {
    return forLocation(location, workDir, null, null);
  }

  /**
   * The store at {@code location}; a PostgreSQL URL ({@code postgresql://user@host/db}) selects the
   * database store and its workspace.
   *
   * @param workspace the database workspace; null: a store that can only force-unlock
   * @param password the database password when the URL has none (the config's or PGPASSWORD), or
   *     null
   * @throws IllegalArgumentException for a URL no store serves or that cannot be read; the message
   *     never quotes the URL, which may hold a password
   */
  public static StateStore forLocation(
      String location, Path workDir, String workspace, String password) {
    if (PostgresUrl.looksLikeOne(location)) {
      return new PostgresStateStore(
          PostgresUrl.parse(location, null).withPasswordIfNone(password), workspace);
    }
    if (isUrl(location)) {
      String scheme = location.substring(0, location.indexOf("://")).toLowerCase(Locale.ROOT);
      throw new IllegalArgumentException(
          "no state store serves '"
              + scheme
              + "://' locations;"
              + " give the path of a state file or a postgresql:// URL");
    }
    return new FileStateStore(workDir.resolve(location).normalize());
  }
}
