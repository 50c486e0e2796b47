package io.portlock.cli;

import java.io.BufferedReader;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;

/**
 * What a command may touch of the outside world: its streams, the environment, the working
 * folder and whether a person is at a terminal. Tests pass their own.
 */
public record Terminal(
    PrintStream out, PrintStream err, BufferedReader in, Map<String, String> env, Path workDir,
    boolean interactive) {

  /** Colour only on a terminal, never with NO_COLOR set (no-color.org) or in dumb terminals. */
  public boolean colorByDefault() {
    return interactive && !env.containsKey("NO_COLOR") && !"dumb".equals(env.get("TERM"));
  }
}
