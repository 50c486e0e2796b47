package io.portlock.cli;

import java.util.List;

/**
 * One portlock command: parses its arguments, calls a use case of the engine, renders what it
 * returns, and gives an exit code. Failures are exceptions, which {@link Main} maps to exit codes.
 */
interface Command {
  int run(List<String> args);
}
