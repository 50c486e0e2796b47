package io.portlock.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import io.portlock.config.Config;
import io.portlock.config.ConfigException;
import io.portlock.config.ConfigLoader;
import io.portlock.config.Diagnostic;
import io.portlock.config.LoadOptions;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 100 MB numbers file is handled in bounded memory: loaded when it holds valid numbers (within
 * the 10 million number budget), refused with a few errors when it holds garbage. Each load runs in
 * a forked JVM with {@value #HEAP} of heap, so that "bounded" is measured, not hoped for.
 */
@Tag(FuzzSettings.SLOW)
class LargeInputTest {
  static final String HEAP = "-Xmx256m";
  static final long SIZE = 100L * 1024 * 1024;

  @TempDir Path dir;

  @Test
  @Timeout(120)
  void hundredMegabytesOfValidNumbersLoadInBoundedMemory() throws Exception {
    // 11 bytes a line: about 9.5 million entries, under the budget of 10 million numbers.
    write(
        dir.resolve("numbers/hq.txt"),
        (out, random) -> {
          long n = 2_018_550_000L + random.nextInt(10_000);
          out.write((n + "\n").getBytes(StandardCharsets.US_ASCII));
        });

    String result = loadInForkedJvm();

    assertThat(result).startsWith("LOADED 10000 numbers");
  }

  @Test
  @Timeout(120)
  void hundredMegabytesOfGarbageAreRefusedWithAFewErrors() throws Exception {
    write(
        dir.resolve("numbers/hq.txt"),
        (out, random) -> {
          byte[] line = new byte[random.nextInt(200)];
          random.nextBytes(line);
          out.write(line);
          out.write('\n');
        });

    String result = loadInForkedJvm();

    // 20 errors shown, one summary line, whatever the file's size.
    assertThat(result).startsWith("REFUSED 21 errors").contains("hq.txt:");
  }

  @Test
  @Timeout(120)
  void hundredMegabytesWithoutALineBreakAreRefusedWithOneError() throws Exception {
    write(
        dir.resolve("numbers/hq.txt"),
        (out, random) -> out.write("2018551020".getBytes(StandardCharsets.US_ASCII)));

    String result = loadInForkedJvm();

    assertThat(result)
        .isEqualTo(
            "REFUSED 1 errors numbers/hq.txt:1:1: error: group 'hq': the"
                + " line is longer than 1000 characters; expected one number or range per line");
  }

  @Test
  @Timeout(120) // only catches a runaway expansion
  void billionLaughsIsRefusedWithAClearError() throws IOException {
    StringBuilder yaml = new StringBuilder("version: 1\naccount: \"9900000\"\ngroups:\n");
    yaml.append("  l0: &l0 [\"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\"]\n");
    for (int i = 1; i <= 30; i++) {
      yaml.append("  l")
          .append(i)
          .append(": &l")
          .append(i)
          .append(" [")
          .append(String.join(", ", java.util.Collections.nCopies(10, "*l" + (i - 1))))
          .append("]\n");
    }
    Path config = dir.resolve("portlock.yaml");
    Files.writeString(config, yaml);
    Object outcome = ConfigContract.check(config, ConfigContract.options(), "billion laughs");

    assertThat(outcome)
        .isInstanceOfSatisfying(
            ConfigException.class,
            e ->
                assertThat(e.diagnostics())
                    .extracting(Diagnostic::toString)
                    .containsExactly(
                        config
                            + ":1:1: error: the YAML uses more than 50 aliases (*name) to lists or"
                            + " mappings, which is how \"billion laughs\" attacks blow up memory; portlock"
                            + " refuses it; write the values out instead of using aliases"));
  }

  /** Writes lines until the file reaches {@link #SIZE}. */
  private static void write(Path file, LineWriter lines) throws IOException {
    Files.createDirectories(file.getParent());
    Random random = new Random(42);
    try (OutputStream out =
        new CountingStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16))) {
      while (((CountingStream) out).count < SIZE) {
        lines.write(out, random);
      }
    }
  }

  private String loadInForkedJvm() throws Exception {
    Path config = dir.resolve("portlock.yaml");
    Files.writeString(
        config,
        """
        version: 1
        account: "9900000"
        groups:
          hq:
            passcode: "abcd"
            numbers_file: numbers/hq.txt
        """);
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process process =
        new ProcessBuilder(
                java.toString(),
                HEAP,
                "-XX:+ExitOnOutOfMemoryError",
                "-cp",
                System.getProperty("java.class.path"),
                Probe.class.getName(),
                "portlock.yaml")
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(100, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as("exit value; output:\n%s", output).isZero();
    return output.strip();
  }

  /** Loads a config in a JVM of its own and prints what happened on one line. */
  public static final class Probe {
    public static void main(String[] args) {
      LoadOptions options = LoadOptions.defaults().withEnvironment(Map.of());
      try {
        Config config = ConfigLoader.load(Path.of(args[0]), options);
        System.out.println(
            "LOADED "
                + config.numberCount()
                + " numbers, "
                + config.warnings().size()
                + " warnings");
      } catch (ConfigException e) {
        List<Diagnostic> errors =
            e.diagnostics().stream()
                .filter(d -> d.severity() == Diagnostic.Severity.ERROR)
                .toList();
        System.out.println("REFUSED " + errors.size() + " errors " + errors.get(0));
      }
    }
  }

  private interface LineWriter {
    void write(OutputStream out, Random random) throws IOException;
  }

  private static final class CountingStream extends java.io.FilterOutputStream {
    long count;

    CountingStream(OutputStream out) {
      super(out);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
      count += len;
    }

    @Override
    public void write(int b) throws IOException {
      out.write(b);
      count++;
    }
  }
}
