package io.portlock.state;

import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Chooses the store for a location: a URL ({@code scheme://…}) names a database store by its
 * scheme; anything else is the path of a state file.
 */
public final class StateStores {
  private static final Pattern URL = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*://.*", Pattern.DOTALL);

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
    if (isUrl(location)) {
      String scheme = location.substring(0, location.indexOf("://")).toLowerCase(Locale.ROOT);
      throw new IllegalArgumentException("no state store serves '" + scheme + "://' locations;"
          + " give the path of a state file");
    }
    return new FileStateStore(workDir.resolve(location).normalize());
  }
}
