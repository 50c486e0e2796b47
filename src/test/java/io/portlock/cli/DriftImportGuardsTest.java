package io.portlock.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.portlock.state.FileStateStore;
import io.portlock.state.State;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DriftImportGuardsTest {
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

  private CliHarness applied(String hqNumbers, String safety) {
    env = new SandboxCli(dir, SandboxCli.fast());
    env.cli.env.put("HQ_PASSCODE", HQ);
    env.cli.env.put("SUPPORT_PASSCODE", SUPPORT);
    writeConfig(hqNumbers, safety);
    CliHarness.Result apply = env.cli.run("apply", "--auto-approve");
    assertThat(apply.exitCode()).as(apply.all()).isZero();
    return env.cli;
  }

  private void writeConfig(String hqNumbers, String safety) {
    env.cli.write(
        "portlock.yaml",
        """
        version: 1
        account: "9900000"
        %s
        groups:
          hq:
            passcode: {env: HQ_PASSCODE}
            numbers: [%s]
          support:
            passcode: {env: SUPPORT_PASSCODE}
            numbers: ["2125550100..2125550104"]
        """
            .formatted(safety, hqNumbers));
  }

  @Test
  void driftMadeOutsidePortlockIsShownApartAndRepairedByApply() {
    CliHarness cli = applied("\"2018551020..2018551029\"", "");
    env.sandbox.setPasscode(2018551020L, "Other123"); // changed
    env.sandbox.setPasscode(2018551021L, null); // removed
    env.sandbox.setPasscode(2018551022L, SUPPORT); // moved to another group's passcode
    env.sandbox.removeNumberFromAccount(2018551029L); // left the account

    CliHarness.Result plan = cli.run("plan", "--detailed-exitcode");

    assertThat(plan.exitCode()).isEqualTo(2);
    assertThat(plan.out())
        .startsWith(
            "Warning: 3 numbers were changed outside portlock (2 hold"
                + " another passcode at Bandwidth, 1 has none); this plan sets them again\n"
                + "Warning: 1 managed number is no longer on the account (ported out or released);"
                + " apply drops it from the state and sends no order for it\n")
        .contains(
            "    ~ change 2 numbers (changed outside portlock)\n        2018551020\n"
                + "        2018551022\n")
        .contains("    ~ change 1 number (passcode removed outside portlock)\n        2018551021\n")
        .contains(
            "  # left the account: no order sent, not kept in the state; delete them from"
                + " the config\n"
                + "      x 2018551029\n");
    assertThat(plan.out()).doesNotContain("Other123").doesNotContain(HQ).doesNotContain(SUPPORT);

    CliHarness.Result apply = cli.run("apply", "--auto-approve");
    assertThat(apply.exitCode()).as(apply.all()).isZero();
    assertThat(env.sandbox.passcodes())
        .containsEntry(2018551020L, HQ)
        .containsEntry(2018551021L, HQ)
        .containsEntry(2018551022L, HQ);
    State state = new FileStateStore(dir.resolve("portlock.state.json")).read().orElseThrow();
    assertThat(state.entryOf(2018551029L)).isNull();
    writeConfig("\"2018551020..2018551028\"", "");
    assertThat(cli.run("plan", "--detailed-exitcode").exitCode()).isZero();
  }

  @Test
  void protectionWipedOutsidePortlockIsDriftThatApplyRepairsWithoutForce() {
    CliHarness cli = applied("\"2018551020..2018551034\"", "");
    for (long n = 2018551020L; n <= 2018551034L; n++) {
      env.sandbox.setPasscode(n, null);
    }
    for (long n = 2125550100L; n <= 2125550104L; n++) {
      env.sandbox.setPasscode(n, null);
    }

    CliHarness.Result plan = cli.run("plan", "--detailed-exitcode");

    assertThat(plan.exitCode()).as(plan.all()).isEqualTo(2);
    assertThat(plan.out())
        .startsWith(
            "Warning: 20 numbers were changed outside portlock (0 hold"
                + " another passcode at Bandwidth, 20 have none); this plan sets them again\n\n")
        .contains(
            "    ~ change 15 numbers (passcode removed outside portlock)\n"
                + "        2018551020..2018551034 (15 numbers)\n");
    // Putting back what the state records is no change of protection: no guard trips, even
    // though every managed number is in the orders.
    CliHarness.Result apply = cli.run("apply", "--auto-approve");
    assertThat(apply.exitCode()).as(apply.all()).isZero();
    assertThat(env.sandbox.passcodes())
        .hasSize(20)
        .containsEntry(2018551020L, HQ)
        .containsEntry(2125550104L, SUPPORT);
    assertThat(cli.run("plan", "--detailed-exitcode").exitCode()).isZero();
  }

  @Test
  void refreshAndImportReadAnAccountWhoseProtectionWasWiped() {
    CliHarness cli = applied("\"2018551020..2018551024\"", "");
    for (long n : env.sandbox.passcodes().keySet().stream().mapToLong(Long::longValue).toArray()) {
      env.sandbox.setPasscode(n, null);
    }

    CliHarness.Result refresh = cli.run("refresh");

    assertThat(refresh.exitCode()).as(refresh.all()).isZero();
    assertThat(refresh.out())
        .contains("  10 numbers have no passcode at Bandwidth (dropped from" + " the state)\n");
    cli.write("wiped.txt", "2018551020..2018551024\n");
    CliHarness.Result imported =
        cli.run(
            "import", "--account", "9900000", "--numbers", "wiped.txt", "--out", "imported.yaml");
    assertThat(imported.err())
        .isEqualTo(
            "Error: Bandwidth holds no port-out passcode for those"
                + " numbers; there is nothing to import\n");
  }

  @Test
  void refreshUpdatesTheStateWithoutTouchingBandwidth() {
    CliHarness cli = applied("\"2018551020..2018551024\"", "");
    env.sandbox.setPasscode(2018551020L, "Other123");
    env.sandbox.setPasscode(2018551021L, null);
    int orders = env.sandbox.receivedOrders().size();

    CliHarness.Result refresh = cli.run("refresh");

    assertThat(refresh.exitCode()).as(refresh.all()).isZero();
    assertThat(refresh.out())
        .isEqualTo(
            "Refresh updated the state from Bandwidth:\n"
                + "  1 number holds another passcode at Bandwidth (state now records its fingerprint)\n"
                + "  1 number has no passcode at Bandwidth (dropped from the state)\n"
                + "  0 numbers are no longer on the account (dropped from the state)\n"
                + "Run 'portlock plan' to see what it takes to match the config again.\n");
    assertThat(env.sandbox.receivedOrders()).hasSize(orders);
    assertThat(env.sandbox.passcodes()).containsEntry(2018551020L, "Other123");
    CliHarness.Result plan = cli.run("plan", "--refresh=false");
    assertThat(plan.out())
        .contains("+ add 1 number\n        2018551021\n")
        .contains("~ change 1 number (passcode changed)\n        2018551020\n");
    assertThat(cli.run("refresh").out())
        .isEqualTo(
            "Refresh: all 9 managed numbers hold the"
                + " passcode the state records. The state is unchanged.\n");
  }

  @Test
  void importAdoptsWhatBandwidthHoldsSoThePlanShowsNoChangeAndApplySendsNothing() throws Exception {
    env = new SandboxCli(dir, SandboxCli.fast());
    for (long n = 2018551020L; n <= 2018551039L; n++) {
      env.sandbox.setPasscode(n, "Alpha111");
    }
    for (long n = 2125550100L; n <= 2125550104L; n++) {
      env.sandbox.setPasscode(n, "Beta2222");
    }
    env.sandbox.setPasscode(6465550001L, "Gamma333");
    CliHarness cli = env.cli;

    CliHarness.Result imported =
        cli.run("import", "--account", "9900000", "--out", "imported.yaml", "--show-secrets");

    assertThat(imported.exitCode()).as(imported.all()).isZero();
    assertThat(imported.all())
        .doesNotContain("Alpha111")
        .doesNotContain("Beta2222")
        .doesNotContain("Gamma333");
    assertThat(Files.readString(dir.resolve("imported.yaml")))
        .contains(
            "  group-01:\n    passcode: {env: PORTLOCK_PASSCODE_GROUP_01}\n    numbers:\n"
                + "      - \"2018551020..2018551039\"\n")
        .doesNotContain("Alpha111");
    Path secrets = dir.resolve("imported.secrets.env");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secrets)))
        .isEqualTo("rw-------");
    for (String line : Files.readAllLines(secrets)) {
      if (line.startsWith("export ")) {
        String[] kv = line.substring(7).split("=", 2);
        cli.env.put(kv[0], kv[1].replace("'", ""));
      }
    }

    CliHarness.Result plan = cli.run("plan", "-c", "imported.yaml", "--detailed-exitcode");
    assertThat(plan.exitCode()).as(plan.all()).isZero();
    CliHarness.Result apply = cli.run("apply", "-c", "imported.yaml", "--auto-approve");
    assertThat(apply.exitCode()).isZero();
    assertThat(env.sandbox.receivedOrders()).isEmpty();
    assertThat(cli.run("import", "--account", "9900000", "--out", "imported.yaml").err())
        .contains("imported.yaml exists already");
  }

  @Test
  void aPlanOverTheChangeShareIsRefusedUntilForced() {
    CliHarness cli = applied("\"2018551020..2018551034\"", "");
    cli.env.put("HQ_PASSCODE", "NewHq999"); // 15 of 20 managed numbers change: 75% > 30%

    CliHarness.Result plan = cli.run("plan");
    assertThat(plan.out())
        .startsWith(
            "Warning: apply will refuse this plan: it changes or removes"
                + " 15 of 20 managed numbers (75%), over safety.max_change_percent 30%; after review,"
                + " apply with --force\n");
    CliHarness.Result refused = cli.run("apply", "--auto-approve");
    assertThat(refused.exitCode()).isEqualTo(3);
    assertThat(refused.err()).startsWith("Refused: apply will refuse this plan: it changes");
    CliHarness.Result forced = cli.run("apply", "--auto-approve", "--force");
    assertThat(forced.exitCode()).as(forced.all()).isZero();
    assertThat(env.sandbox.passcodes()).containsEntry(2018551020L, "NewHq999");
  }

  @Test
  void anAbsoluteLimitTripsEvenForAdditions() {
    env = new SandboxCli(dir, SandboxCli.fast());
    env.cli.env.put("HQ_PASSCODE", HQ);
    env.cli.env.put("SUPPORT_PASSCODE", SUPPORT);
    writeConfig("\"2018551020..2018551029\"", "safety:\n  max_changes: 12");
    assertThat(env.cli.run("apply", "--auto-approve").exitCode()).isEqualTo(3);
    assertThat(env.sandbox.receivedOrders()).isEmpty();
  }

  @Test
  void stateCommandsListShowAndForgetNumbers() {
    CliHarness cli = applied("\"2018551020..2018551024\"", "");

    assertThat(cli.run("state", "list", "--group", "support").out())
        .matches(
            "support \\(5 numbers, passcode fp [0-9a-f]{6}\u2026\\)\n  2125550100..2125550104\n");
    assertThat(cli.run("state", "show", "+1 201 855 1020").out())
        .contains("group:             hq\n")
        .contains("last order:        portlock-");
    CliHarness.Result rm = cli.run("state", "rm", "2018551020..2018551021");
    assertThat(rm.out())
        .isEqualTo("Removed 2 numbers from the state; Bandwidth was not changed.\n");
    assertThat(env.sandbox.passcodes()).containsKey(2018551020L);
    assertThat(cli.run("state", "show", "2018551020").err())
        .isEqualTo(
            "Error: 2018551020 is not managed by this state; 'portlock state list' shows"
                + " the managed numbers\n");
    assertThat(cli.run("state", "rm", "6465550001").exitCode()).isEqualTo(1);
    assertThat(cli.run("force-unlock", "no-such-id").err())
        .isEqualTo(
            "Error: "
                + dir.resolve("portlock.state.json.lock")
                + ": no lock record is there; nothing to unlock\n");
  }
}
