package io.portlock.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every error the YAML itself can hold, with its exact message and place. */
class ConfigErrorsTest {
  @TempDir Path dir;

  private Fixture fixture() {
    return new Fixture(dir).env(Map.of("HQ", "hq2024ab"));
  }

  @Test
  void yamlSyntaxErrorPointsAtSnakeYamlsMark() {
    assertThat(
            fixture()
                .diagnostics(
                    """
        version: 1
        account: "9900000"
        groups: [
        """))
        .containsExactly(
            "portlock.yaml:4:1: error: invalid YAML: expected the node content, but found '<stream"
                + " end>' (while parsing a flow node that starts at line 4); fix the YAML syntax");
  }

  @Test
  void emptyFileSaysWhatAConfigNeeds() {
    assertThat(fixture().diagnostics("# nothing yet\n"))
        .containsExactly(
            "portlock.yaml:1:1: error: the config is empty; expected at least version: 1, account:"
                + " and groups:");
  }

  @Test
  void listAtTheTopLevelIsRefused() {
    assertThat(fixture().diagnostics("- version: 1\n"))
        .containsExactly(
            "portlock.yaml:1:1: error: the config must be a mapping with version:, account: and"
                + " groups:; found a list");
  }

  @Test
  void missingConfigFileSaysWhereItWasLookedFor() {
    Fixture fixture = fixture();

    assertThat(fixture.diagnosticsOf(dir.resolve("nope.yaml")))
        .containsExactly("nope.yaml:1:1: error: cannot read the config nope.yaml: no such file");
  }

  @Test
  void everyMissingRequiredKeyIsReported() {
    assertThat(fixture().diagnostics("# comment\napi: {url: sandbox}\n"))
        .containsExactly(
            "portlock.yaml:2:1: error: missing required key 'version' in the top level; add version: 1",
            "portlock.yaml:2:1: error: missing required key 'account' in the top level; add account:"
                + " \"9900000\" (your Bandwidth account id)",
            "portlock.yaml:2:1: error: missing required key 'groups' in the top level; add groups:"
                + " with at least one group");
  }

  @Test
  void unknownKeySuggestsTheClosestAllowedKey() {
    assertThat(fixture().errors(valid().replace("account:", "acount:")))
        .contains(
            "portlock.yaml:2:1: error: unknown key 'acount' in the top level; did you mean"
                + " 'account'? expected one of: version, account, api, orders, safety, state, groups");
  }

  @Test
  void unknownKeyFarFromEveryAllowedKeyListsThemWithoutSuggestion() {
    assertThat(fixture().errors(valid() + "colour: blue\n"))
        .containsExactly(
            "portlock.yaml:7:1: error: unknown key 'colour' in the top level; expected one of:"
                + " version, account, api, orders, safety, state, groups");
  }

  @Test
  void misspeltGroupKeyIsSuggested() {
    assertThat(fixture().errors(valid().replace("numbers:", "numbers-file: x\n    numbers:")))
        .containsExactly(
            "portlock.yaml:6:5: error: unknown key 'numbers-file' in group 'hq'; did you mean"
                + " 'numbers_file'? expected one of: passcode, numbers, numbers_file, inventory");
  }

  @Test
  void duplicateKeyPointsAtTheSecondAndNamesTheLineOfTheFirst() {
    assertThat(fixture().errors(valid() + "account: \"1\"\n"))
        .containsExactly(
            "portlock.yaml:7:1: error: duplicate key 'account' in the top level (first at line 2);"
                + " remove one of them");
  }

