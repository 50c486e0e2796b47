package io.portlock.bandwidth;

import io.portlock.domain.AccountId;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * Everything {@link BandwidthClient} needs. The compact constructor refuses a plain-http URL to a
 * host other than this machine: requests carry credentials and passcodes.
 *
 * @param baseUrl the v1 base, such as {@code https://dashboard.bandwidth.com/api/v1.0}
 * @param requestTimeout how long one attempt may wait for its answer
 * @param readbackParallelism how many passcode read-back chunks run at once
 */
public record ClientSettings(
    URI baseUrl,
    AccountId account,
    Credentials credentials,
    RetryPolicy retry,
    Duration requestTimeout,
    int readbackParallelism) {

  public static final URI DEFAULT_BASE_URL = URI.create("https://dashboard.bandwidth.com/api/v1.0");
  public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(60);
  public static final int DEFAULT_READBACK_PARALLELISM = 4;

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
  }

  /** Settings with the default retry policy, a 60 s request timeout and 4 parallel read-backs. */
  public static ClientSettings of(URI baseUrl, AccountId account, Credentials credentials) {
    return new ClientSettings(
        baseUrl, account, credentials, RetryPolicy.defaults(), DEFAULT_REQUEST_TIMEOUT,
        DEFAULT_READBACK_PARALLELISM);
  }

  public ClientSettings withRetry(RetryPolicy r) {
    return new ClientSettings(baseUrl, account, credentials, r, requestTimeout,
        readbackParallelism);
  }

  public ClientSettings withRequestTimeout(Duration t) {
    return new ClientSettings(baseUrl, account, credentials, retry, t, readbackParallelism);
  }

  public ClientSettings withReadbackParallelism(int p) {
    return new ClientSettings(baseUrl, account, credentials, retry, requestTimeout, p);
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
