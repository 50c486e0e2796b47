package io.portlock.cli;

import io.portlock.domain.NumberSet;
import io.portlock.sandbox.Sandbox;
import io.portlock.sandbox.SandboxOptions;
import java.nio.file.Path;
import java.time.Duration;

/** A CLI harness wired to a sandbox started by the test, through the environment like a user. */
final class SandboxCli implements AutoCloseable {
  final Sandbox sandbox;
  final CliHarness cli;

  SandboxCli(Path dir, SandboxOptions options) {
    this.sandbox = Sandbox.start(options);
    this.cli = new CliHarness(dir);
    cli.env.put("PORTLOCK_API_URL", sandbox.baseUrl().toString());
    cli.env.put("PORTLOCK_TOKEN_URL", sandbox.tokenUrl().toString());
    cli.env.put("BANDWIDTH_CLIENT_ID", SandboxOptions.DEFAULT_CLIENT_ID);
    cli.env.put("BANDWIDTH_CLIENT_SECRET", SandboxOptions.DEFAULT_CLIENT_SECRET);
  }

  static SandboxOptions fast() {
    return SandboxOptions.defaults().withProcessingDelay(Duration.ofMillis(40));
  }

  static SandboxOptions fast(NumberSet inventory) {
    return fast().withInventory(inventory);
  }

  /** How many orders the sandbox accepted with this CustomerOrderId. */
  long ordersWith(String customerOrderId) {
    return sandbox.receivedOrders().stream()
        .filter(o -> customerOrderId.equals(o.customerOrderId()))
        .count();
  }

  @Override
  public void close() {
    sandbox.close();
  }
}
