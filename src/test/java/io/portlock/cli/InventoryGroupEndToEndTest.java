package io.portlock.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.portlock.domain.NumberSet;
import io.portlock.sandbox.AccountProfile;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13 through {@code Main} against the sandbox: one {@code inventory: true} group adopts the
 * account, and a number bought later appears as "+ add" in the next plan.
 */
class InventoryGroupEndToEndTest {
  private static final String HQ = "Hq7seCret";
  private static final String ALL = "All9acct";
  private static final String OTHER = "Other9pc";

  @TempDir Path dir;
  SandboxCli env;

  @AfterEach
  void tearDown() {
    if (env != null) {
      env.close();
    }
  }

  /** 2018551020..29 and 2125550100..11 on-net, 2018551030 off-net, one toll-free number. */
  private CliHarness started(String safety, boolean inventoryGroup) {
    env =
        new SandboxCli(
            dir,
            SandboxCli.fast(
                    NumberSet.parseRanges(
                            List.of("2018551020..2018551030", "2125550100..2125550111"))
                        .union(NumberSet.of(8005550100L)))
                .withProfile(AccountProfile.plain().withTiers(Map.of(2018551030L, 2))));
    env.cli.env.put("HQ_PASSCODE", HQ);
    env.cli.env.put("ALL_PASSCODE", ALL);
    env.cli.write(
        "portlock.yaml",
        """
        version: 1
        account: "9900000"
        %s
        groups:
          hq:
            passcode: {env: HQ_PASSCODE}
            numbers: ["2018551020..2018551021"]
        %s
        """
            .formatted(
                safety,
                inventoryGroup
                    ? """
          everything-else:
            inventory: true
            passcode: {env: ALL_PASSCODE}
        """
                    : ""));
    return env.cli;
  }

