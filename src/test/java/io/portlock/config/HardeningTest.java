package io.portlock.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Hostile or odd YAML ends as a clear ConfigException, quickly, never as another exception. */
class HardeningTest {
  @TempDir Path dir;

  @Test
  @Timeout(120) // only catches a runaway expansion
  void billionLaughsIsRefusedBeforeAnyExpansion() {
    StringBuilder yaml = new StringBuilder("version: 1\naccount: \"1\"\n");
    yaml.append(
        "a0: &a0 [\"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\"]\n");
    for (int i = 1; i < 10; i++) {
      String previous = "*a" + (i - 1);
      yaml.append("a")
          .append(i)
          .append(": &a")
          .append(i)
          .append(" [")
          .append(String.join(", ", java.util.Collections.nCopies(9, previous)))
          .append("]\n");
    }
    List<String> diagnostics = new Fixture(dir).diagnostics(yaml.toString());

    assertThat(diagnostics)
        .containsExactly(
            "portlock.yaml:1:1: error: the YAML uses more than 50 aliases (*name) to lists or"
                + " mappings, which is how \"billion laughs\" attacks blow up memory; portlock refuses"
                + " it; write the values out instead of using aliases");
  }

  @Test
  void deepNestingIsRefused() {
    String yaml = "version: 1\naccount: \"1\"\ngroups: " + "[".repeat(60) + "]".repeat(60) + "\n";

    assertThat(new Fixture(dir).diagnostics(yaml))
        .containsExactly(
            "portlock.yaml:1:1: error: the YAML is nested more than 50 levels deep; portlock refuses"
                + " it");
  }

  @Test
  void configLargerThanTheLimitIsRefused() {
    String yaml =
        "version: 1\ngroups:\n  hq:\n    numbers:\n" + "      - \"2018551020\"\n".repeat(550_000);

    assertThat(new Fixture(dir).diagnostics(yaml))
        .containsExactly(
            "portlock.yaml:1:1: error: the config is larger than 10485760 characters; put long lists"
                + " of numbers in a numbers_file instead");
  }

  @Test
  void controlCharacterIsReportedAtItsPlace() {
    assertThat(new Fixture(dir).diagnostics("version: 1\naccount: \"99\u0007\"\n"))
        .containsExactly(
            "portlock.yaml:2:13: error: invalid YAML: the config holds the control character U+0007,"
                + " which YAML does not allow; remove it");
  }

  @Test
  void aFewAliasesAreFineAndShareTheirValue() {
    Config config =
        new Fixture(dir)
            .env(Map.of("HQ", "hq2024"))
            .load(
                """
        version: 1
        account: "9900000"
        groups:
          a: {passcode: &shared {env: HQ}, numbers: ["2018551020"]}
          b: {passcode: *shared, numbers: ["2018551021"]}
        """);

    assertThat(config.groups()).hasSize(2);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "version: 1\n---\nversion: 1\n",
        "? [a, b]\n: c\n",
        "!!set {a, b}\n",
        "<<: {version: 1}\naccount: \"1\"\n",
        "version: 1\naccount: \"1\"\ngroups: {hq: {passcode: !custom x, numbers: [!!str 1]}}\n",
        "version: 1\naccount: \"1\"\ngroups: &g {hq: *g}\n",
        "version: 1\naccount: \"1\"\ngroups: {hq: {passcode: \"abcd\", numbers: &n [*n]}}\n",
        "version: 1\naccount: \"1\"\ngroups: {~: {}}\n",
        "version: 1\naccount: \"1\"\ngroups: {\"\": {}}\n",
        "version: 1\naccount: \"1\"\ngroups: {hq: {passcode: {env: ~}, numbers: [~]}}\n",
        "version: 1\naccount: \"1\"\ngroups: {hq: {passcode: {file: \"a\\0b\"}, numbers: [\"2018551020\"]}}\n",
        "version: 1\naccount: \"1\"\ngroups: {hq: {passcode: \"abcd\", numbers_file: \"a\\0b\"}}\n",
        "\t- x",
        "'",
        "\uFEFF\uFEFF",
        "version: 1\nversion: 1\nversion: 1\n"
      })
  void oddYamlEndsAsAConfigException(String yaml) {
    Fixture fixture = new Fixture(dir);
    Path file = fixture.write("portlock.yaml", yaml);

    assertThatThrownBy(() -> ConfigLoader.load(file, fixture.options()))
        .isInstanceOfSatisfying(
            ConfigException.class,
            e -> {
              assertThat(e.diagnostics()).isNotEmpty();
              assertThat(e.getSuppressed()).as("no internal failure").isEmpty();
            });
  }

  @Test
  void notUtf8ConfigIsRefused() {
    Fixture fixture = new Fixture(dir);
    Path file = fixture.write("portlock.yaml", new byte[] {'a', ':', ' ', (byte) 0xc3, '\n'});

    assertThat(fixture.diagnosticsOf(file))
        .containsExactly(
            "portlock.yaml:1:1: error: the config is not UTF-8 text; save it as UTF-8");
  }
}
