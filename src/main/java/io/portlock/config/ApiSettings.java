package io.portlock.config;

import java.net.URI;

/**
 * The {@code api:} section.
 *
 * @param url the v1 base URL, or null when {@code sandbox} (an embedded sandbox) was asked for
 * @param tokenUrl the OAuth2 token endpoint, or null to derive it from the API host (the test
 *     environment has its own)
 * @param sandbox true for {@code url: sandbox}
 * @param maxAnswerBytes the largest answer portlock reads ({@code max_answer_bytes})
 */
public record ApiSettings(URI url, URI tokenUrl, boolean sandbox, long maxAnswerBytes) {
  public static final URI DEFAULT_URL = URI.create("https://api.bandwidth.com/api/v1");
  public static final URI DEFAULT_TOKEN_URL =
      URI.create("https://api.bandwidth.com/api/v1/oauth2/token");

  /** 32 MiB, as the client's own default: a read-back page of 10,000 numbers is under 1 MiB. */
  public static final long DEFAULT_MAX_ANSWER_BYTES = 32L << 20;

  public ApiSettings(URI url, URI tokenUrl, boolean sandbox) {
    this(url, tokenUrl, sandbox, DEFAULT_MAX_ANSWER_BYTES);
  }

  public ApiSettings withMaxAnswerBytes(long max) {
    return new ApiSettings(url, tokenUrl, sandbox, max);
  }

  public static ApiSettings defaults() {
    return new ApiSettings(DEFAULT_URL, null, false);
  }
}
