package io.portlock.engine;

import io.portlock.apply.ApplyListener;
import io.portlock.apply.ApplyResult;
import io.portlock.apply.ApplySettings;
import io.portlock.apply.Cancellation;
import io.portlock.bandwidth.BandwidthClient;
import io.portlock.bandwidth.ClientSettings;
import io.portlock.bandwidth.Credentials;
import io.portlock.domain.AccountId;
import io.portlock.sandbox.Sandbox;
import io.portlock.sandbox.SandboxOptions;
import java.time.Duration;

/** The sandbox and a client of it, for calling the use cases directly as the CLI calls them. */
final class EngineSandbox implements AutoCloseable {
  /** Two orders at a time, polled fast: the sandbox processes an order in 20 ms. */
  static final ApplySettings FAST =
      new ApplySettings(2, null, Duration.ofMillis(20), Duration.ofMillis(100));

  final Sandbox sandbox;
  final BandwidthClient api;

  EngineSandbox() {
    sandbox = Sandbox.start(SandboxOptions.defaults().withProcessingDelay(Duration.ofMillis(20)));
    api =
        BandwidthClient.create(
            ClientSettings.of(
                sandbox.baseUrl(),
                new AccountId(SandboxOptions.DEFAULT_ACCOUNT),
                new Credentials.OAuth2(
                    SandboxOptions.DEFAULT_CLIENT_ID,
                    SandboxOptions.DEFAULT_CLIENT_SECRET,
                    sandbox.tokenUrl())));
  }

  /** Plans afresh (reading back from the sandbox when {@code refresh}), guards and applies. */
  ApplyResult apply(Project project, boolean refresh) {
    try (Applying apply = Applying.begin(project, api, FAST, Cancellation.never(), Duration.ZERO)) {
      Applying.Ready ready = apply.planAfresh(refresh);
      apply.enforceGuards(ready, false, false);
      return apply.run(ready.state(), new ApplyListener() {}).apply(ready);
    }
  }

  @Override
  public void close() {
    api.close();
    sandbox.close();
  }
}
