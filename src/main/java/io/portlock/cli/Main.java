package io.portlock.cli;

import io.portlock.bandwidth.BandwidthException;
import io.portlock.config.ConfigException;
import io.portlock.config.Diagnostic;
import io.portlock.engine.RefusedException;
import io.portlock.engine.UseCaseException;
import io.portlock.state.LockHeldException;
import io.portlock.state.StateException;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntConsumer;
import java.util.function.Supplier;

/**
 * portlock's command line: picks the command, runs it, and turns every failure into a message and
 * an exit code. Only {@link #main} calls {@code System.exit}; tests call {@link #run}.
 */
public final class Main {
  static final String USAGE =
      String.join(
          "\n",
          "Usage: portlock <command> [options]",
          "",
          "Commands:",
          "  validate      check the config, its secrets and numbers",
          "  plan          show the changes that would make Bandwidth match the config",
          "  show FILE     render a saved plan",
          "  apply [FILE]  make the changes (a saved plan, or a fresh one after a yes)",
          "  refresh       update the state from what Bandwidth holds, changing nothing there",
          "  import        write a config and state from the passcodes Bandwidth holds",
          "  coverage      sort every number of the account: managed, protected, unprotected, ineligible",
          "  state         list, show or forget managed numbers (state list|show|rm)",
          "  force-unlock  clear a lock record left behind",
          "  sandbox       run a local Bandwidth for trying portlock without an account",
          "",
          "Common options: -c/--config FILE, --state FILE, --no-color, --debug, -h/--help, --version",
          "Run 'portlock <command> --help' for a command's options.");

  /** Made before anything can run out, for when nothing more can be made. */
  private static final String OUT_OF_MEMORY =
      "Error: portlock ran out of memory; nothing more"
          + " was sent. Give Java more heap through PORTLOCK_JAVA_OPTS, for example"
          + " PORTLOCK_JAVA_OPTS=-Xmx4g bin/portlock ..., and run again";

  private final Terminal terminal;
  private final AtomicBoolean jvmErrorReported = new AtomicBoolean();

  public Main(Terminal terminal) {
    this.terminal = terminal;
    Logging.silenceLibraries();
  }

  public static void main(String[] args) {
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    PrintStream err = new PrintStream(System.err, true, StandardCharsets.UTF_8);
    BufferedReader in =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    Terminal terminal =
        new Terminal(
            out,
            err,
            in,
            System.getenv(),
            Path.of("").toAbsolutePath(),
            System.console() != null,
            Tty.stdinIsTerminal());
    Main main = new Main(terminal);
    Thread.setDefaultUncaughtExceptionHandler(
        main.uncaughtExceptions(
            Arrays.asList(args).contains("--debug"),
            code -> {
              out.flush();
              err.flush();
              Runtime.getRuntime().halt(code);
            }));
    int code = main.run(args);
    out.flush();
    err.flush();
    System.exit(code);
  }

  /**
   * For threads whose end nobody waits for (the KDF warm-up, a library's own): the JVM would print
   * their failure as a stack trace. A JVM error there ends the run with the same one line as on the
   * main thread, since the heap or stack is as short for the rest of it; any other failure is one
   * line, and the trace only under {@code --debug}.
   *
   * @param halt ends the process with an exit code, without waiting for the other threads
   */
  Thread.UncaughtExceptionHandler uncaughtExceptions(boolean debug, IntConsumer halt) {
    return (thread, e) -> {
      Error jvm = e instanceof Error error ? error : jvmErrorIn(e);
      if (jvm != null) {
        reportJvmError(jvm, debug);
        trace(debug, e);
        halt.accept(ExitCodes.ERROR);
        return;
      }
      terminal
          .err()
          .println(
              "Error: portlock failed unexpectedly on thread "
                  + thread.getName()
                  + " ("
                  + e.getClass().getName()
                  + "); "
                  + (debug ? "report it" : "run again with --debug for details, and report it"));
      trace(debug, e);
    };
  }

  /**
   * Prints the line for a JVM error once: the main thread and another one may both run out. Falls
   * back to a line made in advance when even the message cannot be made.
   */
  private void reportJvmError(Error e, boolean debug) {
    if (!jvmErrorReported.compareAndSet(false, true)) {
      return;
    }
    String line;
    try {
      line = "Error: " + jvmError(e, debug);
    } catch (Error again) {
      line = OUT_OF_MEMORY;
    }
    terminal.err().println(line);
  }

