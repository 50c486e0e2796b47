package io.portlock.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code state:}: where the state lives, and that no password in it is ever shown. */
class StateSettingsTest {
  private static final String PASSWORD = "Db-Pw-90817";
  private static final String HEAD =
      """
      version: 1
      account: "9900000"
      groups:
        hq: {passcode: {env: HQ}, numbers: ["2018551020"]}
      """;

  @TempDir Path dir;

  private Fixture fixture(Map<String, String> env) {
    return new Fixture(dir).env(env);
  }

  @Test
  void withoutStateTheConfigKeepsItsStateInAFile() {
    Config config = fixture(Map.of("HQ", "hq2024ab")).load(HEAD);

    assertThat(config.state()).isEqualTo(StateSettings.defaults());
    assertThat(config.state().url()).isNull();
  }

  @Test
  void theUrlComesFromTheEnvironmentAndThePasswordFromItsOwnVariable() {
    Config config =
        fixture(
                Map.of(
                    "HQ",
                    "hq2024ab",
                    "STATE_URL",
                    "postgresql://ci:" + PASSWORD + "@db:5432/portlock",
                    "STATE_PW",
                    PASSWORD))
            .load(
                HEAD
                    + """
        state:
          url: {env: STATE_URL}
          password: {env: STATE_PW}
          workspace: team/portlock
        """);

    assertThat(config.state().url()).isEqualTo("postgresql://ci:" + PASSWORD + "@db:5432/portlock");
    assertThat(config.state().urlSource()).isEqualTo("env STATE_URL");
    assertThat(config.state().password()).isEqualTo(PASSWORD);
    assertThat(config.state().workspace()).isEqualTo("team/portlock");
    assertThat(config.toString()).doesNotContain(PASSWORD);
  }

  @Test
  void aLiteralUrlWithoutPasswordIsTaken() {
    Config config =
        fixture(Map.of("HQ", "hq2024ab"))
            .load(
                HEAD
                    + """
        state: {url: "postgresql://ci@db.example.com/portlock?sslmode=verify-full"}
        """);

    assertThat(config.state().url())
        .isEqualTo("postgresql://ci@db.example.com/portlock?sslmode=verify-full");
    assertThat(config.state().urlSource()).isEqualTo("state.url");
  }

  @Test
  void aPasswordWrittenIntoTheConfigIsRefusedWithoutBeingQuoted() {
    assertThat(
            fixture(Map.of("HQ", "hq2024ab"))
                .diagnostics(
                    HEAD
                        + """
        state:
          url: "postgresql://ci:%s@db/portlock"
          password: "%s"
        """
                            .formatted(PASSWORD, PASSWORD)))
        .containsExactly(
            "portlock.yaml:6:8: error: state.url holds a password, and the config is committed to"
                + " git; write the URL without it and set PGPASSWORD or state.password: {env: NAME},"
                + " or take the whole URL from the CI's secret store with url: {env: NAME}",
            "portlock.yaml:7:13: error: state.password is a literal in the config, a secret"
                + " committed to git; write password: {env: NAME} and set NAME from your secret"
                + " store");
  }

  @Test
  void badStateValuesAreErrorsAtTheirPlace() {
    assertThat(
            fixture(Map.of("HQ", "hq2024ab", "EMPTY", ""))
                .diagnostics(
                    HEAD
                        + """
        state:
          url: {env: MISSING_URL}
          password: {env: EMPTY}
          workspace: ""
        """))
        .containsExactly(
            "portlock.yaml:6:8: error: state.url from env MISSING_URL: the environment variable"
                + " MISSING_URL is not set; set it to the PostgreSQL URL before running portlock",
            "portlock.yaml:7:13: error: state.password from env EMPTY: the environment variable"
                + " EMPTY is set but empty; set it before running portlock",
            "portlock.yaml:8:14: error: state.workspace must be a name of 1 to 200 printable"
                + " characters such as \"9900000/portlock\"; found the string \"\"");
    assertThat(
            fixture(Map.of("HQ", "hq2024ab"))
                .diagnostics(
                    HEAD
                        + """
        state: {url: "mysql://ci@db/portlock"}
        """))
        .containsExactly(
            "portlock.yaml:5:14: error: state.url must be a PostgreSQL URL such as"
                + " postgresql://portlock@db.example.com:5432/portlock; found a text that does not"
                + " start with postgresql:// (not shown, in case it holds a password)");
  }
}
