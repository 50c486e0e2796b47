package io.portlock.ci;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * .ci/run reaches its test command every time: its version probes cannot end the script under
 * {@code set -euo pipefail} (a {@code mvn -version | head -1} dies of SIGPIPE about half the time).
 */
class CiScriptTest {
  static final Path CI_RUN = Path.of(".ci/run");

  @Test
  void ciScriptRunsTheReadmeTestCommandUnderStrictMode() throws IOException {
    String script = Files.readString(CI_RUN, StandardCharsets.UTF_8);
    assertThat(script).contains("set -euo pipefail").containsPattern("(?m)^mvn -B verify$");
    assertThat(script)
        .as("no version probe may be piped into head under pipefail")
        .doesNotContainPattern("-version[^\\n]*\\|\\s*head");
  }

  @Test
  void preambleReachesTheTestCommandTwentyTimesInARow() throws Exception {
    Process p =
        new ProcessBuilder("bash", "src/test/shell/ci-preamble-test.sh")
            .redirectErrorStream(true)
            .start();
    // A bound that only catches a hang, far above a normal run of a few seconds.
    boolean done = p.waitFor(5, TimeUnit.MINUTES);
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!done) {
      p.destroyForcibly();
    }
    assertThat(done).as("preamble test hung").isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    assertThat(out).contains("20 of 20 preamble runs reached the test command");
  }
}
