package io.portlock.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.portlock.sandbox.ReceivedOrder;
import io.portlock.sandbox.SandboxOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * "No order is sent twice" against a Bandwidth whose lookup lags behind its creates and whose
 * create answers get lost after the order was accepted.
 */
class LostAnswerApplyTest {
  @TempDir Path dir;
  SandboxCli env;

  @AfterEach
  void tearDown() {
    if (env != null) {
      env.close();
    }
  }

  CliHarness workspace(SandboxOptions options) {
    env = new SandboxCli(dir, options);
    env.cli.env.put("HQ_PASSCODE", "Hq7seCret");
    env.cli.env.put("SALES_PASSCODE", "Sa1esPin");
    env.cli.write(
        "portlock.yaml",
        """
        version: 1
        account: "9900000"
        orders:
          max_numbers: 10
        groups:
          hq:
            passcode: {env: HQ_PASSCODE}
            numbers: ["2018551020..2018551039"]
          sales:
            passcode: {env: SALES_PASSCODE}
            numbers: ["2125550100..2125550119"]
        """);
    return env.cli;
  }

  @Test
  void everyCreateAnswerLostAndALaggingLookupStillSendEachOrderOnce() {
    CliHarness cli =
        workspace(
            SandboxCli.fast()
                .withFaults(
                    SandboxOptions.Faults.none()
                        .withLostCreateRate(1)
                        .withLookupLag(Duration.ofMillis(300))));

    CliHarness.Result apply = cli.run("apply", "--auto-approve", "--lookup-wait", "6s");

    assertThat(apply.exitCode()).as(apply.all()).isZero();
    List<ReceivedOrder> received = env.sandbox.receivedOrders();
    assertThat(received).hasSize(4);
    assertThat(received).extracting(ReceivedOrder::customerOrderId).doesNotHaveDuplicates();
    assertThat(env.sandbox.faultCounts().lostCreateAnswers()).isEqualTo(4);
    assertThat(cli.run("plan", "--detailed-exitcode").exitCode()).isZero();
  }

  @Test
  void ordersStillRunningAfterAResumeAreNotPlannedAndSentAgain() {
    CliHarness cli = workspace(SandboxCli.fast().withProcessingDelay(Duration.ofSeconds(30)));
    CliHarness.Result first = cli.run("apply", "--auto-approve", "--order-timeout", "50ms");
    assertThat(first.exitCode()).as(first.all()).isEqualTo(1);
    assertThat(env.sandbox.receivedOrders()).hasSize(4);

    CliHarness.Result second = cli.run("apply", "--auto-approve", "--order-timeout", "50ms");

    assertThat(second.exitCode()).isEqualTo(1);
    assertThat(second.err())
        .contains(
            "4 orders of an interrupted apply are still unresolved and"
                + " stay in the journal; nothing new was sent. Run 'portlock apply' again later to follow"
                + " them");
    assertThat(env.sandbox.receivedOrders()).hasSize(4);
  }
}
