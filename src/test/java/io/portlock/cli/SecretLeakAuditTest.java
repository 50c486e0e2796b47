package io.portlock.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs every command, error paths included and all with {@code --debug}, with known passcodes, and
 * scans stdout, stderr and every file written. A finding names the passcode by its index and the
 * place, never by value, so that even a failing run leaves no secret in the test report.
 */
class SecretLeakAuditTest {
  private static final List<String> SECRETS =
      List.of("Hq7seCret", "Sup9port", "Drift4242", "Adopted77", "BadPass!1x", "Rotated55");

  @TempDir Path dir;
  SandboxCli env;

  @AfterEach
  void tearDown() {
    if (env != null) {
      env.close();
    }
  }

  @Test
  void noPasscodeAppearsInAnyOutputOrFileOfAnyCommand() {
    env = new SandboxCli(dir, SandboxCli.fast());
    CliHarness cli = env.cli;
    cli.env.put("HQ_PASSCODE", SECRETS.get(0));
    cli.write("secrets/support.txt", SECRETS.get(1) + "\n");
    cli.write(
        "portlock.yaml",
        """
        version: 1
        account: "9900000"
        orders: {max_numbers: 4}
        groups:
          hq:
            passcode: {env: HQ_PASSCODE}
            numbers: ["2018551020..2018551029"]
          support:
            passcode: {file: secrets/support.txt}
            numbers: ["2125550100..2125550104"]
        """);
    List<Run> runs = new ArrayList<>();
    String[][] commands = {
      {"validate", "--debug"},
      {"plan", "--debug"},
      {"plan", "--format", "json", "--debug"},
      {"plan", "--format", "markdown", "--debug"},
      {"plan", "--out", "p.plan", "--debug"},
      {"show", "p.plan", "--debug"},
      {"show", "p.plan", "--format", "json", "--debug"},
      {"apply", "p.plan", "--debug"},
      {"state", "list", "--debug"},
      {"state", "show", "2018551020", "--debug"},
      {"refresh", "--debug"},
    };
    for (String[] args : commands) {
      runs.add(new Run(String.join(" ", args), cli.run(args)));
    }
    // Drift and its repair, a refresh that records it, and a state rm.
    env.sandbox.setPasscode(2018551020L, SECRETS.get(2));
    runs.add(new Run("plan (drift)", cli.run("plan", "--debug")));
    runs.add(new Run("refresh (drift)", cli.run("refresh", "--debug")));
    runs.add(new Run("apply (repair)", cli.run("apply", "--auto-approve", "--force", "--debug")));
    runs.add(new Run("state rm", cli.run("state", "rm", "2125550104", "--debug")));
    // A number recorded again without an order, and a group moved in the state.
    runs.add(new Run("plan (record)", cli.run("plan", "--format", "json", "--debug")));
    runs.add(new Run("apply (record)", cli.run("apply", "--auto-approve", "--debug")));
    runs.add(new Run("state mv", cli.run("state", "mv", "hq", "headquarters", "--debug")));
    runs.add(new Run("plan (move)", cli.run("plan", "--format", "markdown", "--debug")));
    // Error paths: an invalid passcode, a stale plan, a rotated passcode, a refused removal.
    cli.env.put("HQ_PASSCODE", SECRETS.get(4));
    runs.add(new Run("plan (bad passcode)", cli.run("plan", "--debug")));
    cli.env.put("HQ_PASSCODE", SECRETS.get(5));
    runs.add(new Run("apply (stale plan)", cli.run("apply", "p.plan", "--debug")));
    runs.add(new Run("apply (rotated)", cli.run("apply", "--auto-approve", "--force", "--debug")));
    cli.write(
        "portlock.yaml",
        "version: 1\naccount: \"9900000\"\ngroups:\n  hq:\n"
            + "    passcode: {env: HQ_PASSCODE}\n    numbers: [\"2018551020\"]\n");
    runs.add(new Run("apply (removals refused)", cli.run("apply", "--auto-approve", "--debug")));
    runs.add(new Run("force-unlock", cli.run("force-unlock", "x", "--debug")));
    // Import of passcodes set outside portlock, without --show-secrets.
    env.sandbox.setPasscode(6465550001L, SECRETS.get(3));
    runs.add(
        new Run(
            "import",
            cli.run(
                "import", "--account", "9900000", "--out", "imported/portlock.yaml", "--debug")));

    List<String> findings = new ArrayList<>();
    for (Run run : runs) {
      scan("output of '" + run.command() + "'", run.result().all(), findings);
    }
    Map<Path, String> files = cli.files();
    files.remove(Path.of("portlock.yaml")); // names env variables only, but rewritten above
    files.remove(Path.of("secrets/support.txt")); // the secret's own source
    files.forEach((path, text) -> scan("file " + path, text, findings));

    assertThat(findings).as("places where a passcode appears").isEmpty();
    assertThat(files.keySet())
        .contains(
            Path.of("portlock.state.json"),
            Path.of("portlock.state.json.backup"),
            Path.of("p.plan"),
            Path.of("imported/portlock.yaml"),
            Path.of("imported/portlock.state.json"));
    assertThat(runs).extracting(r -> r.result().exitCode()).contains(0, 1, 3);
  }

  private static void scan(String where, String text, List<String> findings) {
    for (int i = 0; i < SECRETS.size(); i++) {
      int at = text.indexOf(SECRETS.get(i));
      if (at >= 0) {
        findings.add("passcode #" + i + " in " + where + " at offset " + at);
      }
    }
  }

  private record Run(String command, CliHarness.Result result) {}
}
