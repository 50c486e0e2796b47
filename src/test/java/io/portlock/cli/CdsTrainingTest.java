package io.portlock.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The workload bin/portlock records its class-data-sharing archive from (src/cds) runs a whole
 * plan: were it to fail early, say on a state format it no longer reads, the archive would hold
 * only the classes up to the failure and every start would lose what it saves.
 */
class CdsTrainingTest {
  private static final Path TRAINING = Path.of("src", "cds");

  @TempDir Path dir;

  @Test
  void theTrainingWorkspacePlansAgainstItsStateAndSavesThePlan() throws IOException {
    try (Stream<Path> files = Files.walk(TRAINING)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        Path copy = dir.resolve(TRAINING.relativize(file).toString());
        Files.createDirectories(copy.getParent());
        Files.copy(file, copy);
      }
    }

    CliHarness.Result result =
        new CliHarness(dir)
            .run("plan", "--refresh=false", "--no-color", "--out", "training.tfplan");

    assertThat(result.exitCode()).as(result.all()).isEqualTo(ExitCodes.OK);
    assertThat(CliHarness.lines(result.out()))
        .contains("Plan: 1 to add, 0 to change, 0 to remove, 22 unchanged; 1 order.");
    assertThat(dir.resolve("training.tfplan")).isNotEmptyFile();
    assertThat(result.err()).doesNotContain("Error");
  }
}
