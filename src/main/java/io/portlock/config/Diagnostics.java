package io.portlock.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Collects the findings of one load and hands them out in file order: a finding in the config by
 * its own place, a finding in another file (a numbers file) by the place in the config that named
 * that file.
 */
final class Diagnostics {
  private static final long END = Long.MAX_VALUE;

  private final Path configFile;
  private final List<Diagnostic> found = new ArrayList<>();
  private final List<Long> order = new ArrayList<>();
  private long anchor = 0;
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
    order.add(
        anchor == END || !diagnostic.file().equals(configFile)
            ? anchor
            : key(diagnostic.line(), diagnostic.column()));
  }

  /**
   * Findings in other files made from now on sort at {@code node}'s place; with null, every finding
   * made from now on (in any file) comes at the end, in the order it is made.
   */
  void anchorAt(Node node) {
    anchor =
        node == null
            ? END
            : key(node.getStartMark().getLine() + 1, node.getStartMark().getColumn() + 1);
  }

  private static long key(int line, int column) {
    return ((long) line << 32) | column;
  }

  boolean hasErrors() {
    return errors > 0;
  }

  int errorCount() {
    return errors;
  }

  /** Every finding, in file order (a stable sort keeps a place's findings in found order). */
  List<Diagnostic> all() {
    Integer[] indexes = new Integer[found.size()];
    for (int i = 0; i < indexes.length; i++) {
      indexes[i] = i;
    }
    Arrays.sort(indexes, Comparator.comparing(order::get));
    List<Diagnostic> sorted = new ArrayList<>(indexes.length);
    for (Integer i : indexes) {
      sorted.add(found.get(i));
    }
    return sorted;
  }

  List<Diagnostic> warnings() {
    return all().stream().filter(d -> d.severity() == Diagnostic.Severity.WARNING).toList();
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
