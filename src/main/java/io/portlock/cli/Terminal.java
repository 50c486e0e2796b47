package io.portlock.cli;

import java.io.BufferedReader;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/**
 * What a command may touch of the outside world: its streams, the environment, the working folder,
 * whether a person is at a terminal, and the clock (for dates such as the end of Bandwidth's
 * username/password users). Tests pass their own.
 *
 * @param interactive stdout is a terminal: colour, a progress bar
 * @param promptable stdin is a terminal: a person can answer apply's question, also when stdout
 *     goes to a pipe
 */
public record Terminal(
    PrintStream out,
    PrintStream err,
    BufferedReader in,
    Map<String, String> env,
    Path workDir,
    boolean interactive,
    boolean promptable,
    Clock clock) {

  /** A terminal on the system clock. */
  public Terminal(
      PrintStream out,
      PrintStream err,
      BufferedReader in,
      Map<String, String> env,
      Path workDir,
      boolean interactive,
      boolean promptable) {
    this(out, err, in, env, workDir, interactive, promptable, Clock.systemUTC());
  }

  /** A terminal whose stdin is a terminal exactly when its stdout is, on the system clock. */
  public Terminal(
      PrintStream out,
      PrintStream err,
      BufferedReader in,
      Map<String, String> env,
      Path workDir,
      boolean interactive) {
    this(out, err, in, env, workDir, interactive, interactive);
  }

  /** Colour only on a terminal, never with NO_COLOR set (no-color.org) or in dumb terminals. */
  public boolean colorByDefault() {
    return interactive && !env.containsKey("NO_COLOR") && !"dumb".equals(env.get("TERM"));
  }
}
