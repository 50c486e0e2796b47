package io.portlock.config;

/**
 * Where the config keeps its state ({@code state:}): a PostgreSQL URL, the password for it and the
 * workspace name. All optional; without {@code url} the state is a file beside the config. {@link
 * #toString} never shows the URL's password or {@code password}.
 *
 * @param url a PostgreSQL URL as written or read from {@code {env: NAME}}, or null
 * @param urlSource how messages name where the URL came from: {@code state.url} or {@code env NAME}
 * @param password from {@code state.password: {env: NAME}}, or null
 * @param workspace {@code state.workspace}, or null for the default ({@code ACCOUNT/CONFIG NAME})
 */
public record StateSettings(String url, String urlSource, String password, String workspace) {
  /** No {@code state:} in the config. */
  public static StateSettings defaults() {
    return new StateSettings(null, null, null, null);
  }

  @Override
  public String toString() {
    return "StateSettings[url from "
        + urlSource
        + ", password "
        + (password == null ? "none" : "(sensitive)")
        + ", workspace "
        + workspace
        + "]";
  }
}
