package io.portlock.chaos;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One portlock command run as a separate JVM, as a user would run it, with its output in {@code
 * logs/NNN-label.out} and {@code .err}; killed with SIGKILL, never asked to stop.
 */
final class Child {
  /** A small heap and the serial collector: many short-lived JVMs on a machine with few cores. */
  private static final List<String> JVM_OPTIONS = List.of("-Xmx256m", "-XX:+UseSerialGC");

  final String label;
  final Path out;
  final Path err;
  private final Process process;
  private final long startNanos;
  private boolean killed;

  private Child(String label, Path out, Path err, Process process) {
    this.label = label;
    this.out = out;
    this.err = err;
    this.process = process;
    this.startNanos = System.nanoTime();
  }

  /** Starts {@code java -jar JAR ARGS…} in {@code dir} with {@code env} added to ours. */
  static Child start(Path jar, Path dir, Map<String, String> env, String label, List<String> args) {
    Path logs = dir.resolve("logs");
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(JVM_OPTIONS);
    command.add("-jar");
    command.add(jar.toString());
    command.addAll(args);
    try {
      Files.createDirectories(logs);
      Path out = logs.resolve(label + ".out");
      Path err = logs.resolve(label + ".err");
      ProcessBuilder builder =
          new ProcessBuilder(command)
              .directory(dir.toFile())
              .redirectOutput(out.toFile())
              .redirectError(err.toFile())
              .redirectInput(ProcessBuilder.Redirect.from(devNull()));
      builder.environment().putAll(env);
      return new Child(label, out, err, builder.start());
    } catch (IOException e) {
      throw new UncheckedIOException("could not start " + String.join(" ", command), e);
    }
  }

  private static java.io.File devNull() {
    return new java.io.File(
        System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
  }

  long pid() {
    return process.pid();
  }

  boolean isAlive() {
    return process.isAlive();
  }

  boolean killed() {
    return killed;
  }

  Duration elapsed() {
    return Duration.ofNanos(System.nanoTime() - startNanos);
  }

  /** Waits until the process ends or {@code timeout} passes; true when it ended. */
  boolean awaitExit(Duration timeout) {
    try {
      return process.waitFor(Math.max(0, timeout.toMillis()), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      kill();
      throw new IllegalStateException("interrupted while waiting for " + label, e);
    }
  }

  /** SIGKILL (on Linux {@code destroyForcibly} sends it): no shutdown hook, no last write. */
  void kill() {
    if (process.isAlive()) {
      killed = true;
      process.destroyForcibly();
    }
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        throw new IllegalStateException(label + " (pid " + pid() + ") survived SIGKILL for 30 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while killing " + label, e);
    }
  }

  /** The exit code; call once the process ended. 137 after SIGKILL. */
  int exitCode() {
    return process.exitValue();
  }

  String stderr() {
    return read(err);
  }

  String stdout() {
    return read(out);
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }
}
