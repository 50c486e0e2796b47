package io.portlock.cli;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Runs portlock's {@code Main} in-process in a folder, with its own environment and streams. */
final class CliHarness {
  final Path dir;
  final Map<String, String> env = new HashMap<>();
  String stdin = "";
  boolean interactive;

  /** Whether stdin is a terminal; null: as {@link #interactive}. */
  Boolean promptable;

  /** The commands' clock: a fixed one lets a test stand on either side of a date. */
  Clock clock = Clock.systemUTC();

  CliHarness(Path dir) {
    this.dir = dir;
  }

  /** The outcome of one run. */
  record Result(int exitCode, String out, String err) {
    String all() {
      return out + err;
    }
  }

  Result run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Terminal terminal =
        new Terminal(
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            new BufferedReader(new StringReader(stdin)),
            Map.copyOf(env),
            dir,
            interactive,
            promptable == null ? interactive : promptable,
            clock);
    int code = new Main(terminal).run(args);
    return new Result(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  Path write(String relative, String text) {
    try {
      Path file = dir.resolve(relative);
      Files.createDirectories(file.getParent());
      Files.writeString(file, text);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every file below the folder, with its text, for leak checks. */
  Map<Path, String> files() {
    try (Stream<Path> paths = Files.walk(dir)) {
      Map<Path, String> all = new HashMap<>();
      for (Path p : paths.filter(Files::isRegularFile).toList()) {
        all.put(dir.relativize(p), new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1));
      }
      return all;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<String> lines(String text) {
    return text.lines().toList();
  }
}
