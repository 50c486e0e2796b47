package io.portlock.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.portlock.state.FileStateStore;
import io.portlock.state.State;
import io.portlock.state.StateStores;
import io.portlock.state.postgres.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code state migrate}: a file state into PostgreSQL and back, lineage and serial kept. */
class StateMigrateTest {
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
  private final String url = server.newDatabase();
  private SandboxCli env;

  @AfterEach
  void tearDown() {
    if (env != null) {
      env.close();
    }
  }

  private CliHarness start() {
    env = new SandboxCli(dir, SandboxCli.fast());
    env.cli.env.put("HQ_PASSCODE", "Hq7seCret");
    env.cli.write("portlock.yaml", CONFIG);
    return env.cli;
  }

  private State fileState() {
    return new FileStateStore(dir.resolve("portlock.state.json")).read().orElseThrow();
  }

  private State databaseState() {
    return StateStores.forLocation(url, dir, "9900000/portlock", null).read().orElseThrow();
  }

  @Test
  void aFileStateMovesIntoTheDatabaseAndAPlanSavedBeforeStillApplies() {
    CliHarness cli = start();
    assertThat(cli.run("apply", "--auto-approve").exitCode()).isZero();
    cli.write("portlock.yaml", CONFIG.replace("2018551029", "2018551031"));
    CliHarness.Result saved = cli.run("plan", "--out", "portlock.plan");
    assertThat(saved.exitCode()).as(saved.all()).isZero();
    State before = fileState();

    CliHarness.Result migrate = cli.run("state", "migrate", "--to", url);

    assertThat(migrate.exitCode()).as(migrate.all()).isZero();
    assertThat(migrate.out())
        .startsWith(
            "Migrated the state (lineage "
                + before.lineage()
                + ", serial "
                + before.serial()
                + ", 10 numbers, 0 orders in the journal) from "
                + dir.resolve("portlock.state.json")
                + " to "
                + url
                + " (workspace 9900000/portlock).");
    State moved = databaseState();
    assertThat(moved.lineage()).isEqualTo(before.lineage());
    assertThat(moved.serial()).isEqualTo(before.serial());
    assertThat(moved.numbers()).isEqualTo(before.numbers());
    CliHarness.Result apply = cli.run("apply", "portlock.plan", "--auto-approve", "--state", url);
    assertThat(apply.exitCode()).as(apply.all()).isZero();
    assertThat(databaseState().size()).isEqualTo(12);
    assertThat(fileState().serial()).as("the file is left as it was").isEqualTo(before.serial());
  }

  @Test
  void theDatabaseStateMovesBackToAFileOverItsOwnOlderVersion() {
    CliHarness cli = start();
    assertThat(cli.run("apply", "--auto-approve", "--state", url).exitCode()).isZero();
    assertThat(
            cli.run("state", "migrate", "--state", url, "--to", "portlock.state.json").exitCode())
        .isZero();
    assertThat(cli.run("state", "rm", "2018551020", "--state", url).exitCode()).isZero();

    CliHarness.Result back =
        cli.run("state", "migrate", "--state", url, "--to", "portlock.state.json");

    assertThat(back.exitCode()).as(back.all()).isZero();
    assertThat(fileState().serial()).isEqualTo(databaseState().serial());
    assertThat(fileState().lineage()).isEqualTo(databaseState().lineage());
    assertThat(fileState().size()).isEqualTo(9);
    assertThat(cli.run("plan", "--detailed-exitcode", "--refresh=false").exitCode())
        .as("the file state plans the one forgotten number again")
        .isEqualTo(2);
  }

  @Test
  void bothDirectionsRefuseToOverwriteAStateOfAnotherLineage() throws Exception {
    CliHarness cli = start();
    assertThat(cli.run("apply", "--auto-approve").exitCode()).isZero();
    assertThat(cli.run("apply", "--auto-approve", "--state", url).exitCode()).isZero();
    // the database now holds a state of its own lineage (its first apply found no state there)
    String fileBefore = Files.readString(dir.resolve("portlock.state.json"));

    CliHarness.Result into = cli.run("state", "migrate", "--to", url);
    CliHarness.Result back =
        cli.run("state", "migrate", "--state", url, "--to", "portlock.state.json");

    assertThat(into.exitCode()).isEqualTo(1);
    assertThat(into.err())
        .contains(
            url
                + " (workspace 9900000/portlock): refusing to overwrite"
                + " the state here (lineage "
                + databaseState().lineage()
                + ", serial "
                + databaseState().serial()
                + ") with a state of another lineage ("
                + fileState().lineage()
                + ")");
    assertThat(back.exitCode()).isEqualTo(1);
    assertThat(back.err())
        .contains("refusing to overwrite the state here (lineage " + fileState().lineage());
    assertThat(Files.readString(dir.resolve("portlock.state.json"))).isEqualTo(fileBefore);
  }
}
