package io.portlock.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.portlock.domain.NumberSet;
import io.portlock.sandbox.ReceivedOrder;
import io.portlock.state.FileStateStore;
import io.portlock.state.State;
import io.portlock.state.StateSession;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApplyEndToEndTest {
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

  private CliHarness start(io.portlock.sandbox.SandboxOptions options, int maxNumbers) {
    env = new SandboxCli(dir, options);
    env.cli.env.put("HQ_PASSCODE", HQ);
    env.cli.env.put("SUPPORT_PASSCODE", SUPPORT);
    config(maxNumbers, "- \"2125550100..2125550104\"");
    return env.cli;
  }

  private void config(int maxNumbers, String supportNumbers) {
    env.cli.write(
        "portlock.yaml",
        """
        version: 1
        account: "9900000"
        orders:
          max_numbers: %d
        groups:
          hq:
            passcode: {env: HQ_PASSCODE}
            numbers:
              - "2018551020..2018551029"
          support:
            passcode: {env: SUPPORT_PASSCODE}
            numbers:
              %s
        """
            .formatted(maxNumbers, supportNumbers));
  }

  @Test
  void applyConvergesAndTheNextPlanHasNoChanges() {
    CliHarness cli = start(SandboxCli.fast(), 5000);

    CliHarness.Result apply = cli.run("apply", "--auto-approve");

    assertThat(apply.exitCode()).as(apply.all()).isZero();
    assertThat(apply.out())
        .endsWith("Apply complete: 15 added, 0 changed, 0 removed; 0 failed; 1 order.\n");
    assertThat(env.sandbox.passcodes())
        .hasSize(15)
        .containsEntry(2018551020L, HQ)
        .containsEntry(2125550104L, SUPPORT);
    assertThat(cli.run("plan", "--detailed-exitcode").exitCode()).isZero();
    assertThat(env.sandbox.receivedOrders()).hasSize(1);
  }

  @Test
  void aPartialOrderRecordsOnlyTheNumbersBandwidthConfirmed() {
    // 2125550104 is not on the account: the sandbox answers 5076 for it.
    NumberSet inventory =
        NumberSet.of(
            2018551020L,
            2018551021L,
            2018551022L,
            2018551023L,
            2018551024L,
            2018551025L,
            2018551026L,
            2018551027L,
            2018551028L,
            2018551029L,
            2125550100L,
            2125550101L,
            2125550102L,
            2125550103L);
    CliHarness cli = start(SandboxCli.fast(inventory), 5000);

    // Without the read-back, which would see that 2125550104 is not on the account.
    CliHarness.Result apply = cli.run("apply", "--auto-approve", "--refresh=false");

    assertThat(apply.exitCode()).isEqualTo(1);
    assertThat(apply.err()).contains("Failed: 2125550104: code 5076: ");
    assertThat(apply.out())
        .endsWith(
            "Apply finished with failures: 14 added, 0 changed, 0 removed; 1 failed; 1 order.\n");
    State state = new FileStateStore(dir.resolve("portlock.state.json")).read().orElseThrow();
    assertThat(state.size()).isEqualTo(14);
    assertThat(state.entryOf(2125550104L)).isNull();
    CliHarness.Result plan = cli.run("plan", "--refresh=false");
    assertThat(plan.out()).contains("+ add 1 number\n        2125550104\n");
    assertThat(cli.run("plan").out())
        .doesNotContain("+ add")
        .contains(
            "  # left the account: no order sent, not kept in the state; delete them from"
                + " the config\n"
                + "      x 2125550104\n");
  }

  @Test
  void aPasscodeBandwidthAlreadyHasCountsAsConverged() {
    CliHarness cli = start(SandboxCli.fast(), 5000);
    env.sandbox.setPasscode(2018551020L, HQ); // set outside portlock: the sandbox answers 5195

    // Without the read-back, which would record 2018551020 without sending it.
    CliHarness.Result apply = cli.run("apply", "--auto-approve", "--refresh=false");

    assertThat(apply.exitCode()).as(apply.all()).isZero();
    assertThat(apply.out())
        .endsWith("Apply complete: 15 added, 0 changed, 0 removed; 0 failed; 1 order.\n");
    assertThat(cli.run("plan", "--detailed-exitcode").exitCode()).isZero();
  }

  @Test
  void anOrderBandwidthEndsFailedBecauseEveryNumberAlreadyHoldsItsPasscodeIsRecorded() {
    CliHarness cli = start(SandboxCli.fast(), 5000);
    assertThat(cli.run("apply", "--auto-approve").exitCode()).isZero();
    assertThat(cli.run("state", "rm", "2018551020..2018551029").exitCode()).isZero();

    // Without the read-back the plan sends them again: every number answers 5195, and
    // Bandwidth ends the whole order FAILED.
    CliHarness.Result apply = cli.run("apply", "--auto-approve", "--refresh=false");

    assertThat(apply.exitCode()).as(apply.all()).isZero();
    assertThat(apply.err()).isEmpty();
    assertThat(apply.out())
        .endsWith("Apply complete: 10 added, 0 changed, 0 removed; 0 failed; 1 order.\n");
    assertThat(env.sandbox.receivedOrders()).hasSize(2);
    State state = new FileStateStore(dir.resolve("portlock.state.json")).read().orElseThrow();
    assertThat(state.size()).isEqualTo(15);
    assertThat(state.entryOf(2018551025L).group()).isEqualTo("hq");
    assertThat(cli.run("plan", "--detailed-exitcode", "--refresh=false").exitCode()).isZero();
    assertThat(cli.run("plan", "--detailed-exitcode").exitCode()).isZero();
  }

  @Test
  void bandwidthsLowerOrderLimitResplitsTheOrderAndGoesOn() {
    CliHarness cli = start(SandboxCli.fast().withMaxNumbersPerOrder(4), 10);

    CliHarness.Result apply = cli.run("apply", "--auto-approve", "--parallelism", "1");

    assertThat(apply.exitCode()).as(apply.all()).isZero();
    assertThat(apply.out()).contains("Bandwidth takes at most 4 numbers per order: splitting ");
    assertThat(env.sandbox.passcodes()).hasSize(15);
    // Planned as 10 + 5; the refused order is split into 4 + 4 + 2 and the next one, never
    // sent at 5, into 4 + 1: every order within Bandwidth's limit, every number sent once.
    assertThat(env.sandbox.receivedOrders())
        .extracting(ReceivedOrder::numberCount)
        .containsExactlyInAnyOrder(4, 4, 2, 4, 1);
    assertThat(cli.run("plan", "--detailed-exitcode").exitCode()).isZero();
  }

  @Test
  void removalsAreRefusedWithoutTheFlagAndClearTheirPasscodeWithIt() {
    CliHarness cli = start(SandboxCli.fast(), 5000);
    assertThat(cli.run("apply", "--auto-approve").exitCode()).isZero();
    config(5000, "- \"2125550100..2125550102\"");

    CliHarness.Result refused = cli.run("apply", "--auto-approve");
    assertThat(refused.exitCode()).isEqualTo(3);
    assertThat(refused.err()).startsWith("Refused: the plan clears the passcode of 2 numbers");
    assertThat(env.sandbox.receivedOrders()).hasSize(1);

    CliHarness.Result allowed = cli.run("apply", "--auto-approve", "--allow-removals");
    assertThat(allowed.exitCode()).as(allowed.all()).isZero();
    assertThat(allowed.out())
        .endsWith("Apply complete: 0 added, 0 changed, 2 removed; 0 failed; 1 order.\n");
    assertThat(env.sandbox.passcodes()).doesNotContainKeys(2125550103L, 2125550104L).hasSize(13);
  }

  @Test
  void aSavedPlanIsAppliedExactlyAndRefusedOnceStale() {
    CliHarness cli = start(SandboxCli.fast(), 5000);
    assertThat(cli.run("plan", "--out", "first.plan").exitCode()).isZero();
    assertThat(cli.run("plan", "--out", "second.plan").exitCode()).isZero();

    CliHarness.Result first = cli.run("apply", "first.plan");
    assertThat(first.exitCode()).as(first.all()).isZero();
    assertThat(first.out()).startsWith("Applying plan ");

    CliHarness.Result stale = cli.run("apply", "second.plan");
    assertThat(stale.exitCode()).isEqualTo(1);
    assertThat(stale.err())
        .startsWith(
            "Error: the plan is stale: it was made from state (none yet)"
                + " but the state is now ")
        .endsWith(
            "; run 'portlock plan --out FILE' again, review it" + " and apply the new plan\n");

    env.cli.env.put("HQ_PASSCODE", "Other123");
    assertThat(cli.run("plan", "--out", "third.plan").exitCode()).isZero();
    env.cli.env.put("HQ_PASSCODE", "Other456");
    assertThat(cli.run("apply", "third.plan").err())
        .startsWith(
            "Error: the plan is stale: a"
                + " passcode read from its source no longer matches the plan's fingerprint");
    assertThat(env.sandbox.receivedOrders()).hasSize(1);
  }

  @Test
  void aSecondApplyFailsWithTheLockHoldersDetails() {
    CliHarness cli = start(SandboxCli.fast(), 5000);
    FileStateStore store = new FileStateStore(dir.resolve("portlock.state.json"));
    try (StateSession held = store.open("apply", Duration.ZERO)) {
      CliHarness.Result blocked = cli.run("apply", "--auto-approve");
      assertThat(blocked.exitCode()).isEqualTo(1);
      assertThat(blocked.err())
          .startsWith(
              "Error: the state "
                  + store.file()
                  + " is locked: ID "
                  + held.lock().id()
                  + ", operation apply, by ");
    }
    assertThat(env.sandbox.receivedOrders()).isEmpty();
    assertThat(cli.run("plan").exitCode()).as("plan takes no lock").isZero();
  }

  @Test
  void anApplyKilledAfterSendingIsResumedWithoutSendingTheOrderAgain() throws Exception {
    CliHarness cli = start(SandboxCli.fast(), 10);
    Path stateFile = dir.resolve("portlock.state.json");
    // The first apply dies after its first order is journaled and sent, on the write that
    // would record the order's result: the state keeps the order in its journal.
    String journaled = CrashingApply.run(env, stateFile, cli);
    assertThat(env.ordersWith(journaled)).isEqualTo(1);

    CliHarness.Result resumed = cli.run("apply", "--auto-approve");

    assertThat(resumed.exitCode()).as(resumed.all()).isZero();
    assertThat(resumed.out()).contains("Resuming order " + journaled);
    assertThat(env.ordersWith(journaled)).as("the journaled order was not sent again").isEqualTo(1);
    Map<String, Long> perId =
        env.sandbox.receivedOrders().stream()
            .collect(Collectors.groupingBy(ReceivedOrder::customerOrderId, Collectors.counting()));
    assertThat(perId.values()).containsOnly(1L);
    assertThat(env.sandbox.passcodes()).hasSize(15);
    assertThat(cli.run("plan", "--detailed-exitcode").exitCode()).isZero();
  }

  @Test
  void noPasscodeAppearsInAnyOutputOrFileOfAnApply() throws Exception {
    CliHarness cli = start(SandboxCli.fast(), 4);
    StringBuilder all = new StringBuilder();
    all.append(cli.run("plan", "--out", "p.plan", "--debug").all());
    all.append(cli.run("apply", "p.plan", "--debug").all());
    all.append(cli.run("plan", "--format", "json", "--debug").all());
    env.cli.env.put("HQ_PASSCODE", "Changed99");
    all.append(cli.run("apply", "p.plan", "--debug").all());
    all.append(cli.run("apply", "--debug").all());
    assertThat(all.toString())
        .doesNotContain(HQ)
        .doesNotContain(SUPPORT)
        .doesNotContain("Changed99");
    for (Map.Entry<Path, String> file : cli.files().entrySet()) {
      assertThat(file.getValue())
          .as(file.getKey().toString())
          .doesNotContain(HQ)
          .doesNotContain(SUPPORT)
          .doesNotContain("Changed99");
    }
    assertThat(Files.exists(dir.resolve("portlock.state.json"))).isTrue();
  }
}
