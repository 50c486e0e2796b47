package io.portlock.config;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A config folder in a temporary directory, and diagnostics shown relative to it. */
final class Fixture {
  final Path dir;
  private Map<String, String> environment = Map.of();
  private List<Path> allowedRoots = List.of();

  Fixture(Path dir) {
    this.dir = dir;
  }

  Fixture env(Map<String, String> environment) {
    this.environment = environment;
    return this;
  }

  Fixture allow(Path... roots) {
    this.allowedRoots = List.of(roots);
    return this;
  }

  Path write(String relative, String content) {
    return write(relative, content.getBytes(StandardCharsets.UTF_8));
  }

  Path write(String relative, byte[] content) {
    try {
      Path path = dir.resolve(relative);
      Files.createDirectories(path.getParent());
      return Files.write(path, content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  LoadOptions options() {
    return new LoadOptions(environment, allowedRoots);
  }

  /** Writes {@code portlock.yaml} and loads it. */
  Config load(String yaml) {
    return ConfigLoader.load(write("portlock.yaml", yaml), options());
  }

  /** Writes {@code portlock.yaml}, expects it to fail, and returns every diagnostic shown. */
  List<String> diagnostics(String yaml) {
    return diagnosticsOf(write("portlock.yaml", yaml));
  }

  List<String> diagnosticsOf(Path config) {
    List<String> shown = new ArrayList<>();
    assertThatThrownBy(() -> ConfigLoader.load(config, options()))
        .isInstanceOfSatisfying(
            ConfigException.class,
            e -> e.diagnostics().forEach(d -> shown.add(relative(d.toString()))));
    return shown;
  }

  /** Only the error diagnostics of a failing config. */
  List<String> errors(String yaml) {
    return diagnostics(yaml).stream().filter(d -> d.contains(": error: ")).toList();
  }

  /** Shows paths under the temporary folder relative to it, so that tests can state them. */
  String relative(String text) {
    String shown = text;
    try {
      shown = shown.replace(dir.toRealPath() + "/", "");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return shown.replace(dir + "/", "");
  }
}
