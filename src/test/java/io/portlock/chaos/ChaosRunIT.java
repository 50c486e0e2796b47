package io.portlock.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * bin/chaos at a small size against the packaged jar: applies killed by SIGKILL under 429s, 500s
 * and dropped connections still converge, with no order sent twice and a state that parses after
 * every kill. Runs in {@code mvn verify}, after {@code package}.
 */
class ChaosRunIT {
  private static final Path JAR = Path.of("target", "portlock.jar").toAbsolutePath();

  @TempDir Path dir;

  @Test
  @Timeout(900) // only catches a hang: a normal run takes 1-2 minutes, more under load
  void appliesKilledAtRandomUnderFaultsConvergeWithoutSendingAnOrderTwice() {
    assertThat(JAR).as("mvn verify packages the jar before the integration tests").isRegularFile();
    ChaosOptions options =
        new ChaosOptions(
                2000,
                5,
                200,
                4,
                20261126L,
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
            // A small run calls the API too rarely to fill the default window: a tighter one.
            .copy(b -> b.rateLimitRequests = 3)
            .copy(b -> b.rateLimitWindow = Duration.ofSeconds(1));
    ByteArrayOutputStream printed = new ByteArrayOutputStream();

    ChaosReport report =
        ChaosRun.run(options, new PrintStream(printed, true, StandardCharsets.UTF_8));

    String table = printed.toString(StandardCharsets.UTF_8);
    System.out.println(table);
    assertThat(report.killsLanded()).as(table).isGreaterThanOrEqualTo(4);
    assertThat(report.faults().total()).as(table).isPositive();
    assertThat(report.faults().rateLimited()).as(table).isPositive();
    assertThat(report.duplicateCustomerOrderIds()).as(table).isZero();
    assertThat(report.orders().numbersSetTwiceUnderOneId()).as(table).isZero();
    assertThat(report.orders().numbersSentTwiceInOnePass()).as(table).isZero();
    assertThat(report.orders().orders())
        .as(table)
        .isGreaterThanOrEqualTo(report.passes() * options.ordersPerPass());
    assertThat(report.stateProblems()).as(table).isEmpty();
    assertThat(report.lockRace().passed()).as(table).isTrue();
    assertThat(report.finalApplyExit()).as(table).isZero();
    assertThat(report.convergence().checked()).isEqualTo(2000);
    assertThat(report.convergence().examples()).as(table).isEmpty();
    assertThat(report.finalPlanExit()).as(table).isZero();
    assertThat(report.passed()).as(table).isTrue();
    assertThat(table).contains("PASS: every criterion held.");
    assertThat(dir.resolve("run/logs/final-apply.out"))
        .satisfies(p -> assertThat(Files.readString(p)).doesNotContain("P02x", "Bench0"));
  }
}
