package io.portlock.config;

import java.nio.file.Path;

/**
 * Reports the first errors of one source and then only how many more there were, so that a garbage
 * file of millions of lines yields a readable report and bounded memory.
 */
final class CappedErrors implements NumberEntry.Errors {
  static final int LIMIT = 20;

  private final Diagnostics out;
  private final Path file;
  private final String prefix;
  private final String source;
  private int count;
  private int firstHiddenLine;
  private int firstHiddenColumn;

  /**
   * @param prefix put before each message, such as "group 'hq': "
   * @param source how the summary names the source, such as "this file"
   */
  CappedErrors(Diagnostics out, Path file, String prefix, String source) {
    this.out = out;
    this.file = file;
    this.prefix = prefix;
    this.source = source;
  }

  @Override
  public void error(int line, int column, String message) {
    count++;
    if (count <= LIMIT) {
      out.error(file, line, column, prefix + message);
    } else if (count == LIMIT + 1) {
      firstHiddenLine = line;
      firstHiddenColumn = column;
    }
  }

  boolean any() {
    return count > 0;
  }

  /** Adds the summary of the errors not shown, if any. */
  void finish() {
    int hidden = count - LIMIT;
    if (hidden > 0) {
      out.error(
          file,
          firstHiddenLine,
          firstHiddenColumn,
          prefix
              + "... and "
              + hidden
              + " more error"
              + (hidden == 1 ? "" : "s")
              + " in "
              + source
              + " (not shown)");
    }
  }
}
