package io.portlock.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlanCommandTest {
  private static final String HQ = "Hq7seCret";
  private static final String SUPPORT = "Sup9port";
  private static final String STORES = "st0reS11";

  @TempDir Path dir;
  CliHarness cli;

  @BeforeEach
  void setUp() {
    cli = new CliHarness(dir);
    cli.env.put("HQ_PASSCODE", HQ);
    cli.write("secrets/support.txt", SUPPORT + "\n");
    cli.write("numbers/stores.txt", "# stores\n6465550001\n6465550003..6465550005\n");
    cli.write(
        "portlock.yaml",
        """
        version: 1
        account: "9900000"
        orders:
          max_numbers: 10
        groups:
          headquarters:
            passcode: {env: HQ_PASSCODE}
            numbers:
              - "2018551020"
              - "+1 (201) 855-1022"
              - "2018551030..2018551039"
          support:
            passcode: {file: secrets/support.txt}
            numbers: ["212-555-0100"]
          stores:
            passcode: "%s"
            numbers_file: numbers/stores.txt
        """
            .formatted(STORES));
  }

  @Test
  void validatePrintsAOneLineSummaryAndWarnsAboutTheLiteralPasscode() {
    CliHarness.Result result = cli.run("validate");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out())
        .isEqualTo(
            "portlock.yaml is valid: 3 groups, 17 numbers,"
                + " 3 distinct passcodes (account 9900000).\n");
    assertThat(result.err()).contains("portlock.yaml:").contains("warning:").contains("literal");
  }

  @Test
  void planWithoutStateAddsEverythingInTheMinimumNumberOfOrders() {
    CliHarness.Result result = cli.run("plan", "--detailed-exitcode");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.out())
        .contains("  # group \"headquarters\": passcode (sensitive, fp ")
        .contains(
            "    + add 12 numbers\n        2018551020\n        2018551022\n"
                + "        2018551030..2018551039 (10 numbers)\n")
        .endsWith("Plan: 17 to add, 0 to change, 0 to remove, 0 unchanged; 2 orders.\n");
    assertThat(result.out()).doesNotContain("\u001b[");
  }

  @Test
  void planOutSavesAPlanThatShowRendersTheSameWay() throws Exception {
    CliHarness.Result planned = cli.run("plan", "--out", "change.plan");
    CliHarness.Result shown = cli.run("show", "change.plan");

    assertThat(planned.exitCode()).isZero();
    assertThat(shown.exitCode()).isZero();
    assertThat(shown.out()).isEqualTo(planned.out());
    String saved = Files.readString(dir.resolve("change.plan"));
    assertThat(saved)
        .contains(
            "\"plan_id\"",
            "\"config_digest\" : \"sha256:",
            "\"lineage\" : null",
            "\"serial\" : 0",
            "\"customer_order_id\" : \"portlock-");
  }

  @Test
  void jsonAndMarkdownFormatsCarryTheSummary() {
    CliHarness.Result json = cli.run("plan", "--format", "json");
    CliHarness.Result markdown = cli.run("plan", "--format=markdown");

    assertThat(json.out()).contains("\"summary\" : {\n    \"add\" : 17,");
    assertThat(markdown.out())
        .startsWith("<!-- portlock-plan -->\n")
        .contains("**Plan: 17 to add, 0 to change, 0 to remove, 0 unchanged; 2 orders.**");
  }

  @Test
  void jsonWritesChangedNumbersAsRangesOnlyNotAnEntryPerNumber() {
    // At 10 million numbers an entry per number made 325 of the 539 MB; the changes and the
    // orders already list every number, as ranges where they are contiguous.
    CliHarness.Result json = cli.run("plan", "--format", "json");

    assertThat(json.out())
        .contains("\"format_version\" : 3,")
        .doesNotContain("number_changes")
        .doesNotContain("\"number\" :");
  }

  @Test
  void refreshFalseIsAccepted() {
    assertThat(cli.run("plan", "--refresh=false").exitCode()).isZero();
    assertThat(cli.run("plan", "--refresh=maybe").err())
        .isEqualTo("Error: --refresh takes true or false but was 'maybe'\n");
  }

  @Test
  void configErrorsAreAllReportedWithPositionsAndExitOne() {
    cli.write(
        "portlock.yaml",
        """
        version: 1
        account: "99x"
        groups:
          hq:
            passcode: {env: MISSING_PASSCODE}
            numbers: ["2018551020", "555"]
        """);
    CliHarness.Result result = cli.run("plan");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.out()).isEmpty();
    Path file = dir.resolve("portlock.yaml");
    assertThat(result.err())
        .isEqualTo(
            file
                + ":2:10: error: account: expected a Bandwidth"
                + " account id made of digits (such as \"9900000\") but was \"99x\"\n"
                + file
                + ":5:21: error: passcode of group 'hq' from env MISSING_PASSCODE: the environment"
                + " variable MISSING_PASSCODE is not set; set it before running portlock\n"
                + file
                + ":6:29: error: group 'hq': '555' is not a telephone number: expected 10 digits"
                + " (or 11 starting with 1) but found 3; write it as 10 digits such as 2018551020 or"
                + " +1 (201) 855-1020\n"
                + "3 errors in the configuration; nothing was changed.\n");
  }

  @Test
  void aCorruptStateIsReportedWithTheWayToRecover() {
    cli.write("portlock.state.json", "{ not json");
    CliHarness.Result result = cli.run("plan");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err())
        .contains("Error: " + dir.resolve("portlock.state.json") + ": the state file is corrupt (")
        .contains("Restore the previous version with `cp ");
  }

  @Test
  void usageErrorsSayWhatToDo() {
    assertThat(cli.run("plna").err()).startsWith("Error: unknown command 'plna'; expected one of");
    assertThat(cli.run("plan", "--bogus").err())
        .isEqualTo(
            "Error: Unrecognized option: --bogus (portlock plan); see 'portlock plan --help'\n");
    assertThat(cli.run("plan", "-c", "nope.yaml").err())
        .isEqualTo("Error: no config file at " + dir.resolve("nope.yaml") + "\n");
    assertThat(cli.run("show", "missing.plan").err())
        .isEqualTo(
            "Error: no plan file at "
                + dir.resolve("missing.plan")
                + "; save one with 'portlock plan --out missing.plan'\n");
  }

  @Test
  void everyCommandHasHelp() {
    for (String command : new String[] {"validate", "plan", "show"}) {
      CliHarness.Result help = cli.run(command, "--help");
      assertThat(help.exitCode()).as(command).isZero();
      assertThat(help.out()).as(command).startsWith("usage: portlock " + command);
    }
    assertThat(cli.run("--version").out()).startsWith("portlock ");
  }

  @Test
  void noPasscodeAppearsInAnyOutputOrFileWritten() {
    StringBuilder everything = new StringBuilder();
    for (String[] args :
        new String[][] {
          {"validate"},
          {"plan"},
          {"plan", "--format", "json"},
          {"plan", "--format", "markdown"},
          {"plan", "--out", "p.plan", "--debug"},
          {"show", "p.plan"},
          {"show", "p.plan", "--format", "json"},
          {"plan", "--state", "nope/../../x.json", "--debug"}
        }) {
      everything.append(cli.run(args).all());
    }
    cli.env.put("HQ_PASSCODE", "bad!" + HQ);
    everything.append(cli.run("plan", "--debug").all());

    Map<Path, String> files = cli.files();
    files.remove(Path.of("portlock.yaml")); // holds the literal on purpose
    files.remove(Path.of("secrets/support.txt")); // is the secret's source
    for (String secret : new String[] {HQ, SUPPORT, STORES}) {
      assertThat(everything.toString()).doesNotContain(secret);
      files.forEach((path, text) -> assertThat(text).as(path.toString()).doesNotContain(secret));
    }
  }
}
