package io.portlock.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.portlock.sandbox.SandboxOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which credentials reach which host, as Bandwidth has it from 2026-12-02: OAuth2 only, Basic only
 * to a local sandbox, half a pair an error, and a read-back that can be required.
 */
class CredentialsCliTest {
  static final Clock DAY_OF_REMOVAL =
      Clock.fixed(Instant.parse("2026-12-02T00:00:00Z"), ZoneOffset.UTC);
  static final Clock DAY_BEFORE =
      Clock.fixed(Instant.parse("2026-12-01T23:59:59Z"), ZoneOffset.UTC);

  @TempDir Path dir;
  SandboxCli env;
  CliHarness cli;

  @BeforeEach
  void setUp() {
    cli = new CliHarness(dir);
    cli.env.put("HQ_PASSCODE", "Hq7seCret");
    writeConfig("");
  }

  @AfterEach
  void tearDown() {
    if (env != null) {
      env.close();
    }
  }

  void writeConfig(String api) {
    cli.write(
        "portlock.yaml",
        """
        version: 1
        account: "9900000"
        %s
        groups:
          hq:
            passcode: {env: HQ_PASSCODE}
            numbers: ["2018551020..2018551029"]
        """
            .formatted(api));
  }

  /** A harness wired to a sandbox through PORTLOCK_API_URL only: no credentials, no token URL. */
  CliHarness sandboxWithoutCredentials() {
    env = new SandboxCli(dir, SandboxCli.fast());
    env.cli.env.clear();
    env.cli.env.put("HQ_PASSCODE", "Hq7seCret");
    env.cli.env.put("PORTLOCK_API_URL", env.sandbox.baseUrl().toString());
    return env.cli;
  }

  @Test
  void usernameAndPasswordForBandwidthAreRefusedFromTheDayOfRemovalBeforeAnythingIsSent() {
    cli.clock = DAY_OF_REMOVAL;
    cli.env.put("BANDWIDTH_USERNAME", "alice");
    cli.env.put("BANDWIDTH_PASSWORD", "pa55word");

    CliHarness.Result plan = cli.run("plan");

    assertThat(plan.exitCode()).isEqualTo(1);
    assertThat(plan.err())
        .contains(
            "BANDWIDTH_USERNAME and BANDWIDTH_PASSWORD are set, but"
                + " Bandwidth removed username/password API users on 2026-12-02 and accepts only OAuth2"
                + " client credentials, so portlock sends a username and password only to a local"
                + " sandbox, not to https://api.bandwidth.com/api/v1; nothing was sent. Set"
                + " BANDWIDTH_CLIENT_ID and BANDWIDTH_CLIENT_SECRET instead (create them in the"
                + " Bandwidth App (Dashboard) under Account > API Credentials)");
    assertThat(plan.all()).doesNotContain("pa55word").doesNotContain("no answer came");
  }

  @Test
  void theDashboardHostIsRefusedTheSameWay() {
    cli.clock = DAY_OF_REMOVAL;
    cli.env.put("BANDWIDTH_USERNAME", "alice");
    cli.env.put("BANDWIDTH_PASSWORD", "pa55word");
    cli.env.put("PORTLOCK_API_URL", "https://dashboard.bandwidth.com/api/v1");

    CliHarness.Result plan = cli.run("plan");

    assertThat(plan.exitCode()).isEqualTo(1);
    assertThat(plan.err())
        .contains("not to https://dashboard.bandwidth.com/api/v1; nothing was" + " sent");
  }

  @Test
  void usernameAndPasswordStillReachALocalSandboxAfterTheDayOfRemoval() {
    CliHarness sandbox = sandboxWithoutCredentials();
    sandbox.clock = DAY_OF_REMOVAL;
    sandbox.env.put("BANDWIDTH_USERNAME", SandboxOptions.DEFAULT_USER);
    sandbox.env.put("BANDWIDTH_PASSWORD", SandboxOptions.DEFAULT_PASSWORD);

    CliHarness.Result plan = sandbox.run("plan", "--refresh=required");

    assertThat(plan.exitCode()).as(plan.all()).isZero();
    assertThat(plan.out()).contains("10 to add");
  }

