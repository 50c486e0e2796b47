package io.portlock.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.portlock.domain.AccountId;
import io.portlock.domain.NumberSet;
import io.portlock.domain.Passcode;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Configs that load, and what they load into. */
class ConfigLoaderTest {
  @TempDir Path dir;

  private Fixture fixture() {
    return new Fixture(dir).env(Map.of("HQ_PASSCODE", "hq2024ab", "SALES", "s4les7k2"));
  }

  @Test
  void fullConfigLoadsEverySetting() {
    Config config =
        fixture()
            .load(
                """
        version: 1
        account: "9900000"
        api:
          url: https://example.test/api/v1.0
          token_url: https://example.test/oauth2/token
        orders:
          max_numbers: 250
        safety:
          max_change_percent: 10
          max_changes: 500
        groups:
          headquarters:
            passcode: {env: HQ_PASSCODE}
            numbers: ["2018551020", "2018551030..2018551032"]
          sales:
            passcode: {env: SALES}
            numbers: ["6465550100"]
        """);

    assertThat(config.account()).isEqualTo(new AccountId("9900000"));
    assertThat(config.api())
        .isEqualTo(
            new ApiSettings(
                URI.create("https://example.test/api/v1.0"),
                URI.create("https://example.test/oauth2/token"),
                false));
    assertThat(config.maxNumbers()).isEqualTo(250);
    assertThat(config.safety()).isEqualTo(new SafetySettings(10, 500L));
    assertThat(config.groups())
        .extracting(GroupConfig::name)
        .containsExactly("headquarters", "sales");
    GroupConfig hq = config.groups().get(0);
    assertThat(hq.source()).isEqualTo(new SecretSource.Env("HQ_PASSCODE"));
    assertThat(hq.passcode()).isEqualTo(Passcode.of("hq2024ab"));
    assertThat(hq.numbers())
        .isEqualTo(NumberSet.of(2018551020L, 2018551030L, 2018551031L, 2018551032L));
    assertThat(config.numberCount()).isEqualTo(5);
    assertThat(config.warnings()).isEmpty();
  }

  @Test
  void theLargestAnswerIsASettingWithA32MiBDefaultAndAFloor() {
    Config config = fixture().load(minimal("api: {max_answer_bytes: 1048576}\n"));

    assertThat(config.api().maxAnswerBytes()).isEqualTo(1L << 20);
    assertThat(ApiSettings.defaults().maxAnswerBytes()).isEqualTo(32L << 20);
    assertThat(fixture().errors(minimal("api: {max_answer_bytes: 10}\n")))
        .singleElement()
        .asString()
        .endsWith(
            "api.max_answer_bytes must be a whole number from 1024 to"
                + " 2147483647; found the integer 10");
  }

  @Test
  void absentOptionalSectionsTakeTheirDefaults() {
    Config config = fixture().load(minimal(""));

    assertThat(config.api()).isEqualTo(ApiSettings.defaults());
    assertThat(config.maxNumbers()).isEqualTo(Config.DEFAULT_MAX_NUMBERS);
    assertThat(config.safety()).isEqualTo(SafetySettings.defaults());
  }

  @Test
  void emptySectionsTakeTheirDefaults() {
    Config config = fixture().load(minimal("api: {}\norders: {}\nsafety: {}\n"));

    assertThat(config.api()).isEqualTo(ApiSettings.defaults());
    assertThat(config.maxNumbers()).isEqualTo(Config.DEFAULT_MAX_NUMBERS);
    assertThat(config.safety()).isEqualTo(SafetySettings.defaults());
  }

  @Test
  void urlSandboxAsksForTheEmbeddedSandbox() {
    Config config = fixture().load(minimal("api:\n  url: sandbox\n"));

    assertThat(config.api()).isEqualTo(new ApiSettings(null, null, true));
  }

