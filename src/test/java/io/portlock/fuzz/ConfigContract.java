package io.portlock.fuzz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.portlock.config.Config;
import io.portlock.config.ConfigException;
import io.portlock.config.ConfigLoader;
import io.portlock.config.Diagnostic;
import io.portlock.config.LoadOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * What every input to the config loader must end in: a valid {@link Config}, or a {@link
 * ConfigException} whose every diagnostic points at a file, line and column with a message; never
 * another exception, an internal failure wrapped as "this is a bug", or more than {@link #LIMIT} of
 * work.
 */
final class ConfigContract {
  /** Only catches a hang: a normal load takes milliseconds. */
  static final Duration LIMIT = Duration.ofSeconds(60);

  /** Passcodes for the {env:} sources of the seed configs, so that unmutated seeds load. */
  static final Map<String, String> ENVIRONMENT =
      Map.of(
          "HQ_PASSCODE", "hq2024",
          "PORTLOCK_HQ_PASSCODE", "hq2024",
          "PORTLOCK_SALES_PASSCODE", "sales77",
          "PORTLOCK_SUPPORT_PASSCODE", "supp0rt",
          "PORTLOCK_LAB_PASSCODE", "lab1234",
          "HOME", "/root");

  private ConfigContract() {}

  static LoadOptions options() {
    return LoadOptions.defaults().withEnvironment(ENVIRONMENT);
  }

  /**
   * Loads {@code config} and checks the contract; returns the Config or the ConfigException.
   *
   * @param input shown when the contract is broken, to replay the case
   */
  static Object check(Path config, LoadOptions options, String input) {
    Object outcome =
        assertTimeoutPreemptively(
            LIMIT,
            () -> {
              try {
                return ConfigLoader.load(config, options);
              } catch (ConfigException e) {
                return e;
              } catch (Throwable e) {
                // Returned rather than thrown so that the failure below names the input.
                return e;
              }
            },
            () -> "took longer than " + LIMIT + " for input:\n" + input);
    if (outcome instanceof Config loaded) {
      assertThat(loaded.groups()).as("groups of a valid config, input:\n%s", input).isNotEmpty();
      return loaded;
    }
    if (!(outcome instanceof ConfigException e)) {
      Throwable t = (Throwable) outcome;
      throw new AssertionError(
          "expected a Config or a ConfigException but " + t + " escaped for input:\n" + input, t);
    }
    checkDiagnostics(e, input);
    return e;
  }

  static void checkDiagnostics(ConfigException e, String input) {
    if (e.getSuppressed().length > 0) {
      throw new AssertionError(
          "an internal failure was wrapped in the ConfigException (" + e + ") for input:\n" + input,
          e.getSuppressed()[0]);
    }
    assertThat(e.diagnostics()).as("diagnostics for input:\n%s", input).isNotEmpty();
    assertThat(e.diagnostics())
        .as("diagnostics for input:\n%s", input)
        .anyMatch(d -> d.severity() == Diagnostic.Severity.ERROR);
    for (Diagnostic d : e.diagnostics()) {
      if (d.file() == null
          || d.line() < 1
          || d.column() < 1
          || d.message() == null
          || d.message().isBlank()
          || d.message().contains("this is a bug")) {
        fail("expected FILE:LINE:COL: message but was '" + d + "' for input:\n" + input);
      }
    }
  }

  static void write(Path file, byte[] bytes) {
    try {
      Files.createDirectories(file.getParent());
      Files.write(file, bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Path createTempDir(String prefix) {
    try {
      return Files.createTempDirectory(prefix);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void deleteTree(Path root) {
    if (root == null || !Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      paths
          .sorted(Comparator.reverseOrder())
          .forEach(
              p -> {
                try {
                  Files.deleteIfExists(p);
                } catch (IOException e) {
                  // Best effort: a temp folder left behind is harmless.
                }
              });
    } catch (IOException e) {
      // Same.
    }
  }

  static byte[] read(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
