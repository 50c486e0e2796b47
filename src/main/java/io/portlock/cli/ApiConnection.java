package io.portlock.cli;

import io.portlock.bandwidth.BandwidthApi;
import io.portlock.bandwidth.BandwidthClient;
import io.portlock.bandwidth.ClientSettings;
import io.portlock.bandwidth.Credentials;
import io.portlock.config.ApiSettings;
import io.portlock.config.Config;
import io.portlock.sandbox.Sandbox;
import io.portlock.sandbox.SandboxOptions;
import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The Bandwidth API a command talks to: an embedded sandbox for {@code api.url: sandbox}, else the
 * configured URL (or {@code PORTLOCK_API_URL}) with credentials from the environment.
 */
final class ApiConnection implements AutoCloseable {
  static final String API_URL_VARIABLE = "PORTLOCK_API_URL";

  final BandwidthApi api;
  final String description;
  private final Sandbox sandbox;

  /** The embedded sandbox, or null when the connection goes to a URL. */
  Sandbox sandbox() {
    return sandbox;
  }

  private ApiConnection(BandwidthApi api, Sandbox sandbox, String description) {
    this.api = api;
    this.sandbox = sandbox;
    this.description = description;
  }

  /**
   * Connects when the config or environment says how; empty when there are no credentials and
   * {@code required} is false (plan then compares with the state only).
   */
  static Optional<ApiConnection> open(Workspace workspace, boolean required) {
    Config config = workspace.config;
    Terminal terminal = workspace.terminal;
    String override = terminal.env().get(API_URL_VARIABLE);
    if (config.api().sandbox() && (override == null || override.isBlank())) {
      return Optional.of(embeddedSandbox(config, processingDelay(terminal)));
    }
    URI url = override != null && !override.isBlank() ? parse(override) : config.api().url();
    return connect(
        terminal,
        url,
        config.account(),
        config.api().tokenUrl(),
        required,
        config.api().maxAnswerBytes());
  }

  /** Connects to {@code url} with credentials from the environment (for import, no config yet). */
  static Optional<ApiConnection> connect(
      Terminal terminal,
      URI url,
      io.portlock.domain.AccountId account,
      URI tokenUrl,
      boolean required) {
    return connect(
        terminal, url, account, tokenUrl, required, ClientSettings.DEFAULT_MAX_ANSWER_BYTES);
  }

  private static Optional<ApiConnection> connect(
      Terminal terminal,
      URI url,
      io.portlock.domain.AccountId account,
      URI tokenUrl,
      boolean required,
      long maxAnswerBytes) {
    Credentials credentials;
    try {
      credentials = Credentials.fromEnvironment(terminal.env(), tokenUrl, url, terminal.clock());
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
    if (credentials instanceof Credentials.None) {
      if (required) {
        throw new UsageException(
            "this command needs Bandwidth credentials: set"
                + " BANDWIDTH_CLIENT_ID and BANDWIDTH_CLIENT_SECRET (OAuth2 client credentials; "
                + Credentials.WHERE_TO_CREATE
                + "), or try portlock locally with"
                + " 'api: {url: sandbox}' in the config");
      }
      return Optional.empty();
    }
    credentials
        .deprecationNotice()
        .ifPresent(notice -> terminal.err().println("Warning: " + notice));
    ClientSettings settings;
    try {
      settings = ClientSettings.of(url, account, credentials).withMaxAnswerBytes(maxAnswerBytes);
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
    return Optional.of(
        new ApiConnection(
            BandwidthClient.create(settings), null, url + " (" + credentials.describe() + ")"));
  }

  /**
   * A sandbox in this process, its data in {@code .portlock/sandbox/} beside the config, with
   * credentials drawn for this run only: while a plan runs, no other local user can use the
   * sandbox's port to read the passcodes.
   */
  static ApiConnection embeddedSandbox(Config config) {
    return embeddedSandbox(config, null);
  }

  /** {@code PORTLOCK_SANDBOX_PROCESSING_MS}: how long the embedded sandbox processes an order. */
  static final String PROCESSING_VARIABLE = "PORTLOCK_SANDBOX_PROCESSING_MS";

  private static java.time.Duration processingDelay(Terminal terminal) {
    String value = terminal.env().get(PROCESSING_VARIABLE);
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      long millis = Long.parseLong(value.strip());
      if (millis < 0 || millis > 600_000) {
        throw new NumberFormatException();
      }
      return java.time.Duration.ofMillis(millis);
    } catch (NumberFormatException e) {
      throw new UsageException(
          PROCESSING_VARIABLE + " must be a number of milliseconds from 0" + " to 600000");
    }
  }

  /**
   * @param processingDelay the sandbox's processing time per order, or null for its default
   */
  static ApiConnection embeddedSandbox(Config config, java.time.Duration processingDelay) {
    Path data = config.folder().resolve(".portlock").resolve("sandbox");
    SandboxOptions options =
        SandboxOptions.defaults()
            .withDataDir(data)
            .withAccount(config.account().value())
            .withRandomCredentials();
    if (processingDelay != null) {
      options = options.withProcessingDelay(processingDelay);
    }
    Sandbox sandbox = Sandbox.start(options);
    try {
      ClientSettings settings =
          ClientSettings.of(
              sandbox.baseUrl(),
              config.account(),
              new Credentials.OAuth2(
                  options.clientId(), options.clientSecret(), sandbox.tokenUrl()));
      return new ApiConnection(
          BandwidthClient.create(settings), sandbox, "the embedded sandbox (data in " + data + ")");
    } catch (RuntimeException e) {
      sandbox.close();
      throw e;
    }
  }

  static URI parse(String url) {
    try {
      URI uri = URI.create(url.trim());
      if (uri.getScheme() == null || uri.getHost() == null) {
        throw new IllegalArgumentException("no scheme or host");
      }
      return uri;
    } catch (IllegalArgumentException e) {
      throw new UsageException(
          API_URL_VARIABLE
              + " must be an absolute URL such as"
              + " "
              + ApiSettings.DEFAULT_URL
              + " but was '"
              + url
              + "'");
    }
  }

  @Override
  public void close() {
    try {
      api.close();
    } finally {
      if (sandbox != null) {
        sandbox.close();
      }
    }
  }
}
