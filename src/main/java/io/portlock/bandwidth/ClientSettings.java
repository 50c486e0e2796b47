package io.portlock.bandwidth;

import io.portlock.domain.AccountId;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * Everything {@link BandwidthClient} needs. The compact constructor refuses a plain-http URL to a
 * host other than this machine: requests carry credentials and passcodes.
 *
 * @param baseUrl the v1 base, such as {@code https://api.bandwidth.com/api/v1}
 * @param requestTimeout how long one attempt may wait for its answer
 * @param readbackParallelism how many passcode read-back chunks run at once
 * @param maxAnswerBytes the largest answer body read; a larger one is refused as it arrives
 */
public record ClientSettings(
    URI baseUrl,
    AccountId account,
    Credentials credentials,
    RetryPolicy retry,
    Duration requestTimeout,
    int readbackParallelism,
    long maxAnswerBytes) {

  public static final URI DEFAULT_BASE_URL = URI.create("https://api.bandwidth.com/api/v1");
  public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(60);
  public static final int DEFAULT_READBACK_PARALLELISM = 4;

  /** 32 MiB: a read-back page of 10,000 numbers is well under 1 MiB. */
  public static final long DEFAULT_MAX_ANSWER_BYTES = 32L << 20;

  public ClientSettings {
    Objects.requireNonNull(baseUrl, "baseUrl");
    Objects.requireNonNull(account, "account");
    Objects.requireNonNull(credentials, "credentials");
    Objects.requireNonNull(retry, "retry");
    Objects.requireNonNull(requestTimeout, "requestTimeout");
    baseUrl = withoutTrailingSlash(baseUrl);
    TransportSecurity.requireSafe(baseUrl, "the Bandwidth API URL");
    if (credentials instanceof Credentials.OAuth2 oauth) {
      TransportSecurity.requireSafe(oauth.tokenUrl(), "the OAuth2 token URL");
    }
    if (requestTimeout.isNegative() || requestTimeout.isZero()) {
      throw new IllegalArgumentException(
          "expected a positive request timeout but was " + requestTimeout);
    }
    if (readbackParallelism < 1 || readbackParallelism > 32) {
      throw new IllegalArgumentException(
          "expected a read-back parallelism of 1 to 32 but was " + readbackParallelism);
    }
    if (maxAnswerBytes < 1024 || maxAnswerBytes > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(
          "expected a largest answer of 1024 to "
              + Integer.MAX_VALUE
              + " bytes but was "
              + maxAnswerBytes);
    }
  }

  /** Settings with the default retry policy, a 60 s request timeout and 4 parallel read-backs. */
  public static ClientSettings of(URI baseUrl, AccountId account, Credentials credentials) {
    return new ClientSettings(
        baseUrl,
        account,
        credentials,
        RetryPolicy.defaults(),
        DEFAULT_REQUEST_TIMEOUT,
        DEFAULT_READBACK_PARALLELISM,
        DEFAULT_MAX_ANSWER_BYTES);
  }

  public ClientSettings withRetry(RetryPolicy r) {
    return new ClientSettings(
        baseUrl, account, credentials, r, requestTimeout, readbackParallelism, maxAnswerBytes);
  }

  public ClientSettings withRequestTimeout(Duration t) {
    return new ClientSettings(
        baseUrl, account, credentials, retry, t, readbackParallelism, maxAnswerBytes);
  }

  public ClientSettings withReadbackParallelism(int p) {
    return new ClientSettings(
        baseUrl, account, credentials, retry, requestTimeout, p, maxAnswerBytes);
  }

  public ClientSettings withMaxAnswerBytes(long max) {
    return new ClientSettings(
        baseUrl, account, credentials, retry, requestTimeout, readbackParallelism, max);
  }

  /** {@code {base}/accounts/{account}/} followed by {@code resource}. */
  String accountUrl(String resource) {
    return baseUrl + "/accounts/" + account.value() + "/" + resource;
  }

  private static URI withoutTrailingSlash(URI uri) {
    String text = uri.toString();
    while (text.endsWith("/")) {
      text = text.substring(0, text.length() - 1);
    }
    return URI.create(text);
  }
}
