package io.portlock.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.portlock.domain.Passcode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Passcodes from the environment, from files and as literals; and that none ever leaks. */
class SecretsTest {
  @TempDir Path dir;

  private static String withPasscode(String passcode) {
    return """
        version: 1
        account: "9900000"
        groups:
          hq:
            passcode: %s
            numbers: ["2018551020"]
        """
        .formatted(passcode);
  }

  @Test
  void passcodeFromTheEnvironment() {
    GroupConfig group =
        new Fixture(dir)
            .env(Map.of("HQ_PASSCODE", "hq2024ab"))
            .load(withPasscode("{env: HQ_PASSCODE}"))
            .groups()
            .get(0);

    assertThat(group.source()).isEqualTo(new SecretSource.Env("HQ_PASSCODE"));
    assertThat(group.passcode()).isEqualTo(Passcode.of("hq2024ab"));
  }

  @Test
  void eachResolvedPasscodeIsHandedOnBeforeTheGroupsNumbersFileIsRead() throws Exception {
    // So that the slow fingerprint starts while the (possibly huge) numbers file is still read.
    java.nio.file.Files.writeString(dir.resolve("hq.txt"), "2018551020\n");
    java.nio.file.Files.writeString(
        dir.resolve("portlock.yaml"),
        """
        version: 1
        account: "9900000"
        groups:
          hq:
            passcode: {env: HQ_PASSCODE}
            numbers_file: hq.txt
          field:
            passcode: {env: FIELD_PASSCODE}
            numbers: ["2018551021"]
        """);
    List<String> told = new ArrayList<>();
    LoadOptions options =
        new LoadOptions(Map.of("HQ_PASSCODE", "hq2024ab", "FIELD_PASSCODE", ""), List.of())
            .withPasscodeListener(
                passcodes -> {
                  told.addAll(passcodes.keySet());
                  assertThat(passcodes.get("hq")).isEqualTo(Passcode.of("hq2024ab"));
                  // No numbers file has been opened yet: removing it now still fails the load.
                  assertThat(dir.resolve("hq.txt").toFile().delete()).isTrue();
                });

    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> ConfigLoader.load(dir.resolve("portlock.yaml"), options))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("hq.txt")
        .hasMessageContaining("FIELD_PASSCODE is set but empty");
    // The field group's empty variable resolves to no passcode, so nothing is handed on for it.
    assertThat(told).containsExactly("hq");
  }

  @Test
  void unsetVariableIsAnError() {
    assertThat(new Fixture(dir).diagnostics(withPasscode("{env: HQ_PASSCODE}")))
        .containsExactly(
            "portlock.yaml:5:21: error: passcode of group 'hq' from env HQ_PASSCODE: the environment"
                + " variable HQ_PASSCODE is not set; set it before running portlock");
  }

  @Test
  void emptyVariableIsAnError() {
    assertThat(
            new Fixture(dir)
                .env(Map.of("HQ_PASSCODE", ""))
                .diagnostics(withPasscode("{env: HQ_PASSCODE}")))
        .containsExactly(
            "portlock.yaml:5:21: error: passcode of group 'hq' from env HQ_PASSCODE: the environment"
                + " variable HQ_PASSCODE is set but empty; set it to the passcode");
  }

  @Test
  void badPasscodeInAVariableNamesTheGroupAndTheSource() {
    assertThat(
            new Fixture(dir)
                .env(Map.of("HQ_PASSCODE", "abc"))
                .diagnostics(withPasscode("{env: HQ_PASSCODE}")))
        .containsExactly(
            "portlock.yaml:5:21: error: passcode of group 'hq' from env HQ_PASSCODE: the passcode"
                + " has 3 characters; expected 4 to 10 ASCII letters or digits");
  }

  @Test
  void variableNameMustBeAName() {
    assertThat(new Fixture(dir).diagnostics(withPasscode("{env: \"HQ-PASS\"}")))
        .containsExactly(
            "portlock.yaml:5:21: error: passcode of group 'hq': 'HQ-PASS' is not an environment"
                + " variable name; expected letters, digits and '_', not starting with a digit");
  }

  @Test
  void passcodeFromAFileDropsOneTrailingNewline() {
    Fixture fixture = new Fixture(dir);
    fixture.write("secrets/hq.txt", "hq2024ab\n");

    GroupConfig group = fixture.load(withPasscode("{file: secrets/hq.txt}")).groups().get(0);

    assertThat(group.source()).isEqualTo(new SecretSource.File(Path.of("secrets/hq.txt")));
    assertThat(group.passcode()).isEqualTo(Passcode.of("hq2024ab"));
  }

  @Test
  void passcodeFromAFileWithWindowsLineEndingDropsIt() {
    Fixture fixture = new Fixture(dir);
    fixture.write("hq.txt", "hq2024ab\r\n");

    assertThat(fixture.load(withPasscode("{file: hq.txt}")).groups().get(0).passcode())
        .isEqualTo(Passcode.of("hq2024ab"));
  }

  @Test
  void passcodeFileWithoutNewlineIsReadAsItIs() {
    Fixture fixture = new Fixture(dir);
    fixture.write("hq.txt", "hq2024ab");

    assertThat(fixture.load(withPasscode("{file: hq.txt}")).groups().get(0).passcode())
        .isEqualTo(Passcode.of("hq2024ab"));
  }

  @Test
  void onlyOneTrailingNewlineIsDropped() {
    Fixture fixture = new Fixture(dir);
    fixture.write("hq.txt", "hq2024ab\n\n");

    assertThat(fixture.diagnostics(withPasscode("{file: hq.txt}")))
        .containsExactly(
            "portlock.yaml:5:22: error: passcode of group 'hq' from file hq.txt: the passcode has a"
                + " character that is not an ASCII letter or digit at position 9; expected 4 to 10"
                + " ASCII letters or digits");
  }

  @Test
  void missingPasscodeFileSaysTheResolvedPathAndTheReason() {
    assertThat(new Fixture(dir).diagnostics(withPasscode("{file: secrets/hq.txt}")))
        .containsExactly(
            "portlock.yaml:5:22: error: passcode of group 'hq' from file secrets/hq.txt: cannot"
                + " read secrets/hq.txt: no such file");
  }

  @Test
  void passcodeFileLargerThanOneKibibyteIsNotRead() {
    Fixture fixture = new Fixture(dir);
    fixture.write("hq.txt", "a".repeat(1025));

    assertThat(fixture.diagnostics(withPasscode("{file: hq.txt}")))
        .containsExactly(
            "portlock.yaml:5:22: error: passcode of group 'hq' from file hq.txt: the file is larger"
                + " than 1024 bytes, too large for a passcode file; is it the right file?");
  }

  @Test
  void passcodeFileThatIsAFolderIsAnError() {
    Fixture fixture = new Fixture(dir);
    fixture.write("secrets/x.txt", "");

    assertThat(fixture.diagnostics(withPasscode("{file: secrets}")))
        .containsExactly(
            "portlock.yaml:5:22: error: passcode of group 'hq' from file secrets: cannot read"
                + " secrets: it is a folder, not a file");
  }

  @Test
  void literalPasscodeLoadsWithAWarning() {
    Fixture fixture = new Fixture(dir);
    Config config = fixture.load(withPasscode("\"hq2024ab\""));

    assertThat(config.groups().get(0).source()).isEqualTo(new SecretSource.Literal());
    assertThat(config.groups().get(0).passcode()).isEqualTo(Passcode.of("hq2024ab"));
    assertThat(config.warnings())
        .extracting(d -> fixture.relative(d.toString()))
        .containsExactly(
            "portlock.yaml:5:15: warning: passcode of group 'hq' is a literal in the config: it is a"
                + " secret committed to git; use {env: NAME} or {file: PATH}");
  }

  @Test
  void passcodeWithBothSourcesIsAnError() {
    assertThat(new Fixture(dir).diagnostics(withPasscode("{env: A, file: b}")))
        .containsExactly(
            "portlock.yaml:5:15: error: passcode of group 'hq' has both env and file; keep one");
  }

  @Test
  void passcodeMappingWithoutASourceIsAnErrorThatDoesNotQuoteTheKey() {
    assertThat(new Fixture(dir).diagnostics(withPasscode("{secret: x}")))
        .containsExactly(
            "portlock.yaml:5:15: error: passcode of group 'hq' must name its source; expected"
                + " {env: NAME} or {file: PATH}",
            "portlock.yaml:5:16: error: unknown key in passcode of group 'hq' (not shown, as it may"
                + " be the secret); expected one of: env, file");
  }

  @Test
  void unquotedDigitsPasscodeAsksForQuotes() {
    assertThat(new Fixture(dir).diagnostics(withPasscode("123456")))
        .containsExactly(
            "portlock.yaml:5:15: error: passcode of group 'hq' is an integer; put a literal in quotes"
                + " so that YAML keeps it exactly as written, or better use {env: NAME} or"
                + " {file: PATH}");
  }

  @Test
  void missingPasscodeValueIsAnError() {
    assertThat(new Fixture(dir).diagnostics(withPasscode("")))
        .containsExactly(
            "portlock.yaml:5:14: error: passcode of group 'hq' is nothing; expected {env: NAME},"
                + " {file: PATH} or a quoted literal");
  }

  /** Secrets made of letters that no message, path or line number can contain by chance. */
  private static final String SECRET = "QxZkWvJq";

  @Test
  void noDiagnosticOfAnyFailingConfigContainsAnyPartOfThePasscode() {
    Fixture fixture =
        new Fixture(dir)
            .env(
                Map.of(
                    "GOOD",
                    SECRET,
                    "LONG",
                    SECRET + "Yq!x",
                    "SPACE",
                    "Qx Zk",
                    "UNCHANGED",
                    "unchanged"));
    fixture.write("long.txt", SECRET + SECRET);
    fixture.write("bad.txt", SECRET + "\u00e9\n");
    fixture.write("huge.txt", SECRET.repeat(200));
    List<String> configs =
        List.of(
            withPasscode("\"" + SECRET + "Yqz\""),
            withPasscode("\"" + SECRET.substring(0, 3) + "\""),
            withPasscode("\"" + SECRET + "-\""),
            withPasscode("{env: LONG}"),
            withPasscode("{env: SPACE}"),
            withPasscode("{file: long.txt}"),
            withPasscode("{file: bad.txt}"),
            withPasscode("{file: huge.txt}"),
            withPasscode("[" + SECRET + "]"),
            withPasscode("{" + SECRET + ": 1}"),
            withPasscode("{env: GOOD, " + SECRET + ": x}"),
            withPasscode(SECRET.substring(0, 5) + ": 1"),
            withPasscode("!!binary " + SECRET),
            withPasscode("\"" + SECRET),
            withPasscode("'" + SECRET + "\n"),
            withPasscode("\"" + SECRET + "\\q\""),
            withPasscode("\"" + SECRET + "\u0007\""),
            withPasscode("{env: GOOD}") + "  hq:\n    passcode: \"" + SECRET + "x\"\n",
            withPasscode("{env: UNCHANGED}"));
    List<String> shown = new ArrayList<>();
    for (String config : configs) {
      shown.addAll(fixture.diagnostics(config));
    }

    assertThat(shown).hasSizeGreaterThanOrEqualTo(configs.size());
    for (int i = 0; i + 3 <= SECRET.length(); i++) {
      String part = SECRET.substring(i, i + 3);
      assertThat(shown).noneMatch(d -> d.contains(part));
    }
  }

  @Test
  void passcodeFileIsReadAsUtf8() {
    Fixture fixture = new Fixture(dir);
    fixture.write("hq.txt", "hq2024ab\n".getBytes(StandardCharsets.UTF_16));

    assertThat(fixture.errors(withPasscode("{file: hq.txt}"))).hasSize(1);
  }
}
