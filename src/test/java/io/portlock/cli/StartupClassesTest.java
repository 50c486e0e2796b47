package io.portlock.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a command sets up before it needs it is start-up time: a fresh JVM runs the command and its
 * class-loading log shows which libraries it touched.
 */
class StartupClassesTest {
  @TempDir Path dir;

  /** Runs portlock's Main in a fresh JVM in {@code dir}; returns the names of loaded classes. */
  private List<String> loadedClasses(String... args) throws IOException, InterruptedException {
    Path log = dir.resolve("classes.log");
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xshare:off",
                "-Xlog:class+load=info:file=" + log,
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName()));
    command.addAll(List.of(args));
    Process process =
        new ProcessBuilder(command)
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("out.txt").toFile())
            .start();
    assertThat(process.waitFor(2, TimeUnit.MINUTES)).as("finished").isTrue();
    assertThat(process.exitValue()).as(Files.readString(dir.resolve("out.txt"))).isZero();
    List<String> classes = new ArrayList<>();
    for (String line : Files.readAllLines(log)) {
      String[] fields = line.split(" ");
      if (fields.length > 1) {
        classes.add(fields[1]);
      }
    }
    return classes;
  }

  /** The first few loaded classes of these packages. */
  private static List<String> from(List<String> classes, String... prefixes) {
    return classes.stream()
        .filter(c -> List.of(prefixes).stream().anyMatch(c::startsWith))
        .limit(5)
        .toList();
  }

  @Test
  void validateSetsUpNeitherJacksonDatabindNorVertx() throws Exception {
    Files.copy(Path.of("examples", "quickstart.yaml"), dir.resolve("portlock.yaml"));

    List<String> classes = loadedClasses("validate");

    assertThat(classes).contains(Main.class.getName());
    assertThat(from(classes, "com.fasterxml.jackson.databind.", "io.vertx.", "io.netty."))
        .isEmpty();
  }

  @Test
  void planWithoutRefreshSetsUpNoVertxAndNoXml() throws Exception {
    Files.copy(Path.of("examples", "quickstart.yaml"), dir.resolve("portlock.yaml"));

    List<String> classes = loadedClasses("plan", "--refresh=false", "--no-color");

    assertThat(classes).contains("io.portlock.plan.Planner");
    assertThat(from(classes, "io.vertx.", "io.netty.", "com.fasterxml.jackson.dataformat.xml."))
        .isEmpty();
  }
}
