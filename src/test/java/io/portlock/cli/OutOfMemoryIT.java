package io.portlock.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar with a heap far too small for its input ends with the one line that says which
 * setting to raise, whichever thread ran out, and shows the trace only under --debug. Runs in
 * {@code mvn verify}, after {@code package}.
 */
@Timeout(300) // only catches a hang: each run takes seconds
class OutOfMemoryIT {
  private static final Path JAR = Path.of("target", "portlock.jar").toAbsolutePath();
  private static final String ONE_LINE =
      "Error: portlock ran out of memory (Java heap space);"
          + " nothing more was sent. Give Java more heap through PORTLOCK_JAVA_OPTS, for example"
          + " PORTLOCK_JAVA_OPTS=-Xmx4g bin/portlock ..., and run again";

  @TempDir Path dir;

  /** Three million numbers, every third one, so that neither file nor state compresses. */
  private void numbersFile() throws IOException {
    Files.createDirectories(dir.resolve("numbers"));
    try (BufferedWriter out = Files.newBufferedWriter(dir.resolve("numbers/hq.txt"))) {
      for (int i = 0; i < 3_000_000; i++) {
        out.write(Long.toString(2_013_000_000L + 3L * i));
        out.write('\n');
      }
    }
  }

  private void config(String numbers) throws IOException {
    Files.writeString(
        dir.resolve("portlock.yaml"),
        """
        version: 1
        account: "9900000"
        groups:
          hq:
            passcode: {env: HQ_PASSCODE}
        """
            + numbers);
  }

  /** Runs the jar with a 32 MiB heap; returns exit code, stdout and stderr. */
  private String[] run(String... args) throws Exception {
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx32m",
                "-XX:+UseSerialGC",
                "-jar",
                JAR.toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(dir.toFile())
            .redirectOutput(dir.resolve("out.txt").toFile())
            .redirectError(dir.resolve("err.txt").toFile());
    builder.environment().put("HQ_PASSCODE", "Hq7seCret");
    builder.environment().remove("PORTLOCK_FINGERPRINT_KEY");
    Process process = builder.start();
    assertThat(process.waitFor(4, TimeUnit.MINUTES)).as("finished").isTrue();
    return new String[] {
      Integer.toString(process.exitValue()),
      Files.readString(dir.resolve("out.txt"), StandardCharsets.UTF_8),
      Files.readString(dir.resolve("err.txt"), StandardCharsets.UTF_8)
    };
  }

  @Test
  void aConfigTooLargeForTheHeapEndsWithOneLineNamingTheSetting() throws Exception {
    numbersFile();
    config("    numbers_file: numbers/hq.txt\n");

    String[] result = run("plan", "--refresh=false", "--no-color");

    assertThat(result[0]).isEqualTo(Integer.toString(ExitCodes.ERROR));
    assertThat(result[2]).isEqualTo(ONE_LINE + "\n");
    assertThat(result[1]).isEmpty();
  }

  @Test
  void underDebugTheTraceFollowsTheLine() throws Exception {
    numbersFile();
    config("    numbers_file: numbers/hq.txt\n");

    String[] result = run("plan", "--refresh=false", "--no-color", "--debug");

    assertThat(result[0]).isEqualTo(Integer.toString(ExitCodes.ERROR));
    assertThat(result[2])
        .startsWith(ONE_LINE + "\n")
        .contains("java.lang.OutOfMemoryError: Java heap space\n\tat ");
  }

  @Test
  void aStateTooLargeForTheHeapEndsWithTheSameLine() throws Exception {
    // The state is read on another thread while the config loads: it runs out there.
    config("    numbers:\n      - \"2018551020\"\n");
    StringBuilder numbers = new StringBuilder();
    for (int i = 0; i < 3_000_000; i++) {
      numbers.append(i == 0 ? "" : ", ").append('"').append(2_013_000_000L + 3L * i).append('"');
    }
    Files.writeString(
        dir.resolve("portlock.state.json"),
        """
        {
          "format_version" : 2,
          "lineage" : "b7fb70f8-8765-4f06-b021-1fc10b3b2f2d",
          "serial" : 2,
          "account" : "9900000",
          "kdf" : {
            "algorithm" : "PBKDF2-HMAC-SHA256",
            "iterations" : 100000,
            "salt" : "IZ+qQX8brEZ7KLZJIu4i3w==",
            "length" : 32,
            "salt_per_group" : true,
            "key_id" : null
          },
          "entries" : [ {
            "group" : "hq",
            "fingerprint" : "6e43baad263f73e0c679a0e07fecae8ebccc9d02a2e55e6a33d2436a920cde6d",
            "applied_at" : "2026-12-01T10:53:31.646829489Z",
            "order_id" : "c1d29567-06cc-4afb-be48-80b736477525",
            "customer_order_id" : "portlock-02c39b1de4b71846-1",
            "numbers" : [ %s ]
          } ],
          "journal" : [ ]
        }
        """
            .formatted(numbers));

    String[] result = run("plan", "--refresh=false", "--no-color");

    assertThat(result[0]).isEqualTo(Integer.toString(ExitCodes.ERROR));
    // The notice about the fingerprint key may come first: the run ends with the one line.
    assertThat(result[2])
        .endsWith("\n" + ONE_LINE + "\n")
        .doesNotContain("\tat ")
        .doesNotContain("Exception");
  }
}