  @Test
  void theDayBeforeRemovalUsernameAndPasswordAreOnlyWarnedAbout() {
    cli.clock = DAY_BEFORE;
    cli.env.put("BANDWIDTH_USERNAME", "alice");
    cli.env.put("BANDWIDTH_PASSWORD", "pa55word");
    // An address nothing listens on, so that the plan fails on the connection, after the check.
    cli.env.put("PORTLOCK_API_URL", "https://127.0.0.1:1/api/v1");

    CliHarness.Result plan = cli.run("plan");

    assertThat(plan.err())
        .contains("Bandwidth removes username/password API users on 2026-12-02")
        .doesNotContain("nothing was sent");
  }

  @Test
  void aClientIdWithoutItsSecretIsAnErrorNamingTheMissingVariable() {
    cli.env.put("BANDWIDTH_CLIENT_ID", "client-1");
    cli.env.put("BANDWIDTH_CLIENT_SECRETS", "misnamed");

    CliHarness.Result plan = cli.run("plan", "--detailed-exitcode");

    assertThat(plan.exitCode()).isEqualTo(1);
    assertThat(plan.err())
        .contains(
            "BANDWIDTH_CLIENT_ID is set but BANDWIDTH_CLIENT_SECRET is"
                + " not (or is empty): OAuth2 client credentials need both. Set BANDWIDTH_CLIENT_SECRET,"
                + " or unset BANDWIDTH_CLIENT_ID (create them in the Bandwidth App (Dashboard) under"
                + " Account > API Credentials)");
    assertThat(plan.out()).doesNotContain("to add");
  }

  @Test
  void aSecretWithoutItsClientIdOrAUsernameWithoutItsPasswordIsAnErrorToo() {
    cli.env.put("BANDWIDTH_CLIENT_SECRET", "s3cret");
    assertThat(cli.run("plan").err())
        .contains(
            "BANDWIDTH_CLIENT_SECRET is set but" + " BANDWIDTH_CLIENT_ID is not (or is empty)");

    cli.env.remove("BANDWIDTH_CLIENT_SECRET");
    cli.env.put("BANDWIDTH_USERNAME", "alice");
    CliHarness.Result plan = cli.run("plan");
    assertThat(plan.exitCode()).isEqualTo(1);
    assertThat(plan.err())
        .contains(
            "BANDWIDTH_USERNAME is set but BANDWIDTH_PASSWORD is not (or"
                + " is empty): username and password need both. Set BANDWIDTH_PASSWORD, or unset"
                + " BANDWIDTH_USERNAME");
  }

  @Test
  void refreshRequiredFailsWithoutCredentialsInsteadOfPlanningOffline() {
    CliHarness.Result plan = cli.run("plan", "--refresh=required", "--detailed-exitcode");

    assertThat(plan.exitCode()).isEqualTo(1);
    assertThat(plan.err())
        .contains(
            "this command needs Bandwidth credentials: set"
                + " BANDWIDTH_CLIENT_ID and BANDWIDTH_CLIENT_SECRET (OAuth2 client credentials; create"
                + " them in the Bandwidth App (Dashboard) under Account > API Credentials)");
    assertThat(plan.out()).doesNotContain("to add");
  }

  @Test
  void withoutATokenUrlTheTokenIsAskedOfTheApiHostNotOfProduction() {
    CliHarness sandbox = sandboxWithoutCredentials();
    sandbox.env.put("BANDWIDTH_CLIENT_ID", SandboxOptions.DEFAULT_CLIENT_ID);
    sandbox.env.put("BANDWIDTH_CLIENT_SECRET", SandboxOptions.DEFAULT_CLIENT_SECRET);

    CliHarness.Result plan = sandbox.run("plan", "--refresh=required");

    assertThat(plan.exitCode()).as(plan.all()).isZero();
    assertThat(plan.out()).contains("10 to add");
  }

  @Test
  void theShippedNightlyDriftChecksRequireTheReadBack() throws Exception {
    for (String file : new String[] {"github-actions.yml", "gitlab-ci.yml"}) {
      String workflow = Files.readString(Path.of("examples", "ci", file));
      String driftPlan =
          workflow
              .lines()
              .filter(
                  l ->
                      l.contains("plan -c")
                          && l.contains("--detailed-exitcode")
                          && !l.contains("--out"))
              .findFirst()
              .orElseThrow();
      assertThat(driftPlan).as(file).contains("--refresh=required");
    }
  }
}
