package io.portlock.config;

import java.net.URI;

/**
 * The {@code api:} section.
 *
 * @param url the v1 base URL, or null when {@code sandbox} (an embedded sandbox) was asked for
 * @param tokenUrl the OAuth2 token endpoint, or null for Bandwidth's default
 * @param sandbox true for {@code url: sandbox}
 */
public record ApiSettings(URI url, URI tokenUrl, boolean sandbox) {
  public static final URI DEFAULT_URL = URI.create("https://dashboard.bandwidth.com/api/v1.0");
  public static final URI DEFAULT_TOKEN_URL =
      URI.create("https://api.bandwidth.com/api/v1/oauth2/token");

  public static ApiSettings defaults() {
    return new ApiSettings(DEFAULT_URL, null, false);
  }
}
