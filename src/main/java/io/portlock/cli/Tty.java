package io.portlock.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Whether standard input is a terminal, so that apply can ask for "yes" also when its output goes
 * to a pipe ({@code portlock apply | tee apply.log}). {@code System.console()} is null then,
 * because it needs both stdin and stdout to be terminals, and Java 17 has no isatty ({@code
 * Console.isTerminal()} came in Java 22). So: on Linux, the device that {@code /proc/self/fd/0}
 * links to; elsewhere, {@code test -t 0} run on the same stdin.
 */
final class Tty {
  private Tty() {}

  static boolean stdinIsTerminal() {
    Optional<String> device = linkOfStdin();
    return device.isPresent() ? isTerminalDevice(device.get()) : testDashT0();
  }

  /** {@code /dev/pts/3}, {@code /dev/tty1}: a terminal; a pipe, socket, file or /dev/null: not. */
  static boolean isTerminalDevice(String path) {
    return path.startsWith("/dev/pts/")
        || path.startsWith("/dev/tty")
        || path.equals("/dev/console");
  }

  private static Optional<String> linkOfStdin() {
    try {
      return Optional.of(Files.readSymbolicLink(Path.of("/proc/self/fd/0")).toString());
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      return Optional.empty(); // no /proc (macOS, BSD)
    }
  }

  private static boolean testDashT0() {
    try {
      Process test =
          new ProcessBuilder("sh", "-c", "test -t 0")
              .redirectInput(ProcessBuilder.Redirect.INHERIT)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .redirectError(ProcessBuilder.Redirect.DISCARD)
              .start();
      return test.waitFor() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
