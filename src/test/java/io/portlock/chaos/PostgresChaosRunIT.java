package io.portlock.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import io.portlock.state.postgres.TestPostgres;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * bin/chaos --state postgresql://… at a small size, on the test server: two checkouts applying at
 * once (one waits, then finds nothing to do), applies killed by SIGKILL, their database connections
 * cut and the database restarted under them; all converge with no order sent twice.
 */
class PostgresChaosRunIT {
  private static final Path JAR = Path.of("target", "portlock.jar").toAbsolutePath();

  @TempDir Path dir;

  @Test
  @Timeout(900) // only catches a hang: a normal run takes 1-2 minutes, more under load
  void twoCheckoutsKillsCutsAndRestartsConvergeWithoutSendingAnOrderTwice() {
    TestPostgres server = TestPostgres.shared();
    String url = server.newDatabase();
    ChaosOptions options =
        new ChaosOptions(
                2000,
                5,
                200,
                4,
                20261201L,
                dir.resolve("run"),
                JAR,
                4,
                Duration.ofMillis(400),
                Duration.ofMillis(600),
                Duration.ofMillis(300),
                Duration.ofMillis(3000),
                0.10,
                0.10,
                0.05,
                Duration.ofMinutes(1))
            .copy(b -> b.rateLimitRequests = 3)
            .copy(b -> b.rateLimitWindow = Duration.ofSeconds(1))
            .copy(b -> b.stateUrl = url);
    ByteArrayOutputStream printed = new ByteArrayOutputStream();

    ChaosReport report =
        ChaosRun.run(
            options, new PrintStream(printed, true, StandardCharsets.UTF_8), server::restart);

    String table = printed.toString(StandardCharsets.UTF_8);
    System.out.println(table);
    assertThat(report.lockRace().passed()).as(table).isTrue();
    assertThat(report.killsLanded()).as(table).isGreaterThanOrEqualTo(4);
    assertThat(report.database().cutsThatHit()).as(table).isPositive();
    assertThat(report.database().restarts()).as(table).isPositive();
    assertThat(report.duplicateCustomerOrderIds()).as(table).isZero();
    assertThat(report.orders().numbersSetTwiceUnderOneId()).as(table).isZero();
    assertThat(report.orders().numbersSentTwiceInOnePass()).as(table).isZero();
    assertThat(report.stateProblems()).as(table).isEmpty();
    assertThat(report.finalApplyExit()).as(table).isZero();
    assertThat(report.convergence().checked()).isEqualTo(2000);
    assertThat(report.convergence().examples()).as(table).isEmpty();
    assertThat(report.finalPlanExit()).as(table).isZero();
    assertThat(table).contains("state in PostgreSQL").contains("PASS: every criterion held.");
  }
}
