package io.portlock.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.portlock.state.postgres.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The state in PostgreSQL, chosen by --state, PORTLOCK_STATE_URL or the config's state.url. */
class PostgresStateCliTest {
  private static final String HQ = "Hq7seCret";
  private static final String DB_PASSWORD = TestPostgres.PASSWORD;
  private static final String CONFIG =
      """
      version: 1
      account: "9900000"
      groups:
        hq:
          passcode: {env: HQ_PASSCODE}
          numbers:
            - "2018551020..2018551029"
      """;

  @TempDir Path dir;
  private final TestPostgres server = TestPostgres.shared();
  private final String database = server.newDatabase();
  private final String dbName = database.substring(database.lastIndexOf('/') + 1);
  private SandboxCli env;

  @AfterEach
  void tearDown() {
    if (env != null) {
      env.close();
    }
  }

  private CliHarness start(String stateSection) {
    env = new SandboxCli(dir, SandboxCli.fast());
    env.cli.env.put("HQ_PASSCODE", HQ);
    env.cli.write("portlock.yaml", CONFIG + stateSection);
    return env.cli;
  }

  /** The URL of the role that must give its password, with that password in it. */
  private String urlWithPassword() {
    return server.url(TestPostgres.PASSWORD_ROLE, dbName).replace("@", ":" + DB_PASSWORD + "@");
  }

  private List<String> workspaces() {
    try (Connection c = server.connect(dbName);
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT name FROM portlock.workspace WHERE serial > 0" + " ORDER BY name")) {
      List<String> rows = new java.util.ArrayList<>();
      while (rs.next()) {
        rows.add(rs.getString(1));
      }
      return rows;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void applyWithStateInPostgresConvergesWritesNoFileAndNeverShowsThePassword() {
    CliHarness cli = start("");
    String url = urlWithPassword();

    CliHarness.Result apply = cli.run("apply", "--auto-approve", "--state", url);
    CliHarness.Result plan = cli.run("plan", "--detailed-exitcode", "--state", url);
    CliHarness.Result list = cli.run("state", "list", "--state", url);

    assertThat(apply.exitCode()).as(apply.all()).isZero();
    assertThat(apply.out())
        .endsWith("Apply complete: 10 added, 0 changed, 0 removed; 0 failed; 1 order.\n");
    assertThat(plan.exitCode()).as(plan.all()).isZero();
    assertThat(list.out()).contains("2018551020..2018551029");
    assertThat(workspaces()).containsExactly("9900000/portlock");
    assertThat(Files.exists(dir.resolve("portlock.state.json"))).isFalse();
    for (CliHarness.Result r : List.of(apply, plan, list)) {
      assertThat(r.all()).doesNotContain(DB_PASSWORD).doesNotContain(HQ);
    }
  }

  @Test
  void theUrlFromTheEnvironmentOrTheConfigChoosesTheSameWorkspaceFromAnotherCheckout() {
    CliHarness cli =
        start(
            """
        state:
          url: {env: TEAM_STATE_URL}
        """);
    cli.env.put("TEAM_STATE_URL", urlWithPassword());
    assertThat(cli.run("apply", "--auto-approve").exitCode()).isZero();

    // Another checkout in another folder, the URL given as PORTLOCK_STATE_URL and the password
    // as PGPASSWORD: the workspace is named from the account and the config's name, not a path.
    Path other = dir.resolve("elsewhere/checkout");
    CliHarness second = new CliHarness(other);
    second.env.putAll(env.cli.env);
    second.env.remove("TEAM_STATE_URL");
    second.env.put(Workspace.STATE_URL_VARIABLE, server.url(TestPostgres.PASSWORD_ROLE, dbName));
    second.env.put("PGPASSWORD", DB_PASSWORD);
    second.write("portlock.yaml", CONFIG);
    CliHarness.Result plan = second.run("plan", "--detailed-exitcode");

    assertThat(plan.exitCode()).as(plan.all()).isZero();
    assertThat(workspaces()).containsExactly("9900000/portlock");
    assertThat(plan.all()).doesNotContain(DB_PASSWORD);
  }

  @Test
  void importWritesItsStateIntoTheNewConfigsWorkspaceAndRefusesAWorkspaceInUse() {
    CliHarness cli = start("");
    assertThat(cli.run("apply", "--auto-approve").exitCode()).isZero();
    CliHarness adopter = new CliHarness(dir.resolve("adopter"));
    adopter.env.putAll(env.cli.env);
    adopter.env.put(Workspace.STATE_URL_VARIABLE, urlWithPassword());

    CliHarness.Result imported = adopter.run("import", "--account", "9900000");
    CliHarness.Result again =
        adopter.run("import", "--account", "9900000", "--out", "portlock.yml");

    assertThat(imported.exitCode()).as(imported.all()).isZero();
    assertThat(imported.out()).contains("into portlock.yaml and postgresql://portlock_pw:***@");
    assertThat(workspaces()).containsExactly("9900000/portlock");
    assertThat(Files.exists(dir.resolve("adopter/portlock.state.json"))).isFalse();
    assertThat(again.exitCode()).isEqualTo(1);
    assertThat(again.err()).contains("(workspace 9900000/portlock) holds a state already");
    assertThat(Files.exists(dir.resolve("adopter/portlock.yml"))).isFalse();
    assertThat(imported.all() + again.all()).doesNotContain(DB_PASSWORD).doesNotContain(HQ);
  }

  @Test
  void aWrongPasswordIsAClearErrorThatShowsTheUrlMasked() {
    CliHarness cli = start("");
    String wrong = server.url(TestPostgres.PASSWORD_ROLE, dbName).replace("@", ":Nope-55x1@");

    CliHarness.Result plan = cli.run("plan", "--state", wrong);

    assertThat(plan.exitCode()).isEqualTo(1);
    assertThat(plan.err())
        .contains(
            "\nError: postgresql://portlock_pw:***@127.0.0.1:"
                + server.port()
                + "/"
                + dbName
                + ": cannot connect: ")
        .contains("password authentication failed")
        .doesNotContain("Nope-55x1");
  }

  @Test
  void aBrokenUrlIsAUsageErrorThatDoesNotQuoteIt() {
    CliHarness cli = start("");

    CliHarness.Result plan = cli.run("plan", "--state", "postgresql://ci:Secret-9@:99999/x");

    assertThat(plan.exitCode()).isEqualTo(1);
    assertThat(plan.err())
        .contains("--state: expected a PostgreSQL URL of the form")
        .doesNotContain("Secret-9");
  }

  @Test
  void theSecondRunnerIsToldWhoHoldsTheWorkspaceAndForceUnlockFindsItById() {
    CliHarness cli = start("");
    String url = urlWithPassword();
    var store =
        (io.portlock.state.postgres.PostgresStateStore)
            io.portlock.state.StateStores.forLocation(url, dir, "9900000/portlock", null);
    try (var held = store.open("apply", java.time.Duration.ZERO)) {
      CliHarness.Result apply = cli.run("apply", "--auto-approve", "--state", url);
      assertThat(apply.exitCode()).isEqualTo(1);
      assertThat(apply.err())
          .contains("is locked: ID " + held.lock().id() + ", operation apply")
          .contains("(workspace 9900000/portlock)")
          .doesNotContain(DB_PASSWORD);
      CliHarness.Result unlock = cli.run("force-unlock", held.lock().id(), "--state", url);
      assertThat(unlock.exitCode()).isEqualTo(1);
      assertThat(unlock.err()).contains("is still held by a running session");
    }
    assertThat(env.sandbox.receivedOrders()).isEmpty();
  }
}