  @Test
  void duplicateGroupPointsAtTheSecondAndNamesTheLineOfTheFirst() {
    assertThat(fixture().errors(valid() + "  hq:\n    passcode: {env: HQ}\n"))
        .containsExactly(
            "portlock.yaml:7:3: error: duplicate group 'hq' in groups (first at line 4); a group"
                + " name can appear only once; merge the two groups or rename one");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "2      | portlock.yaml:1:10: error: version must be 1, the only format this portlock reads;"
            + " found the integer 2; write version: 1, or upgrade portlock if the config was"
            + " written for a newer one",
        "'\"1\"' | portlock.yaml:1:10: error: version must be 1, the only format this portlock reads;"
            + " found the string \"1\"; write version: 1, or upgrade portlock if the config was"
            + " written for a newer one"
      })
  void versionOtherThanOneIsRefused(String version, String expected) {
    assertThat(fixture().errors(valid().replace("version: 1", "version: " + version)))
        .containsExactly(expected);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "'\"99-00\"' | portlock.yaml:2:10: error: account: expected a Bandwidth account id made of"
            + " digits (such as \"9900000\") but was \"99-00\"",
        "9900000     | portlock.yaml:2:10: error: account must be a quoted string of digits such as"
            + " \"9900000\"; found the integer 9900000; put it in quotes so that YAML keeps it"
            + " exactly as written",
        "[1]         | portlock.yaml:2:10: error: account must be a quoted string of digits such as"
            + " \"9900000\"; found a list"
      })
  void accountMustBeAQuotedStringOfDigits(String account, String expected) {
    assertThat(fixture().errors(valid().replace("\"9900000\"", account))).containsExactly(expected);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {"'head quarters'", "-hq", "'a/b'", "x2345678901234567890123456789012345678901"})
  void groupNameOutsideTheAllowedPatternIsRefused(String name) {
    assertThat(fixture().errors(valid().replace("  hq:", "  " + name + ":")))
        .containsExactly(
            "portlock.yaml:4:3: error: group name '"
                + name.replace("'", "")
                + "' is not allowed;"
                + " expected 1 to 40 letters, digits, '_', '.' or '-', starting with a letter or"
                + " digit");
  }

  @Test
  void groupNameOfFortyCharactersIsAllowed() {
    String name = "x".repeat(40);

    assertThat(fixture().load(valid().replace("  hq:", "  " + name + ":")).groups().get(0).name())
        .isEqualTo(name);
  }

  @Test
  void groupWithoutNumbersIsRefused() {
    assertThat(
            fixture()
                .errors(
                    """
        version: 1
        account: "9900000"
        groups:
          hq:
            passcode: {env: HQ}
          other:
            passcode: {env: HQ}
            numbers: []
        """))
        .containsExactly(
            "portlock.yaml:4:3: error: group 'hq' has no numbers; list them under numbers: or in a"
                + " file named by numbers_file:",
            "portlock.yaml:6:3: error: group 'other' has no numbers; list them under numbers: or in"
                + " a file named by numbers_file:");
  }

  @Test
  void groupWithoutPasscodeIsRefused() {
    assertThat(fixture().errors(valid().replace("    passcode: {env: HQ}\n", "")))
        .containsExactly(
            "portlock.yaml:4:3: error: missing required key 'passcode' in group 'hq'; add passcode:"
                + " {env: NAME}");
  }

  @Test
  void groupsThatAreNotAMappingAreRefused() {
    assertThat(fixture().errors("version: 1\naccount: \"1\"\ngroups: [hq]\n"))
        .containsExactly(
            "portlock.yaml:3:9: error: groups must be a mapping of group names to groups, with at"
                + " least one group; found a list");
  }

  @Test
  void groupThatIsNotAMappingIsRefused() {
    assertThat(fixture().errors("version: 1\naccount: \"1\"\ngroups:\n  hq:\n"))
        .containsExactly(
            "portlock.yaml:4:6: error: group 'hq' must be a mapping with passcode: and numbers: or"
                + " numbers_file:; found nothing");
  }

  @Test
  void numbersThatAreNotAListAreRefused() {
    assertThat(fixture().errors(valid().replace("[\"2018551020\"]", "\"2018551020\"")))
        .containsExactly(
            "portlock.yaml:6:14: error: numbers of group 'hq' must be a list of numbers and"
                + " ranges such as [\"2018551020\", \"2018551030..2018551039\"]; found the string"
                + " \"2018551020\"");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "'\"201855102\"'        | '201855102' is not a telephone number: expected 10 digits (or 11"
            + " starting with 1) but found 9; write it as 10 digits such as 2018551020 or +1 (201)"
            + " 855-1020",
        "'\"22018551020\"'      | '22018551020' is not a telephone number: 11 digits must start with"
            + " the country code 1; write it as 10 digits such as 2018551020 or +1 (201) 855-1020",
        "'\"201-855-1O20\"'     | '201-855-1O20' is not a telephone number: unexpected character 'O';"
            + " write it as 10 digits such as 2018551020 or +1 (201) 855-1020",
        "'\"1018551020\"'       | 1018551020 is not a NANP number: the area code must start with 2-9",
        "'\"2011551020\"'       | 2011551020 is not a NANP number: the exchange (digits 4-6) must"
            + " start with 2-9",
        "'\"8005551234\"'       | 8005551234 is a toll-free number: Bandwidth refuses port-out"
            + " passcodes on toll-free numbers (error 5126)",
        "'\"2018551039..2018551030\"' | range 2018551039..2018551030 ends before it starts; write"
            + " the lower number first",
        "'\"2012000000..2022000000\"' | range 2012000000..2022000000 holds 10000001 numbers but a"
            + " range may hold at most 1000000; split it",
        "'\"2018551030..\"'     | '' is not a telephone number: expected 10 digits (or 11 starting"
            + " with 1) but found 0; write it as 10 digits such as 2018551020 or +1 (201) 855-1020",
        "2018.5                 | expected a number or range such as \"2018551020\" or"
            + " \"2018551030..2018551039\"; found the decimal number 2018.5",
        "'{a: 1}'               | expected a number or range such as \"2018551020\" or"
            + " \"2018551030..2018551039\"; found a mapping"
      })
  void badNumberIsReportedAtItsPlaceWithTheGroupAsContext(String written, String expected) {
    assertThat(fixture().errors(valid().replace("\"2018551020\"", written)))
        .containsExactly("portlock.yaml:6:15: error: group 'hq': " + expected);
  }

  @Test
  void numberInTwoGroupsNamesBothPlaces() {
    Fixture fixture = fixture();
    fixture.write("numbers/b.txt", "# b\n\n2018551020\n");

    assertThat(
            fixture.errors(
                """
        version: 1
        account: "9900000"
        groups:
          a:
            passcode: {env: HQ}
            numbers:
              - "2018551019"
              - "2018551020..2018551021"
          b:
            passcode: {env: HQ}
            numbers_file: numbers/b.txt
          c:
            passcode: {env: HQ}
            numbers: ["2018551021"]
        """))
        .containsExactly(
            "numbers/b.txt:3:1: error: 2018551020 is in group 'a' (portlock.yaml:8:9) and in group"
                + " 'b' (numbers/b.txt:3:1); a number can have only one passcode",
            "portlock.yaml:14:15: error: 2018551021 is in group 'a' (portlock.yaml:8:9) and in group"
                + " 'c' (portlock.yaml:14:15); a number can have only one passcode");
  }

  @Test
  void numberInThreeGroupsNamesAllThree() {
    assertThat(
            fixture()
                .errors(
                    """
        version: 1
        account: "9900000"
        groups:
          a: {passcode: {env: HQ}, numbers: ["2018551020"]}
          b: {passcode: {env: HQ}, numbers: ["2018551020"]}
          c: {passcode: {env: HQ}, numbers: ["2018551020"]}
        """))
        .containsExactly(
            "portlock.yaml:6:38: error: 2018551020 is in group 'a' (portlock.yaml:4:38) and in group"
                + " 'b' (portlock.yaml:5:38) and in group 'c' (portlock.yaml:6:38); a number can have"
                + " only one passcode");
  }

  @Test
  void manyNumbersInTwoGroupsAreSummarisedAfterTwenty() {
    var errors =
        fixture()
            .errors(
                """
        version: 1
        account: "9900000"
        groups:
          a: {passcode: {env: HQ}, numbers: ["2018551000..2018551099"]}
          b: {passcode: {env: HQ}, numbers: ["2018551050..2018551149"]}
        """);

    assertThat(errors).hasSize(21);
    assertThat(errors.get(0))
        .isEqualTo(
            "portlock.yaml:5:38: error: 2018551050 is in group 'a' (portlock.yaml:4:38) and in group"
                + " 'b' (portlock.yaml:5:38); a number can have only one passcode");
    assertThat(errors.get(20))
        .isEqualTo(
            "portlock.yaml:3:1: error: ... and 30 more numbers are in more than one group (not"
                + " shown)");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "'api: {url: ftp://x}'             | portlock.yaml:3:12: error: api.url must be the word"
            + " sandbox or an absolute http(s) URL such as https://api.bandwidth.com/api/v1;"
            + " found the string \"ftp://x\"",
        "'api: {url: /api}'                | portlock.yaml:3:12: error: api.url must be the word"
            + " sandbox or an absolute http(s) URL such as https://api.bandwidth.com/api/v1;"
            + " found the string \"/api\"",
        "'api: {token_url: x}'             | portlock.yaml:3:18: error: api.token_url must be an"
            + " absolute http(s) URL such as https://api.bandwidth.com/api/v1/oauth2/token; found"
            + " the string \"x\"",
        "'api: sandbox'                    | portlock.yaml:3:6: error: api must be a mapping with"
            + " url: and token_url:; found the string \"sandbox\"; leave api: out to use the"
            + " defaults",
        "'orders: {max_numbers: 100001}'   | portlock.yaml:3:23: error: orders.max_numbers must be"
            + " a whole number from 1 to 100000; found the integer 100001",
        "'orders: {max_numbers: \"5\"}'    | portlock.yaml:3:23: error: orders.max_numbers must be"
            + " a whole number from 1 to 100000; found the string \"5\"",
        "'safety: {max_change_percent: -1}' | portlock.yaml:3:30: error: safety.max_change_percent"
            + " must be a whole number from 0 to 100; found the integer -1",
        "'safety: {max_changes: 1.5}'      | portlock.yaml:3:23: error: safety.max_changes must be"
            + " a whole number 0 or more; found the decimal number 1.5",
        "'safety: {max: 1}'                | portlock.yaml:3:10: error: unknown key 'max' in"
            + " safety; expected one of: max_change_percent, max_changes, passcode_policy, unmanaged,"
            + " ineligible"
      })
  void badSettingIsReportedAtItsValue(String setting, String expected) {
    assertThat(fixture().errors(valid().replace("groups:", setting + "\ngroups:")))
        .containsExactly(expected);
  }

  @Test
  void everyErrorIsReportedTogetherInFileOrder() {
    Fixture fixture = fixture();
    fixture.write("numbers/b.txt", "2018551020\n12345\n");

    assertThat(
            fixture.diagnostics(
                """
        version: 2
        account: "99x"
        acount: 1
        groups:
          hq:
            passcode: "abc"
            numbers: ["2018551020", "1"]
          b:
            passcode: {env: NOPE}
            numbers_file: numbers/b.txt
          "bad name":
            passcode: {env: HQ}
            numbres: []
        """))
        .containsExactly(
            "portlock.yaml:1:10: error: version must be 1, the only format this portlock reads;"
                + " found the integer 2; write version: 1, or upgrade portlock if the config was"
                + " written for a newer one",
            "portlock.yaml:2:10: error: account: expected a Bandwidth account id made of digits"
                + " (such as \"9900000\") but was \"99x\"",
            "portlock.yaml:3:1: error: unknown key 'acount' in the top level; did you mean"
                + " 'account'? expected one of: version, account, api, orders, safety, state, groups",
            "portlock.yaml:6:15: warning: passcode of group 'hq' is a literal in the config: it is a"
                + " secret committed to git; use {env: NAME} or {file: PATH}",
            "portlock.yaml:6:15: error: passcode of group 'hq' (a literal in the config): the"
                + " passcode has 3 characters; expected 4 to 10 ASCII letters or digits",
            "portlock.yaml:7:29: error: group 'hq': '1' is not a telephone number: expected 10"
                + " digits (or 11 starting with 1) but found 1; write it as 10 digits such as"
                + " 2018551020 or +1 (201) 855-1020",
            "portlock.yaml:9:21: error: passcode of group 'b' from env NOPE: the environment"
                + " variable NOPE is not set; set it before running portlock",
            "numbers/b.txt:2:1: error: group 'b': the entry is not a telephone number or range:"
                + " expected 10 digits (or 11 starting with 1) but found 5 (the text is not shown, in"
                + " case the file holds a secret); write one number or range per line, such as"
                + " 2018551020 or 2018551030..2018551039",
            "portlock.yaml:11:3: error: group name 'bad name' is not allowed; expected 1 to 40"
                + " letters, digits, '_', '.' or '-', starting with a letter or digit",
            "portlock.yaml:11:3: error: group 'bad name' has no numbers; list them under numbers:"
                + " or in a file named by numbers_file:",
            "portlock.yaml:13:5: error: unknown key 'numbres' in group 'bad name'; did you mean"
                + " 'numbers'? expected one of: passcode, numbers, numbers_file, inventory",
            "numbers/b.txt:1:1: error: 2018551020 is in group 'hq' (portlock.yaml:7:15) and in group"
                + " 'b' (numbers/b.txt:1:1); a number can have only one passcode");
  }

  @Test
  void tooManyNumbersInTheConfigStopAtTheLimit() {
    Fixture fixture = fixture();
    Path config =
        fixture.write(
            "portlock.yaml",
            """
        version: 1
        account: "9900000"
        groups:
          a: {passcode: {env: HQ}, numbers: ["2018551000..2018551059"]}
          b: {passcode: {env: HQ}, numbers: ["2018552000..2018552059"]}
        """);

    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> ConfigLoader.load(config, fixture.options(), 100))
        .isInstanceOfSatisfying(
            ConfigException.class,
            thrown ->
                assertThat(thrown.diagnostics())
                    .extracting(d -> fixture.relative(d.toString()))
                    .containsExactly(
                        "portlock.yaml:5:38: error: the config holds more than 100 numbers, the most"
                            + " portlock handles in one config; split the groups over several configs"));
  }

  /** A valid config; tests break one thing in it. */
  private static String valid() {
    return """
        version: 1
        account: "9900000"
        groups:
          hq:
            passcode: {env: HQ}
            numbers: ["2018551020"]
        """;
  }
}