  @Test
  void sandboxKeepsAnExplicitTokenUrl() {
    Config config =
        fixture().load(minimal("api:\n  url: sandbox\n  token_url: http://localhost:1/token\n"));

    assertThat(config.api())
        .isEqualTo(new ApiSettings(null, URI.create("http://localhost:1/token"), true));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "\"2018551020\"", "2018551020", "12018551020", "\"+1 (201) 855-1020\"",
        "\"1-201-855-1020\"", "\"201.855.1020\"", "\"201 855 1020\"", "\"(201) 855-1020\"",
        "\"+12018551020\"", "'1 201 855 1020'", "\"2018551020..2018551020\""
      })
  void everyUsualNotationMeansTheSameNumber(String written) {
    Config config =
        fixture()
            .load(
                """
        version: 1
        account: "9900000"
        groups:
          hq:
            passcode: {env: HQ_PASSCODE}
            numbers: [%s]
        """
                    .formatted(written));

    assertThat(config.groups().get(0).numbers()).isEqualTo(NumberSet.of(2018551020L));
  }

  @Test
  void rangeHoldsBothEnds() {
    Config config = fixture().load(minimal("", "\"+1 201 855 1030 .. 201-855-1039\""));

    assertThat(config.groups().get(0).numbers().toRangeStrings())
        .containsExactly("2018551030..2018551039");
  }

  @Test
  void groupsKeepFileOrderNotAlphabeticalOrder() {
    Config config =
        fixture()
            .load(
                """
        version: 1
        account: "9900000"
        groups:
          zulu: {passcode: {env: HQ_PASSCODE}, numbers: ["2018551020"]}
          alpha: {passcode: {env: HQ_PASSCODE}, numbers: ["2018551021"]}
          mike: {passcode: {env: HQ_PASSCODE}, numbers: ["2018551022"]}
        """);

    assertThat(config.groups())
        .extracting(GroupConfig::name)
        .containsExactly("zulu", "alpha", "mike");
  }

  @Test
  void fileIsAbsoluteAndNormalised() {
    Fixture fixture = fixture();
    fixture.write("sub/portlock.yaml", minimal(""));

    Config config = ConfigLoader.load(dir.resolve("sub/../sub/portlock.yaml"), fixture.options());

    assertThat(config.file()).isEqualTo(dir.resolve("sub/portlock.yaml").toAbsolutePath());
    assertThat(config.folder()).isEqualTo(dir.resolve("sub").toAbsolutePath());
  }

  @Test
  void numberListedTwiceInOneGroupIsKeptOnceWithAWarning() {
    Fixture fixture = fixture();
    Config config =
        fixture.load(
            """
        version: 1
        account: "9900000"
        groups:
          hq:
            passcode: {env: HQ_PASSCODE}
            numbers:
              - "2018551020..2018551025"
              - "201-855-1022"
              - "2018551022"
        """);

    assertThat(config.groups().get(0).numbers().size()).isEqualTo(6);
    assertThat(config.warnings())
        .extracting(d -> fixture.relative(d.toString()))
        .containsExactly(
            "portlock.yaml:8:9: warning: 2018551022 is listed more than once in group 'hq' (first at"
                + " portlock.yaml:7:9); it is kept once");
  }

  @Test
  void numbersFileAndListOfOneGroupAreMerged() {
    Fixture fixture = fixture();
    fixture.write("numbers/hq.txt", "2018551021\n2018551022\n");

    Config config =
        fixture.load(
            """
        version: 1
        account: "9900000"
        groups:
          hq:
            passcode: {env: HQ_PASSCODE}
            numbers: ["2018551020"]
            numbers_file: numbers/hq.txt
        """);

    assertThat(config.groups().get(0).numbers())
        .isEqualTo(NumberSet.of(2018551020L, 2018551021L, 2018551022L));
  }

  @Test
  void loadWithoutOptionsReadsTheConfigsOwnFolder() {
    Fixture fixture = fixture();
    fixture.write("numbers/hq.txt", "2018551020\n");
    Path file =
        fixture.write(
            "portlock.yaml",
            """
        version: 1
        account: "9900000"
        groups:
          hq: {passcode: "hq2024ab", numbers_file: numbers/hq.txt}
        """);

    assertThat(ConfigLoader.load(file).groups().get(0).numbers())
        .isEqualTo(NumberSet.of(2018551020L));
  }

  @Test
  void loadOptionsCopyTheirInputs() {
    java.util.List<Path> roots = new java.util.ArrayList<>(java.util.List.of(dir));
    LoadOptions options = new LoadOptions(Map.of(), roots);
    roots.clear();

    assertThat(options.allowedRoots()).containsExactly(dir);
    assertThat(LoadOptions.defaults().environment()).isEqualTo(System.getenv());
  }

  static String minimal(String settings) {
    return minimal(settings, "\"2018551020\"");
  }

  static String minimal(String settings, String numbers) {
    return "version: 1\naccount: \"9900000\"\n"
        + settings
        + "groups:\n  hq:\n    passcode: {env: HQ_PASSCODE}\n    numbers: ["
        + numbers
        + "]\n";
  }
}
