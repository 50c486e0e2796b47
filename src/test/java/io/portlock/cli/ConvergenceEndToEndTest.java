package io.portlock.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.portlock.state.FileStateStore;
import io.portlock.state.State;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 8, "Convergence": the runs that never converged against Bandwidth, driven through {@code
 * Main} against the sandbox.
 */
class ConvergenceEndToEndTest {
  private static final String HQ = "Hq7seCret";
  private static final String SUPPORT = "Sup9port";

  @TempDir Path dir;
  SandboxCli env;

  @AfterEach
  void tearDown() {
    if (env != null) {
      env.close();
    }
  }

  private CliHarness started() {
    env = new SandboxCli(dir, SandboxCli.fast());
    env.cli.env.put("HQ_PASSCODE", HQ);
    env.cli.env.put("SUPPORT_PASSCODE", SUPPORT);
    env.cli.env.put("LAB_PASSCODE", SUPPORT);
    config("hq", "\"2018551020..2018551029\"", "\"2125550100..2125550104\"", "\"9195550110\"");
    return env.cli;
  }

  private CliHarness applied() {
    CliHarness cli = started();
    CliHarness.Result apply = cli.run("apply", "--auto-approve");
    assertThat(apply.exitCode()).as(apply.all()).isZero();
    return cli;
  }

  /** Groups hq (HQ), support and lab (both SUPPORT: equal passcodes). */
  private void config(String hqName, String hq, String support, String lab) {
    env.cli.write(
        "portlock.yaml",
        """
        version: 1
        account: "9900000"
        groups:
          %s:
            passcode: {env: HQ_PASSCODE}
            numbers: [%s]
          support:
            passcode: {env: SUPPORT_PASSCODE}
            numbers: [%s]
          lab:
            passcode: {env: LAB_PASSCODE}
            numbers: [%s]
        """
            .formatted(hqName, hq, support, lab));
  }

  private State state() {
    return new FileStateStore(dir.resolve("portlock.state.json")).read().orElseThrow();
  }

  private static JsonNode json(CliHarness.Result result) throws Exception {
    return new ObjectMapper().readTree(result.out());
  }

  @Test
  void numbersForgottenByStateRmAreRecordedAgainWithoutAnOrder() throws Exception {
    CliHarness cli = applied();
    assertThat(cli.run("state", "rm", "2018551020..2018551029").exitCode()).isZero();

    CliHarness.Result plan = cli.run("plan", "--detailed-exitcode");

    assertThat(plan.exitCode()).as(plan.all()).isEqualTo(2);
    assertThat(plan.out())
        .contains(
            "    = record 10 numbers (already set at Bandwidth: will be"
                + " recorded, no order)\n        2018551020..2018551029 (10 numbers)\n")
        .contains("Orders (at most 5000 numbers each):\n  none: apply only updates the state\n")
        .endsWith(
            "Plan: 0 to add, 0 to change, 0 to remove, 6 unchanged, 10 to record (already"
                + " set); 0 orders.\n");
    JsonNode summary = json(cli.run("plan", "--format", "json")).path("summary");
    assertThat(summary.path("record").asLong()).isEqualTo(10);
    assertThat(summary.path("orders").asInt()).isZero();

    CliHarness.Result apply = cli.run("apply", "--auto-approve");

    assertThat(apply.exitCode()).as(apply.all()).isZero();
    assertThat(apply.out())
        .contains(
            "Recorded 10 numbers that already hold their passcode at"
                + " Bandwidth, without an order.\n");
    assertThat(env.sandbox.receivedOrders()).hasSize(1);
    assertThat(state().entryOf(2018551020L).group()).isEqualTo("hq");
    assertThat(state().entryOf(2018551020L).orderId()).isNull();
    assertThat(cli.run("plan", "--detailed-exitcode").exitCode()).isZero();
  }

  @Test
  void aSavedPlanRecordsNumbersWithoutAnOrderOnlyWhileBandwidthStillHoldsTheirPasscode() {
    CliHarness cli = applied();
    assertThat(cli.run("state", "rm", "2018551020..2018551029").exitCode()).isZero();
    assertThat(cli.run("plan", "--out", "adopt.plan").exitCode()).isZero();
    env.sandbox.setPasscode(2018551023L, "Other123");

    CliHarness.Result stale = cli.run("apply", "adopt.plan");

    assertThat(stale.exitCode()).isEqualTo(1);
    assertThat(stale.err())
        .isEqualTo(
            "Error: the plan records 1 number (2018551023) as already"
                + " holding its passcode, but Bandwidth no longer holds it; the passcodes changed since"
                + " the plan, or the plan file was edited, so nothing was sent. Run 'portlock plan --out"
                + " FILE' again, review it and apply the new plan\n");
    assertThat(state().size()).isEqualTo(6);

    env.sandbox.setPasscode(2018551023L, HQ);
    CliHarness.Result apply = cli.run("apply", "adopt.plan");
    assertThat(apply.exitCode()).as(apply.all()).isZero();
    assertThat(state().size()).isEqualTo(16);
    assertThat(env.sandbox.receivedOrders()).hasSize(1);
  }

