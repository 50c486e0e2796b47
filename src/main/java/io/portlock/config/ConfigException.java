package io.portlock.config;

import java.util.List;
import java.util.stream.Collectors;

/** The config cannot be used; carries every error found, each with file, line and column. */
public final class ConfigException extends RuntimeException {
  private final List<Diagnostic> diagnostics;

  public ConfigException(List<Diagnostic> diagnostics) {
    super(diagnostics.stream().map(Diagnostic::toString).collect(Collectors.joining("\n")));
    this.diagnostics = List.copyOf(diagnostics);
  }

  public List<Diagnostic> diagnostics() {
    return diagnostics;
  }
}
