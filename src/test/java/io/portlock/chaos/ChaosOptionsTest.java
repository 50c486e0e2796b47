package io.portlock.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChaosOptionsTest {
  private static final Path DIR = Path.of("/tmp/chaos");
  private static final Path JAR = Path.of("portlock.jar");

  @Test
  void theDocumentedSizeIsTheDefault() {
    ChaosOptions o = ChaosOptions.parse(List.of("--seed", "7"), DIR, JAR);

    assertThat(o.numbers()).isEqualTo(20_000);
    assertThat(o.groups()).isEqualTo(20);
    assertThat(o.kills()).isEqualTo(20);
    assertThat(o.maxNumbers()).isEqualTo(1000);
    assertThat(o.ordersPerPass()).isEqualTo(20);
    assertThat(o.seed()).isEqualTo(7);
    assertThat(o.processingMin()).isEqualTo(Duration.ofMillis(1500));
    assertThat(o.processingMax()).isEqualTo(Duration.ofMillis(3000));
  }

  @Test
  void everyRunPlaysBandwidthsLaggingLookupAndRateLimitWindowUnlessToldOtherwise() {
    ChaosOptions o = ChaosOptions.parse(List.of(), DIR, JAR);
    assertThat(o.lookupLag()).isEqualTo(Duration.ofMillis(1500));
    assertThat(o.rateLimitRequests()).isEqualTo(10);
    assertThat(o.rateLimitWindow()).isEqualTo(Duration.ofSeconds(2));
    assertThat(o.lookupWait()).isEqualTo(Duration.ofSeconds(7));

    ChaosOptions other =
        ChaosOptions.parse(List.of("--lookup-lag-ms", "400", "--rate-limit", "50/4"), DIR, JAR);
    assertThat(other.lookupLag()).isEqualTo(Duration.ofMillis(400));
    assertThat(other.rateLimitRequests()).isEqualTo(50);
    assertThat(other.rateLimitWindow()).isEqualTo(Duration.ofSeconds(4));
    assertThatThrownBy(() -> ChaosOptions.parse(List.of("--rate-limit", "50"), DIR, JAR))
        .hasMessageContaining("REQUESTS/SECONDS");
  }

  @Test
  void sizesRangesAndPlacesAreParsed() {
    ChaosOptions o =
        ChaosOptions.parse(
            List.of(
                "--numbers",
                "2,001",
                "--groups",
                "5",
                "--max-numbers",
                "200",
                "--kills",
                "4",
                "--processing-ms",
                "400-600",
                "--kill-after-ms",
                "500",
                "--dir",
                "/tmp/x",
                "--jar",
                "other.jar"),
            DIR,
            JAR);

    assertThat(o.numbers()).isEqualTo(2001);
    assertThat(o.ordersPerPass()).isEqualTo(11);
    assertThat(o.processingMin()).isEqualTo(Duration.ofMillis(400));
    assertThat(o.processingMax()).isEqualTo(Duration.ofMillis(600));
    assertThat(o.killAfterMin()).isEqualTo(o.killAfterMax()).isEqualTo(Duration.ofMillis(500));
    assertThat(o.dir()).isEqualTo(Path.of("/tmp/x"));
    assertThat(o.jar()).isEqualTo(Path.of("other.jar"));
  }

  @Test
  void badValuesAreRefusedNamingTheOption() {
    assertThatThrownBy(() -> ChaosOptions.parse(List.of("--kills", "many"), DIR, JAR))
        .hasMessage("expected a whole number after --kills but was 'many'");
    assertThatThrownBy(() -> ChaosOptions.parse(List.of("--processing-ms", "3000-1500"), DIR, JAR))
        .hasMessage("expected --processing-ms MIN-MAX with 0 <= MIN <= MAX but was 3000-1500");
    assertThatThrownBy(
            () -> ChaosOptions.parse(List.of("--groups", "30", "--numbers", "20"), DIR, JAR))
        .hasMessage("expected --groups at most --numbers (20) but was 30");
    assertThatThrownBy(() -> ChaosOptions.parse(List.of("--numbers"), DIR, JAR))
        .hasMessage("expected a value after --numbers");
    assertThatThrownBy(() -> ChaosOptions.parse(List.of("--speed", "1"), DIR, JAR))
        .hasMessageStartingWith("unknown option --speed");
  }

  @Test
  void stateInPostgresIsChosenByUrlAndABadOneIsRefusedWithoutBeingShown() {
    ChaosOptions o =
        ChaosOptions.parse(
            List.of(
                "--state",
                "postgresql://ci@127.0.0.1:5432/p",
                "--db-restart",
                "pg_ctl -D /x restart -m immediate -w"),
            DIR,
            JAR);
    assertThat(o.postgres()).isTrue();
    assertThat(o.dbRestart()).isEqualTo("pg_ctl -D /x restart -m immediate -w");
    assertThat(ChaosOptions.parse(List.of(), DIR, JAR).postgres()).isFalse();

    assertThatThrownBy(
            () -> ChaosOptions.parse(List.of("--state", "mysql://ci:Pw-77@db/p"), DIR, JAR))
        .hasMessageContaining("does not start with postgresql://")
        .message()
        .doesNotContain("Pw-77");
    assertThatThrownBy(() -> ChaosOptions.parse(List.of("--db-restart", "true"), DIR, JAR))
        .hasMessage("--db-restart needs --state postgresql://...");
  }
}