  /** Runs one command line and returns its exit code. */
  public int run(String... args) {
    boolean debug = Arrays.asList(args).contains("--debug");
    try {
      return dispatch(args);
    } catch (UsageException | UseCaseException e) {
      terminal.err().println("Error: " + e.getMessage());
      return ExitCodes.ERROR;
    } catch (ConfigException e) {
      for (Diagnostic d : e.diagnostics()) {
        terminal.err().println(d);
      }
      long errors =
          e.diagnostics().stream().filter(d -> d.severity() == Diagnostic.Severity.ERROR).count();
      terminal
          .err()
          .println(
              errors
                  + (errors == 1 ? " error" : " errors")
                  + " in the configuration; nothing was changed.");
      trace(debug, e);
      return ExitCodes.ERROR;
    } catch (RefusedException e) {
      terminal.err().println("Refused: " + e.getMessage());
      return ExitCodes.REFUSED;
    } catch (StateException | LockHeldException | BandwidthException e) {
      terminal.err().println("Error: " + e.getMessage());
      trace(debug, e);
      return ExitCodes.ERROR;
    } catch (RuntimeException e) {
      Error jvm = jvmErrorIn(e);
      if (jvm != null) {
        reportJvmError(jvm, debug);
      } else {
        terminal
            .err()
            .println(
                "Error: portlock failed unexpectedly: "
                    + e
                    + (debug ? "" : " (run again with --debug for details, and report it)"));
      }
      trace(debug, e);
      return ExitCodes.ERROR;
    } catch (Error e) {
      reportJvmError(e, debug);
      trace(debug, e);
      return ExitCodes.ERROR;
    }
  }

  /** An Error that ended another thread (the state read, say) and reached here as a cause. */
  private static Error jvmErrorIn(Throwable e) {
    for (Throwable t = e.getCause(); t != null && t != t.getCause(); t = t.getCause()) {
      if (t instanceof Error error) {
        return error;
      }
    }
    return null;
  }

  /** One line for a JVM error; its message is the JVM's own, never data. */
  static String jvmError(Error e, boolean debug) {
    if (e instanceof OutOfMemoryError) {
      return "portlock ran out of memory ("
          + (e.getMessage() == null ? "OutOfMemoryError" : e.getMessage())
          + "); nothing more was sent. Give Java more heap through"
          + " PORTLOCK_JAVA_OPTS, for example PORTLOCK_JAVA_OPTS=-Xmx4g bin/portlock ..., and run"
          + " again";
    }
    if (e instanceof StackOverflowError) {
      return "portlock ran out of stack (StackOverflowError); nothing more was sent. Run again"
          + " with PORTLOCK_JAVA_OPTS=-Xss8m"
          + (debug ? ", and report it" : " and --debug, and" + " report it");
    }
    return "the Java runtime failed ("
        + e.getClass().getSimpleName()
        + "); nothing more was"
        + " sent"
        + (debug ? "; report it" : "; run again with --debug for details, and report" + " it");
  }

  private int dispatch(String[] args) {
    if (args.length == 0) {
      terminal.err().println(USAGE);
      return ExitCodes.ERROR;
    }
    String name = args[0];
    if (List.of("-h", "--help", "help").contains(name)) {
      terminal.out().println(USAGE);
      return ExitCodes.OK;
    }
    if (List.of("--version", "version").contains(name)) {
      terminal.out().println("portlock " + version());
      return ExitCodes.OK;
    }
    Map<String, Supplier<Command>> commands = Commands.of(terminal);
    Supplier<Command> command = commands.get(name);
    if (command == null) {
      throw new UsageException(
          "unknown command '"
              + name
              + "'; expected one of "
              + String.join(", ", commands.keySet())
              + " (see portlock --help)");
    }
    return command.get().run(Arrays.asList(args).subList(1, args.length));
  }

  static String version() {
    String version = Main.class.getPackage().getImplementationVersion();
    return version == null ? "development" : version;
  }

  private void trace(boolean debug, Throwable e) {
    if (debug) {
      terminal.err().print(Traces.format(e));
    }
  }
}
