package io.portlock.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.portlock.sandbox.SandboxOptions;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What apply and plan print says what happened, in the right number, once. */
class HonestOutputTest {
  private static final String HQ = "Hq7seCret";

  @TempDir Path dir;
  SandboxCli env;

  @AfterEach
  void tearDown() {
    if (env != null) {
      env.close();
    }
  }

  private CliHarness start(String numbers) {
    env = new SandboxCli(dir, SandboxCli.fast());
    env.cli.env.put("HQ_PASSCODE", HQ);
    config("portlock.yaml", numbers);
    return env.cli;
  }

  private void config(String file, String numbers) {
    env.cli.write(
        file,
        """
        version: 1
        account: "9900000"
        orders:
          max_numbers: 10
        groups:
          hq:
            passcode: {env: HQ_PASSCODE}
            numbers:
              - "%s"
        """
            .formatted(numbers));
  }

  @Test
  void oneNumberIsOneNumberAndAnOrderThatClearsSaysCleared() {
    CliHarness cli = start("2018551020..2018551021");

    CliHarness.Result set = cli.run("apply", "--auto-approve");
    assertThat(set.exitCode()).as(set.all()).isZero();
    assertThat(set.out())
        .containsPattern("Sent order portlock-[0-9a-f]+-1 \\([-0-9a-f]+\\):" + " 2 numbers\\.\n");
    assertThat(set.out()).containsPattern("Order portlock-[0-9a-f]+-1 COMPLETE: 2 numbers set\\.");
    config("portlock.yaml", "2018551020");

    CliHarness.Result refused = cli.run("apply", "--auto-approve");
    assertThat(refused.err())
        .startsWith(
            "Refused: the plan clears the passcode of 1 number no" + " longer in the config,");

    CliHarness.Result cleared = cli.run("apply", "--auto-approve", "--allow-removals");
    assertThat(cleared.exitCode()).as(cleared.all()).isZero();
    assertThat(cleared.out())
        .containsPattern("Sent order portlock-[0-9a-f]+-1 \\([-0-9a-f]+\\):" + " 1 number\\.\n");
    assertThat(cleared.out())
        .containsPattern(
            "Order portlock-[0-9a-f]+-1 COMPLETE: 1 number"
                + " cleared\\. 1/1 orders, 1/1 numbers, ");
    assertThat(cleared.out())
        .endsWith("Apply complete: 0 added, 0 changed, 1 removed; 0 failed; 1 order.\n");
  }

  @Test
  void aResumedOrderIsNotLoggedAsSentAndItsPassCountsItsOwnOrders() {
    CliHarness cli = start("2018551020..2018551034");
    String journaled = CrashingApply.run(env, dir.resolve("portlock.state.json"), cli);

    CliHarness.Result resumed = cli.run("apply", "--auto-approve");

    assertThat(resumed.exitCode()).as(resumed.all()).isZero();
    assertThat(resumed.out())
        .contains("Resuming order " + journaled + " (")
        .doesNotContain("Sent order " + journaled)
        .contains("Order " + journaled + " COMPLETE: 10 numbers set. 1/1 orders, 10/10 numbers, ");
  }

  @Test
  void theGuardWarningIsNotPrintedWhenForceOverridesIt() {
    CliHarness cli = start("2018551020..2018551039");
    assertThat(cli.run("apply", "--auto-approve").exitCode()).isZero();
    env.cli.env.put("HQ_PASSCODE", "Other123");

    CliHarness.Result refused = cli.run("apply", "--auto-approve");
    assertThat(refused.exitCode()).isEqualTo(3);
    assertThat(refused.out())
        .contains(
            "Warning: apply will refuse this plan: it changes or"
                + " removes 20 of 20 managed numbers (100%)");

    CliHarness.Result forced = cli.run("apply", "--auto-approve", "--force");
    assertThat(forced.exitCode()).as(forced.all()).isZero();
    assertThat(forced.all()).doesNotContain("apply will refuse this plan");
  }

  @Test
  void theUsernamePasswordNoticeSaysWarningOnce() {
    CliHarness cli = start("2018551020");
    cli.env.remove("BANDWIDTH_CLIENT_ID");
    cli.env.remove("BANDWIDTH_CLIENT_SECRET");
    cli.env.put("BANDWIDTH_USERNAME", SandboxOptions.DEFAULT_USER);
    cli.env.put("BANDWIDTH_PASSWORD", SandboxOptions.DEFAULT_PASSWORD);

    CliHarness.Result plan = cli.run("plan");

    assertThat(plan.err())
        .contains("Warning: Bandwidth removes username/password API users")
        .doesNotContainIgnoringCase("warning: warning");
  }

  @Test
  void aPlanSavedWithAConfigIsAppliedWithoutNamingItAgain() {
    CliHarness cli = start("2018551020");
    config("infra/portlock.yaml", "2018551021");

    CliHarness.Result plan = cli.run("plan", "-c", "infra/portlock.yaml", "--out", "p.plan");
    assertThat(plan.err())
        .contains(
            "Saved the plan to p.plan; apply exactly these changes"
                + " with: portlock apply -c infra/portlock.yaml p.plan\n");

    CliHarness.Result apply = cli.run("apply", "p.plan");

    assertThat(apply.exitCode()).as(apply.all()).isZero();
    assertThat(env.sandbox.passcodes()).containsOnlyKeys(2018551021L);
    assertThat(dir.resolve("infra/portlock.state.json")).exists();
    assertThat(dir.resolve("portlock.state.json")).doesNotExist();
  }

  @Test
  void anApplyAsksWhenStdinIsATerminalEvenIfStdoutIsPiped() {
    CliHarness cli = start("2018551020");
    cli.interactive = false; // stdout goes to a pipe: no colour, no bar
    cli.promptable = true; // but a person types on stdin
    cli.stdin = "yes\n";

    CliHarness.Result apply = cli.run("apply");

    assertThat(apply.exitCode()).as(apply.all()).isZero();
    assertThat(apply.out())
        .contains("Do you want to apply these changes? Only 'yes' will be" + " accepted: ");
    assertThat(env.sandbox.passcodes()).containsOnlyKeys(2018551020L);
  }
}
