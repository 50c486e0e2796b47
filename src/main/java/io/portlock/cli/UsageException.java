package io.portlock.cli;

/** The command line is wrong; the message says what and how to fix it. Exit 1. */
public final class UsageException extends RuntimeException {
  public UsageException(String message) {
    super(message);
  }
}
