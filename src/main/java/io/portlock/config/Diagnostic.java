package io.portlock.config;

import java.nio.file.Path;

/**
 * A finding about a file at a line and column (1-based), printed the way compilers do: {@code
 * portlock.yaml:12:7: error: message}.
 */
public record Diagnostic(Path file, int line, int column, Severity severity, String message) {

  /** How serious a finding is. */
  public enum Severity {
    ERROR,
    WARNING;

    String label() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  public static Diagnostic error(Path file, int line, int column, String message) {
    return new Diagnostic(file, line, column, Severity.ERROR, message);
  }

  public static Diagnostic warning(Path file, int line, int column, String message) {
    return new Diagnostic(file, line, column, Severity.WARNING, message);
  }

  @Override
  public String toString() {
    return file + ":" + line + ":" + column + ": " + severity.label() + ": " + message;
  }
}
