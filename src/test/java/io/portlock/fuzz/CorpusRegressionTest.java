package io.portlock.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import io.portlock.config.Config;
import io.portlock.config.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Replays the fuzz corpus ({@code src/test/resources/fuzz/corpus}): hand-made hostile inputs and
 * every case a fuzzer found, kept once fixed. A file named {@code valid-*} must load, {@code
 * error-*} must fail at a place; configs are loaded where they lie, numbers files ({@code
 * numbers/*.txt}) through a config naming them. To add a case, drop the file in.
 */
class CorpusRegressionTest {
  static final Path CORPUS = Path.of("src/test/resources/fuzz/corpus");

  @TempDir Path dir;

  static Stream<String> configs() throws IOException {
    return list(CORPUS, ".yaml");
  }

  static Stream<String> numbersFiles() throws IOException {
    return list(CORPUS.resolve("numbers"), ".txt");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("configs")
  void configEndsAsItsNameSays(String name) {
    Path config = CORPUS.resolve(name);

    expect(name, ConfigContract.check(config, ConfigContract.options(), name));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("numbersFiles")
  void numbersFileEndsAsItsNameSays(String name) throws IOException {
    Files.createDirectories(dir.resolve("numbers"));
    Files.copy(CORPUS.resolve("numbers").resolve(name), dir.resolve("numbers/hq.txt"));
    Path config = dir.resolve("portlock.yaml");
    Files.writeString(config, NumbersFileFuzzTest.CONFIG);

    expect(name, ConfigContract.check(config, ConfigContract.options(), name));
  }

  private static void expect(String name, Object outcome) {
    if (name.startsWith("valid-")) {
      assertThat(outcome).as(name).isInstanceOf(Config.class);
    } else {
      assertThat(outcome).as(name).isInstanceOf(ConfigException.class);
    }
  }

  private static Stream<String> list(Path folder, String suffix) throws IOException {
    try (Stream<Path> files = Files.list(folder)) {
      return files
          .map(f -> f.getFileName().toString())
          .filter(n -> n.endsWith(suffix))
          .sorted()
          .toList()
          .stream();
    }
  }
}
