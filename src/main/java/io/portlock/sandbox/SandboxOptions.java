package io.portlock.sandbox;

import io.portlock.domain.NumberSet;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How to run a sandbox.
 *
 * @param port 0 for any free port
 * @param dataDir where orders and passcodes persist, or null to keep them in memory only
 * @param inventory the account's numbers (others get error 5076), or null to accept any number
 * @param processingDelay how long an order stays RECEIVED/PROCESSING before it ends
 * @param maxNumbersPerOrder above this, create answers 400 with error 5095
 * @param profile off-net tiers, numbers outside NANP and the credentials' roles
 */
public record SandboxOptions(
    int port,
    Path dataDir,
    String account,
    String user,
    String password,
    String clientId,
    String clientSecret,
    NumberSet inventory,
    Duration processingDelay,
    int maxNumbersPerOrder,
    Faults faults,
    AccountProfile profile) {

  public SandboxOptions {
    Objects.requireNonNull(profile, "profile");
  }

  /** The options of earlier versions: a plain account profile. */
  public SandboxOptions(
      int port,
      Path dataDir,
      String account,
      String user,
      String password,
      String clientId,
      String clientSecret,
      NumberSet inventory,
      Duration processingDelay,
      int maxNumbersPerOrder,
      Faults faults) {
    this(
        port,
        dataDir,
        account,
        user,
        password,
        clientId,
        clientSecret,
        inventory,
        processingDelay,
        maxNumbersPerOrder,
        faults,
        AccountProfile.plain());
  }

  public static final String DEFAULT_ACCOUNT = "9900000";
  public static final String DEFAULT_USER = "sandbox";
  public static final String DEFAULT_PASSWORD = "sandbox";
  public static final String DEFAULT_CLIENT_ID = "sandbox-client";
  public static final String DEFAULT_CLIENT_SECRET = "sandbox-secret";
  private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();

  public static SandboxOptions defaults() {
    return new SandboxOptions(
        0,
        null,
        DEFAULT_ACCOUNT,
        DEFAULT_USER,
        DEFAULT_PASSWORD,
        DEFAULT_CLIENT_ID,
        DEFAULT_CLIENT_SECRET,
        null,
        Duration.ofMillis(300),
        10_000,
        Faults.none());
  }

  /**
   * The same options with credentials nobody else knows: a new random password and client secret
   * (and user and client id), drawn for this run. The defaults are well known, and any local user
   * who can reach 127.0.0.1 could read every passcode with them.
   */
  public SandboxOptions withRandomCredentials() {
    return withCredentials(
        "sandbox-" + random(4), random(24), "sandbox-client-" + random(4), random(24));
  }

  public SandboxOptions withCredentials(String u, String p, String id, String secret) {
    return new SandboxOptions(
        port,
        dataDir,
        account,
        u,
        p,
        id,
        secret,
        inventory,
        processingDelay,
        maxNumbersPerOrder,
        faults,
        profile);
  }

  private static String random(int bytes) {
    byte[] value = new byte[bytes];
    RANDOM.nextBytes(value);
    return java.util.HexFormat.of().formatHex(value);
  }

  public SandboxOptions withPort(int p) {
    return new SandboxOptions(
        p,
        dataDir,
        account,
        user,
        password,
        clientId,
        clientSecret,
        inventory,
        processingDelay,
        maxNumbersPerOrder,
        faults,
        profile);
  }

  public SandboxOptions withDataDir(Path d) {
    return new SandboxOptions(
        port,
        d,
        account,
        user,
        password,
        clientId,
        clientSecret,
        inventory,
        processingDelay,
        maxNumbersPerOrder,
        faults,
        profile);
  }

  public SandboxOptions withAccount(String a) {
    return new SandboxOptions(
        port,
        dataDir,
        a,
        user,
        password,
        clientId,
        clientSecret,
        inventory,
        processingDelay,
        maxNumbersPerOrder,
        faults,
        profile);
  }

  public SandboxOptions withInventory(NumberSet i) {
    return new SandboxOptions(
        port,
        dataDir,
        account,
        user,
        password,
        clientId,
        clientSecret,
        i,
        processingDelay,
        maxNumbersPerOrder,
        faults,
        profile);
  }

  public SandboxOptions withProcessingDelay(Duration d) {
    return new SandboxOptions(
        port,
        dataDir,
        account,
        user,
        password,
        clientId,
        clientSecret,
        inventory,
        d,
        maxNumbersPerOrder,
        faults,
        profile);
  }

  public SandboxOptions withMaxNumbersPerOrder(int m) {
    return new SandboxOptions(
        port,
        dataDir,
        account,
        user,
        password,
        clientId,
        clientSecret,
        inventory,
        processingDelay,
        m,
        faults,
        profile);
  }

  public SandboxOptions withFaults(Faults f) {
    return new SandboxOptions(
        port,
        dataDir,
        account,
        user,
        password,
        clientId,
        clientSecret,
        inventory,
        processingDelay,
        maxNumbersPerOrder,
        f,
        profile);
  }

  public SandboxOptions withProfile(AccountProfile p) {
    return new SandboxOptions(
        port,
        dataDir,
        account,
        user,
        password,
        clientId,
        clientSecret,
        inventory,
        processingDelay,
        maxNumbersPerOrder,
        faults,
        p);
  }

  /**
   * Injected faults, drawn per request from a seeded random, and the inconvenient ways of
   * Bandwidth's API that its sources describe.
   *
   * @param latency added before every answer
   * @param rate429 share of requests answered 429 with {@code Retry-After: retryAfterSeconds}
   * @param rate500 share answered 500
   * @param dropRate share whose connection is closed without an answer
   * @param rateLimitRequests API requests allowed per rate-limit window (0: no limit); beyond, 429
   *     with {@code X-RateLimit-Reset} (epoch seconds of the window's end) and an empty body, as
   *     the Numbers API answers
   * @param rateLimitWindow the length of those windows, counted from the sandbox's start
   * @param e164 answers write numbers as {@code +1XXXXXXXXXX}, as accounts on Bandwidth's E.164
   *     format (and v2) do; requests may use either form
   * @param redirectRate share of list reads ({@code GET /tnoptions}, {@code GET
   *     /tnPortoutPasscodes}) answered {@code 303 See Other} to the same URL on the same host
   * @param lookupLag how long a new order stays out of {@code GET /tnoptions} lists (the lookup by
   *     customerOrderId) after its create, as Bandwidth's lookup may lag behind
   * @param lostCreateRate share of accepted creates whose answer is lost: half the time the
   *     connection closes, half the time the 201 keeps its {@code Location} but its body is cut
   */
  public record Faults(
      Duration latency,
      double rate429,
      int retryAfterSeconds,
      double rate500,
      double dropRate,
      long seed,
      int rateLimitRequests,
      Duration rateLimitWindow,
      boolean e164,
      double redirectRate,
      Duration lookupLag,
      double lostCreateRate) {

    public Faults {
      Objects.requireNonNull(rateLimitWindow, "rateLimitWindow");
      Objects.requireNonNull(lookupLag, "lookupLag");
      if (rateLimitRequests > 0 && rateLimitWindow.toMillis() < 1000) {
        throw new IllegalArgumentException(
            "expected a rate-limit window of at least 1 s but was " + rateLimitWindow);
      }
    }

    /** The random faults only; Bandwidth's quirks off. */
    public Faults(
        Duration latency,
        double rate429,
        int retryAfterSeconds,
        double rate500,
        double dropRate,
        long seed) {
      this(
          latency,
          rate429,
          retryAfterSeconds,
          rate500,
          dropRate,
          seed,
          0,
          Duration.ZERO,
          false,
          0,
          Duration.ZERO,
          0);
    }

    public static Faults none() {
      return new Faults(Duration.ZERO, 0, 1, 0, 0, 1);
    }

    /** At most {@code requests} API requests per {@code window}; then 429 until it resets. */
    public Faults withRateLimit(int requests, Duration window) {
      return new Faults(
          latency,
          rate429,
          retryAfterSeconds,
          rate500,
          dropRate,
          seed,
          requests,
          window,
          e164,
          redirectRate,
          lookupLag,
          lostCreateRate);
    }

    public Faults withE164(boolean on) {
      return new Faults(
          latency,
          rate429,
          retryAfterSeconds,
          rate500,
          dropRate,
          seed,
          rateLimitRequests,
          rateLimitWindow,
          on,
          redirectRate,
          lookupLag,
          lostCreateRate);
    }

    public Faults withRedirectRate(double share) {
      return new Faults(
          latency,
          rate429,
          retryAfterSeconds,
          rate500,
          dropRate,
          seed,
          rateLimitRequests,
          rateLimitWindow,
          e164,
          share,
          lookupLag,
          lostCreateRate);
    }

    public Faults withLookupLag(Duration lag) {
      return new Faults(
          latency,
          rate429,
          retryAfterSeconds,
          rate500,
          dropRate,
          seed,
          rateLimitRequests,
          rateLimitWindow,
          e164,
          redirectRate,
          lag,
          lostCreateRate);
    }

    public Faults withLostCreateRate(double share) {
      return new Faults(
          latency,
          rate429,
          retryAfterSeconds,
          rate500,
          dropRate,
          seed,
          rateLimitRequests,
          rateLimitWindow,
          e164,
          redirectRate,
          lookupLag,
          share);
    }
  }
}
