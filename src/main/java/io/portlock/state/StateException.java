package io.portlock.state;

import java.nio.file.Path;

/** The state cannot be read or written; the message names the file and says how to recover. */
public final class StateException extends RuntimeException {
  private final Path path;

  public StateException(Path path, String message) {
    this(path, message, null);
  }

  public StateException(Path path, String message, Throwable cause) {
    super(path + ": " + message, cause);
    this.path = path;
  }

  public Path path() {
    return path;
  }
}
