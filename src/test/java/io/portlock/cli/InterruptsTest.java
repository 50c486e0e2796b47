package io.portlock.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.portlock.apply.Cancellation;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Real signals raised at this JVM while the handlers are installed (the IT does it from outside).
 */
class InterruptsTest {
  private final BlockingQueue<String> heard = new LinkedBlockingQueue<>();

  private String next() throws InterruptedException {
    String signal = heard.poll(60, TimeUnit.SECONDS); // only catches a signal never delivered
    assertThat(signal).as("a signal was heard").isNotNull();
    return signal;
  }

  @Test
  void theFirstSignalCancelsTheSecondStopsAndClosingRestoresTheJvmsHandlers() throws Exception {
    Signal sigint = new Signal("INT");
    SignalHandler before = Signal.handle(sigint, SignalHandler.SIG_DFL);
    Signal.handle(sigint, before);
    Cancellation cancellation = new Cancellation(Clock.systemUTC(), Duration.ofSeconds(60));

    try (Interrupts interrupts =
        Interrupts.install(
            cancellation, s -> heard.add("first " + s), s -> heard.add("second " + s))) {
      Signal.raise(sigint);
      assertThat(next()).isEqualTo("first SIGINT");
      assertThat(cancellation.cancelled())
          .hasValueSatisfying(c -> assertThat(c.reason()).isEqualTo("SIGINT"));

      Signal.raise(new Signal("TERM"));
      assertThat(next()).isEqualTo("second SIGTERM");
    }

    // sun.misc wraps the JVM's handler anew on every call: compare what it wraps.
    assertThat(Signal.handle(sigint, before)).hasToString(before.toString());
  }

  @Test
  void exitCodesAre128PlusTheSignalNumber() {
    assertThat(Interrupts.exitCode("SIGINT")).isEqualTo(130);
    assertThat(Interrupts.exitCode("SIGTERM")).isEqualTo(143);
  }
}
