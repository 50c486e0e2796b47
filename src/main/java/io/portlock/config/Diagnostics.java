package io.portlock.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.Node;

/** Collects the findings of one load, in the order they are found. */
final class Diagnostics {
  private final Path configFile;
  private final List<Diagnostic> found = new ArrayList<>();
  private int errors;

  Diagnostics(Path configFile) {
    this.configFile = configFile;
  }

  /** The config file as the user named it: the path diagnostics show. */
  Path configFile() {
    return configFile;
  }

  void error(Node node, String message) {
    Mark mark = node.getStartMark();
    error(configFile, mark.getLine() + 1, mark.getColumn() + 1, message);
  }

  void warning(Node node, String message) {
    Mark mark = node.getStartMark();
    add(Diagnostic.warning(configFile, mark.getLine() + 1, mark.getColumn() + 1, message));
  }

  void error(Path file, int line, int column, String message) {
    add(Diagnostic.error(file, line, column, message));
  }

  void add(Diagnostic diagnostic) {
    if (diagnostic.severity() == Diagnostic.Severity.ERROR) {
      errors++;
    }
    found.add(diagnostic);
  }

  boolean hasErrors() {
    return errors > 0;
  }

  int errorCount() {
    return errors;
  }

  List<Diagnostic> all() {
    return List.copyOf(found);
  }

  List<Diagnostic> warnings() {
    return found.stream().filter(d -> d.severity() == Diagnostic.Severity.WARNING).toList();
  }

  /** {@code file:line:col}, how messages point at another place. */
  static String where(Path file, int line, int column) {
    return file + ":" + line + ":" + column;
  }

  String where(Node node) {
    Mark mark = node.getStartMark();
    return where(configFile, mark.getLine() + 1, mark.getColumn() + 1);
  }
}
