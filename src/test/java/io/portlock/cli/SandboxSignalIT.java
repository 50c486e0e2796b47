package io.portlock.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code bin/portlock sandbox} stops on SIGTERM, java included, also on the first run after a
 * build, which records the class-data archive first (java once used to run on, orphaned, after the
 * script was terminated). Runs after {@code package}: it needs {@code target/portlock.jar}.
 */
class SandboxSignalIT {
  @Test
  void sigtermStopsTheScriptAndItsJava() throws Exception {
    // No archive yet: the script records one from its training run before it starts java.
    Files.deleteIfExists(Path.of("target/portlock.jsa"));
    ProcessBuilder builder =
        new ProcessBuilder("bin/portlock", "sandbox").redirectErrorStream(true);
    builder.environment().remove("PORTLOCK_NO_CDS");
    builder.environment().remove("BANDWIDTH_CLIENT_SECRET");
    Process script = builder.start();
    BufferedReader out =
        new BufferedReader(new InputStreamReader(script.getInputStream(), StandardCharsets.UTF_8));
    String banner = out.readLine();
    assertThat(banner).startsWith("Bandwidth sandbox listening on");
    // The script has exec'd java by now: whatever runs under it must end with it.
    List<ProcessHandle> java = script.descendants().toList();
    assertThat(script.toHandle().info().command().orElse("")).endsWith("java");

    script.destroy(); // SIGTERM to the script only, as a CI runner or systemd sends it

    // Generous bounds that only catch a hang.
    assertThat(script.waitFor(60, TimeUnit.SECONDS)).as("the script ends").isTrue();
    for (ProcessHandle child : java) {
      assertThat(child.onExit().get(60, TimeUnit.SECONDS).isAlive()).as("java ends").isFalse();
    }
  }
}