  @Test
  void adoptingAnAlreadyProtectedAccountNeedsNoImportAndSendsNoOrderForItsNumbers() {
    CliHarness cli = started();
    for (long n = 2018551020L; n <= 2018551029L; n++) {
      env.sandbox.setPasscode(n, HQ);
    }
    env.sandbox.setPasscode(2125550100L, "Other123"); // protected, but not as configured

    CliHarness.Result plan = cli.run("plan");

    assertThat(plan.out())
        .contains(
            "Warning: 1 number not yet managed by portlock holds another passcode at"
                + " Bandwidth (set outside portlock); this plan replaces it with the configured one\n")
        .contains(
            "    = record 10 numbers (already set at Bandwidth: will be recorded, no" + " order)\n")
        .contains("    ~ change 1 number (set outside portlock)\n        2125550100\n")
        .contains("    + add 4 numbers\n        2125550101..2125550104 (4 numbers)\n")
        .endsWith(
            "Plan: 5 to add, 1 to change, 0 to remove, 0 unchanged, 10 to record (already"
                + " set); 1 order.\n");
    assertThat(plan.all()).doesNotContain(HQ).doesNotContain("Other123");

    CliHarness.Result apply = cli.run("apply", "--auto-approve");

    assertThat(apply.exitCode()).as(apply.all()).isZero();
    assertThat(env.sandbox.receivedOrders()).hasSize(1);
    assertThat(env.sandbox.receivedOrders().get(0).numberCount()).isEqualTo(6);
    assertThat(env.sandbox.passcodes()).containsEntry(2125550100L, SUPPORT);
    assertThat(state().size()).isEqualTo(16);
    assertThat(cli.run("plan", "--detailed-exitcode").exitCode()).isZero();
  }

  @Test
  void renamingAGroupOnlyMovesItInTheStateAndTripsNoGuard() throws Exception {
    CliHarness cli = applied();
    config(
        "headquarters",
        "\"2018551020..2018551029\"",
        "\"2125550100..2125550104\"",
        "\"9195550110\"");

    CliHarness.Result plan = cli.run("plan", "--detailed-exitcode");

    assertThat(plan.exitCode()).as(plan.all()).isEqualTo(2);
    assertThat(plan.out())
        .doesNotContain("Warning")
        .contains("  # group \"headquarters\": passcode (sensitive, fp ")
        .contains(
            "    > move 10 numbers from group \"hq\" (same passcode: only the state"
                + " changes, no order)\n        2018551020..2018551029 (10 numbers)\n")
        .endsWith("Plan: 0 to add, 0 to change, 0 to remove, 6 unchanged, 10 to move; 0 orders.\n");
    JsonNode planJson = json(cli.run("plan", "--format", "json"));
    assertThat(planJson.path("summary").path("move").asLong()).isEqualTo(10);
    assertThat(planJson.path("summary").path("orders").asInt()).isZero();
    assertThat(planJson.path("changes").get(0).path("action").asText()).isEqualTo("move");
    assertThat(planJson.path("changes").get(0).path("from_group").asText()).isEqualTo("hq");
    assertThat(cli.run("plan", "--refresh=false").out()).contains("    > move 10 numbers");

    // 10 of 16 managed numbers: over the 30% guard, yet no --force is needed.
    CliHarness.Result apply = cli.run("apply", "--auto-approve");

    assertThat(apply.exitCode()).as(apply.all()).isZero();
    assertThat(env.sandbox.receivedOrders()).hasSize(1);
    assertThat(state().entryOf(2018551025L).group()).isEqualTo("headquarters");
    assertThat(state().entryOf(2018551025L).customerOrderId()).startsWith("portlock-");
    assertThat(cli.run("plan", "--detailed-exitcode").exitCode()).isZero();
  }

  @Test
  void aRenameReviewedAsASavedPlanIsAppliedFromTheFile() {
    CliHarness cli = applied();
    config(
        "headquarters",
        "\"2018551020..2018551029\"",
        "\"2125550100..2125550104\"",
        "\"9195550110\"");
    assertThat(cli.run("plan", "--out", "rename.plan").exitCode()).isZero();

    CliHarness.Result apply = cli.run("apply", "rename.plan");

    assertThat(apply.exitCode()).as(apply.all()).isZero();
    assertThat(apply.out())
        .contains(
            "Moved 10 numbers to their new group in the state; the"
                + " passcode is the same, so no order was sent.\n");
    assertThat(state().entryOf(2018551020L).group()).isEqualTo("headquarters");
    assertThat(env.sandbox.receivedOrders()).hasSize(1);
    assertThat(cli.run("plan", "--detailed-exitcode").exitCode()).isZero();
  }

