package io.portlock.config;

import java.nio.file.Path;

/** A place in a file (1-based line and column), written {@code file:line:col}. */
record Place(Path file, int line, int column) {
  @Override
  public String toString() {
    return Diagnostics.where(file, line, column);
  }
}