  /** Buys a number as a user would: {@code POST /orders} with an existing-number order. */
  private void buy(long number) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(env.sandbox.baseUrl() + "/accounts/9900000/orders"))
            .header(
                "Authorization",
                "Basic "
                    + Base64.getEncoder()
                        .encodeToString("sandbox:sandbox".getBytes(StandardCharsets.UTF_8)))
            .header("Content-Type", "application/xml")
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    "<Order><Name>one more</Name>"
                        + "<ExistingTelephoneNumberOrderType><TelephoneNumberList><TelephoneNumber>"
                        + number
                        + "</TelephoneNumber></TelephoneNumberList></ExistingTelephoneNumberOrderType>"
                        + "<SiteId>1</SiteId></Order>"))
            .build();
    HttpResponse<String> bought =
        HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    assertThat(bought.statusCode()).as(bought.body()).isEqualTo(201);
  }

  @Test
  void aNumberBoughtAfterApplyAppearsAsAnAdditionInTheNextPlan() throws Exception {
    CliHarness cli = started("", true);
    CliHarness.Result apply = cli.run("apply", "--auto-approve");
    assertThat(apply.exitCode()).as(apply.all()).isZero();
    assertThat(cli.run("plan", "--detailed-exitcode").exitCode()).isZero();

    buy(2125550150L);
    CliHarness.Result plan = cli.run("plan", "--detailed-exitcode");

    assertThat(plan.exitCode()).as(plan.all()).isEqualTo(2);
    assertThat(plan.out())
        .contains(
            """
          # group "everything-else": passcode (sensitive""")
        .contains(
            """
            + add 1 number
                2125550150
        """)
        .contains("Plan: 1 to add, 0 to change, 0 to remove");
    assertThat(plan.all()).doesNotContain(ALL).doesNotContain(HQ);
  }

  @Test
  void theInventoryGroupTakesEveryEligibleNumberNoOtherGroupListsAndNothingIneligible() {
    CliHarness cli = started("", true);

    CliHarness.Result apply = cli.run("apply", "--auto-approve");

    assertThat(apply.exitCode()).as(apply.all()).isZero();
    Map<Long, String> passcodes = env.sandbox.passcodes();
    assertThat(passcodes)
        .containsEntry(2018551020L, HQ)
        .containsEntry(2018551029L, ALL)
        .containsEntry(2125550111L, ALL)
        .doesNotContainKeys(2018551030L, 8005550100L)
        .hasSize(22);
    assertThat(apply.out())
        .contains(
            "group 'everything-else' (inventory: true) takes the 20"
                + " eligible numbers of the account that no other group lists (read with GET /tns)");
  }

  @Test
  void numbersHoldingAnotherPasscodeArePlannedAsChangesAndTheShareGuardCountsThem() {
    CliHarness cli = started("", true);
    for (long n = 2125550100L; n <= 2125550111L; n++) {
      env.sandbox.setPasscode(n, OTHER);
    }

    CliHarness.Result refused = cli.run("apply", "--auto-approve");
    CliHarness.Result forced = cli.run("apply", "--auto-approve", "--force");

    assertThat(refused.exitCode()).as(refused.all()).isEqualTo(3);
    assertThat(refused.out()).contains("~ change 12 numbers (set outside portlock)");
    assertThat(refused.err())
        .contains(
            "apply will refuse this plan: group 'everything-else'"
                + " (inventory: true) replaces the passcodes of 12 numbers set outside portlock, 100% of"
                + " the 12 numbers it would manage, over safety.max_change_percent 30%");
    assertThat(env.sandbox.passcodes()).containsEntry(2125550111L, ALL);
    assertThat(forced.exitCode()).as(forced.all()).isZero();
    assertThat(refused.all() + forced.all()).doesNotContain(OTHER).doesNotContain(ALL);
  }

  @Test
  void offlineTheInventoryGroupKeepsTheNumbersTheStateRecordsAndSaysSo() throws Exception {
    CliHarness cli = started("", true);
    assertThat(cli.run("apply", "--auto-approve").exitCode()).isZero();
    buy(2125550150L);

    CliHarness.Result plan = cli.run("plan", "--refresh=false", "--detailed-exitcode");

    assertThat(plan.exitCode()).as(plan.all()).isZero();
    assertThat(plan.out())
        .contains(
            "group 'everything-else' (inventory: true) was not read from"
                + " the account (no refresh: --refresh=false, or no credentials): it keeps the 20 numbers"
                + " the state records for it");
  }

  @Test
  void validateExplainsThatTheInventoryGroupNeedsCredentials() {
    CliHarness cli = started("", true);

    CliHarness.Result validate = cli.run("validate");

    assertThat(validate.exitCode()).as(validate.all()).isZero();
    assertThat(validate.out())
        .contains(
            "Group 'everything-else' has inventory: true: it takes"
                + " every eligible number of account 9900000 that no other group lists, which only"
                + " Bandwidth knows; validate reads no account");
  }

  @Test
  void unmanagedNumbersAreAWarningByDefaultARefusalWithFailAndSilentWithIgnore() {
    CliHarness warn = started("", false);
    CliHarness.Result warned = warn.run("plan");
    env.close();
    CliHarness fail = started("safety: {unmanaged: fail}", false);
    CliHarness.Result failed = fail.run("plan");
    env.close();
    CliHarness ignore = started("safety: {unmanaged: ignore}", false);
    CliHarness.Result ignored = ignore.run("plan");

    String message =
        "20 eligible numbers of the account are in no group, so nothing protects"
            + " them: 2018551022..2018551029, 2125550100..2125550111; add them to a group, or add a"
            + " group with inventory: true";
    assertThat(warned.exitCode()).as(warned.all()).isZero();
    assertThat(warned.out()).contains("Warning: " + message + " (safety.unmanaged: warn)");
    assertThat(failed.exitCode()).as(failed.all()).isEqualTo(3);
    assertThat(failed.err())
        .contains(
            "the plan is refused: "
                + message
                + " (safety.unmanaged: fail); set safety.unmanaged: warn to plan anyway");
    assertThat(ignored.exitCode()).as(ignored.all()).isZero();
    assertThat(ignored.all()).doesNotContain("in no group");
  }

  /** hq lists 2018551030 too, which the account holds off-net (tier 2): no passcode possible. */
  private CliHarness listingTheOffNetNumber(String safety) {
    CliHarness cli = started(safety, false);
    cli.write(
        "portlock.yaml",
        """
        version: 1
        account: "9900000"
        %s
        groups:
          hq:
            passcode: {env: HQ_PASSCODE}
            numbers:
              - "2018551020..2018551021"
              - "2018551030"
        """
            .formatted(safety));
    return cli;
  }

  @Test
  void aConfigListedOffNetNumberIsAWarningInsteadOfAnOrderAndTheNextPlanIsClean() {
    CliHarness cli = listingTheOffNetNumber("");

    CliHarness.Result apply = cli.run("apply", "--auto-approve");
    CliHarness.Result plan = cli.run("plan", "--detailed-exitcode");

    String warning =
        "Warning: 1 number of the config cannot hold a passcode, so portlock sends no order for"
            + " it: 2018551030 is off-net (tier not 0), and only on-net numbers (tier 0) can hold a"
            + " passcode (5196); remove it from the config: portlock.yaml:9:9 (2018551030)"
            + " (safety.ineligible: warn)";
    assertThat(apply.exitCode()).as(apply.all()).isZero();
    assertThat(apply.out())
        .contains(warning)
        .contains("Apply complete: 2 added, 0 changed, 0 removed; 0 failed; 1 order.");
    assertThat(env.sandbox.passcodes()).containsOnlyKeys(2018551020L, 2018551021L);
    assertThat(plan.exitCode()).as(plan.all()).isZero();
    assertThat(plan.out()).contains(warning).contains("No changes.");
    assertThat(apply.all() + plan.all()).doesNotContain(HQ);
  }

  @Test
  void safetyIneligibleFailRefusesAPlanThatListsAnOffNetNumber() {
    CliHarness cli = listingTheOffNetNumber("safety: {ineligible: fail}");

    CliHarness.Result plan = cli.run("plan");
    CliHarness.Result apply = cli.run("apply", "--auto-approve");

    String refusal =
        "the plan is refused: 1 number of the config cannot hold a passcode, so portlock sends no"
            + " order for it: 2018551030 is off-net (tier not 0), and only on-net numbers (tier 0)"
            + " can hold a passcode (5196); remove it from the config: portlock.yaml:9:9"
            + " (2018551030) (safety.ineligible: fail); set safety.ineligible: warn to plan without"
            + " it";
    assertThat(plan.exitCode()).as(plan.all()).isEqualTo(3);
    assertThat(plan.err()).contains(refusal);
    assertThat(apply.exitCode()).as(apply.all()).isEqualTo(3);
    assertThat(env.sandbox.receivedOrders()).isEmpty();
  }

  @Test
  void aSavedPlanLeavingOutAnOffNetNumberIsAppliedAsSaved() {
    CliHarness cli = listingTheOffNetNumber("");

    CliHarness.Result plan = cli.run("plan", "--out", "reviewed.plan");
    CliHarness.Result apply = cli.run("apply", "reviewed.plan");

    assertThat(plan.exitCode()).as(plan.all()).isZero();
    assertThat(apply.exitCode()).as(apply.all()).isZero();
    assertThat(apply.out()).contains("Apply complete: 2 added, 0 changed, 0 removed; 0 failed");
    assertThat(env.sandbox.passcodes()).containsOnlyKeys(2018551020L, 2018551021L);
  }
}