  @Test
  void aNumberMovedToAGroupWithTheSamePasscodeSendsNoOrder() {
    CliHarness cli = applied();
    config(
        "hq",
        "\"2018551020..2018551029\"",
        "\"2125550100..2125550103\"",
        "\"9195550110\", \"2125550104\"");

    CliHarness.Result plan = cli.run("plan");
    assertThat(plan.out())
        .contains("  # group \"lab\"")
        .contains(
            "    > move 1 number from group \"support\" (same passcode: only the state"
                + " changes, no order)\n        2125550104\n");

    CliHarness.Result apply = cli.run("apply", "--auto-approve", "--refresh=false");

    assertThat(apply.exitCode()).as(apply.all()).isZero();
    assertThat(env.sandbox.receivedOrders()).hasSize(1);
    assertThat(state().entryOf(2125550104L).group()).isEqualTo("lab");
    assertThat(cli.run("plan", "--detailed-exitcode").exitCode()).isZero();
  }

  @Test
  void aRenameWhoseNumbersLostTheirPasscodeAtBandwidthIsRepairedNotMoved() {
    CliHarness cli = applied();
    env.sandbox.setPasscode(2018551020L, null);
    config(
        "headquarters",
        "\"2018551020..2018551029\"",
        "\"2125550100..2125550104\"",
        "\"9195550110\"");

    CliHarness.Result plan = cli.run("plan");

    assertThat(plan.out())
        .contains("    ~ change 1 number (passcode removed outside portlock)\n        2018551020\n")
        .contains("    > move 9 numbers from group \"hq\"");
    assertThat(cli.run("apply", "--auto-approve").exitCode()).isZero();
    assertThat(env.sandbox.passcodes()).containsEntry(2018551020L, HQ);
  }

  @Test
  void stateMvRenamesAGroupOrMovesNumbersWithoutTouchingBandwidth() {
    CliHarness cli = applied();

    CliHarness.Result rename = cli.run("state", "mv", "hq", "headquarters");

    assertThat(rename.exitCode()).as(rename.all()).isZero();
    assertThat(rename.out())
        .isEqualTo(
            "Moved 10 numbers from group 'hq' to group 'headquarters'"
                + " in the state; Bandwidth was not changed.\n");
    assertThat(state().entryOf(2018551029L).group()).isEqualTo("headquarters");
    assertThat(state().entryOf(2018551029L).customerOrderId()).startsWith("portlock-");

    CliHarness.Result move = cli.run("state", "mv", "--to", "lab", "2125550103..2125550104");

    assertThat(move.exitCode()).as(move.all()).isZero();
    assertThat(move.out())
        .isEqualTo(
            "Moved 2 numbers to group 'lab' in the state; Bandwidth was" + " not changed.\n");
    assertThat(state().entryOf(2125550104L).group()).isEqualTo("lab");
    assertThat(env.sandbox.receivedOrders()).hasSize(1);

    assertThat(cli.run("state", "mv", "nosuch", "other").err())
        .isEqualTo(
            "Error: the state"
                + " has no group 'nosuch'; 'portlock state list' shows the managed groups\n");
    assertThat(cli.run("state", "mv", "--to", "lab", "6465550001").err())
        .isEqualTo(
            "Error: 1"
                + " of the numbers are not managed (for example 6465550001); nothing was moved\n");
    assertThat(cli.run("state", "mv", "--to", "bad name", "2125550100").err())
        .startsWith("Error: group name 'bad name' is not allowed");
    assertThat(cli.run("state", "mv", "hq").err()).startsWith("Error: state mv takes");
  }

  @Test
  void numbersThatLeftTheAccountAreReportedWithTheirConfigLineAndNeverOrderedAgain() {
    CliHarness cli = applied();
    env.sandbox.removeNumberFromAccount(2125550104L);

    CliHarness.Result first = cli.run("plan", "--detailed-exitcode");
    assertThat(first.exitCode()).isEqualTo(2);
    assertThat(first.out())
        .contains(
            "Warning: 1 number of the config is no longer on the"
                + " account (ported out or released); portlock sends no order for it; delete it from"
                + " the config: portlock.yaml:9:15 (2125550104)\n");
    assertThat(cli.run("apply", "--auto-approve").exitCode()).isZero();
    assertThat(state().entryOf(2125550104L)).isNull();

    CliHarness.Result again = cli.run("plan", "--detailed-exitcode");
    assertThat(again.out())
        .doesNotContain("+ add")
        .contains("delete it from the config: portlock.yaml:9:15 (2125550104)\n")
        .contains("  # left the account");
    CliHarness.Result apply = cli.run("apply", "--auto-approve");
    assertThat(apply.exitCode()).as(apply.all()).isZero();
    assertThat(apply.all()).doesNotContain("5076");
    assertThat(env.sandbox.receivedOrders()).hasSize(1);

    config("hq", "\"2018551020..2018551029\"", "\"2125550100..2125550103\"", "\"9195550110\"");
    assertThat(cli.run("plan", "--detailed-exitcode").exitCode()).isZero();
  }
}
