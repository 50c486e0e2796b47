package io.portlock.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import io.portlock.domain.NumberSet;
import io.portlock.sandbox.AccountProfile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code portlock coverage} against a sandbox account holding every kind of number. */
class CoverageCommandTest {
  private static final Path GOLDEN = Path.of("src/test/resources/golden");
  private static final String HQ = "Hq7seCret";
  private static final String OUTSIDE = "Outs1de9";

  @TempDir Path dir;
  SandboxCli env;

  @AfterEach
  void tearDown() {
    if (env != null) {
      env.close();
    }
  }

  /**
   * 2018551020..2018551024 in the config, 2018551025 protected outside portlock, 2018551026..29 and
   * 2125550100..2125550101 unprotected, 2018551030 off-net, 8005550100 toll-free, one number in
   * London, and 2018551099 in the config but not on the account.
   */
  private CliHarness started(AccountProfile profile) {
    env =
        new SandboxCli(
            dir,
            SandboxCli.fast(
                    NumberSet.parseRanges(
                            List.of("2018551020..2018551030", "2125550100..2125550101"))
                        .union(NumberSet.of(8005550100L)))
                .withProfile(
                    profile
                        .withTiers(Map.of(2018551030L, 2))
                        .withOtherNumbers(List.of("+442071838750"))));
    env.sandbox.setPasscode(2018551025L, OUTSIDE);
    env.cli.env.put("HQ_PASSCODE", HQ);
    env.cli.write(
        "portlock.yaml",
        """
        version: 1
        account: "9900000"
        groups:
          hq:
            passcode: {env: HQ_PASSCODE}
            numbers: ["2018551020..2018551024", "2018551099"]
        """);
    return env.cli;
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"text", "json", "markdown"})
  void everyNumberIsSortedIntoOneClassAsTheGoldenFileShows(String format) throws IOException {
    CliHarness cli = started(AccountProfile.plain());

    CliHarness.Result result = cli.run("coverage", "--format", format);

    assertThat(result.exitCode()).as(result.all()).isZero();
    Path golden =
        GOLDEN.resolve(
            "coverage."
                + (format.equals("markdown") ? "md" : format.equals("json") ? "json" : "txt"));
    if (Boolean.getBoolean("golden.update")) {
      Files.writeString(golden, result.out());
    }
    assertThat(result.out()).isEqualTo(Files.readString(golden));
    assertThat(result.all()).doesNotContain(HQ).doesNotContain(OUTSIDE);
  }

  @Test
  void jsonFollowsTheSchemaAndItsSummaryAddsUp() throws IOException {
    CliHarness cli = started(AccountProfile.plain());

    CliHarness.Result result = cli.run("coverage", "--format", "json");

    JsonNode json = new ObjectMapper().readTree(result.out());
    JsonSchema schema;
    try (InputStream in = Files.newInputStream(Path.of("schema/coverage.schema.json"))) {
      schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
    }
    assertThat(schema.validate(json)).isEmpty();
    JsonNode summary = json.get("summary");
    assertThat(summary.get("total").asLong())
        .isEqualTo(15)
        .isEqualTo(
            summary.get("managed").asLong()
                + summary.get("protected_unmanaged").asLong()
                + summary.get("unprotected").asLong()
                + summary.get("ineligible").asLong());
    assertThat(summary.get("unprotected").isIntegralNumber()).isTrue();
  }

  @Test
  void detailedExitcodeIsTwoWhileAnEligibleNumberIsUnprotectedAndZeroOnceNoneIs() {
    CliHarness cli = started(AccountProfile.plain());

    assertThat(cli.run("coverage", "--detailed-exitcode").exitCode()).isEqualTo(2);
    for (long n :
        new long[] {2018551026L, 2018551027L, 2018551028L, 2018551029L, 2125550100L, 2125550101L}) {
      env.sandbox.setPasscode(n, "Else7where");
    }
    CliHarness.Result covered = cli.run("coverage", "--detailed-exitcode");
    assertThat(covered.exitCode()).as(covered.all()).isZero();
    assertThat(covered.all()).doesNotContain("Else7where");
  }

  @Test
  void credentialsWithoutTheNumbersRoleStillGetCoverageAndAreToldTiersAreUnknown() {
    CliHarness cli =
        started(
            AccountProfile.plain().withRoles(EnumSet.of(AccountProfile.Role.IN_SERVICE_NUMBERS)));

    CliHarness.Result result = cli.run("coverage");

    assertThat(result.exitCode()).as(result.all()).isZero();
    assertThat(result.out())
        .contains("(listed with GET /accounts/9900000/inserviceNumbers)")
        .contains("Tiers are unknown: the credentials lack the Numbers role that GET /tns needs");
  }

  @Test
  void withoutCredentialsCoverageSaysWhatItNeeds() {
    CliHarness cli = started(AccountProfile.plain());
    cli.env.remove("BANDWIDTH_CLIENT_ID");
    cli.env.remove("BANDWIDTH_CLIENT_SECRET");

    CliHarness.Result result = cli.run("coverage");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err())
        .contains(
            "this command needs Bandwidth credentials: set"
                + " BANDWIDTH_CLIENT_ID and BANDWIDTH_CLIENT_SECRET");
  }

  @Test
  void withAnInventoryGroupEveryEligibleNumberIsManagedAndNoneIsSaidToBeSetOutsidePortlock() {
    CliHarness cli = started(AccountProfile.plain());
    env.cli.env.put("ALL_PASSCODE", "All9acct");
    cli.write(
        "portlock.yaml",
        """
        version: 1
        account: "9900000"
        groups:
          hq:
            passcode: {env: HQ_PASSCODE}
            numbers: ["2018551020..2018551024"]
          everything-else:
            inventory: true
            passcode: {env: ALL_PASSCODE}
        """);
    CliHarness.Result apply = cli.run("apply", "--auto-approve", "--force");
    assertThat(apply.exitCode()).as(apply.all()).isZero();

    CliHarness.Result coverage = cli.run("coverage", "--detailed-exitcode");

    assertThat(coverage.exitCode()).as(coverage.all()).isZero();
    assertThat(coverage.out())
        .contains(
            "  managed                       12  2018551020..2018551029, 2125550100..2125550101")
        .contains("  protected_unmanaged            0")
        .contains("  unprotected                    0")
        .doesNotContain("set outside portlock");
  }
}
