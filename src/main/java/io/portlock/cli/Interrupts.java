package io.portlock.cli;

import io.portlock.apply.Cancellation;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * SIGINT (Ctrl-C) and SIGTERM while apply runs orders, as a CI cancel sends them: the first cancels
 * the apply (no new order, the ones at Bandwidth followed for the grace period); a second one stops
 * at once. Closing puts the JVM's own handlers back.
 *
 * <p>{@code sun.misc.Signal} (module jdk.unsupported, kept for this use by JEP 260) because Java
 * has no public API for it: a shutdown hook runs only once the JVM is already exiting, cannot
 * choose the exit code, and a second signal during shutdown is ignored rather than heard.
 */
final class Interrupts implements AutoCloseable {
  static final List<String> SIGNALS = List.of("INT", "TERM");

  private final List<Signal> signals = new ArrayList<>();
  private final List<SignalHandler> previous = new ArrayList<>();

  private Interrupts() {}

  /**
   * Hears SIGINT and SIGTERM until closed.
   *
   * @param first told the signal's name ("SIGINT") once the cancellation took it
   * @param second told the name of a signal that came after the first; it should stop at once
   */
  static Interrupts install(
      Cancellation cancellation, Consumer<String> first, Consumer<String> second) {
    Interrupts interrupts = new Interrupts();
    SignalHandler handler =
        signal -> {
          String name = "SIG" + signal.getName();
          if (cancellation.cancel(name)) {
            first.accept(name);
          } else {
            second.accept(name);
          }
        };
    for (String name : SIGNALS) {
      Signal signal = new Signal(name);
      interrupts.previous.add(Signal.handle(signal, handler));
      interrupts.signals.add(signal);
    }
    return interrupts;
  }

  /** 130 after SIGINT, 143 after SIGTERM: 128 plus the signal's number, as shells report it. */
  static int exitCode(String signal) {
    return "SIGTERM".equals(signal) ? ExitCodes.TERMINATED : ExitCodes.INTERRUPTED;
  }

  @Override
  public void close() {
    for (int i = 0; i < signals.size(); i++) {
      Signal.handle(signals.get(i), previous.get(i));
    }
  }
}
