package io.portlock.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.AbstractMap;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A JVM {@code Error} ends as one clear line; library logging never reaches the user. */
class JvmErrorsTest {
  @TempDir Path dir;

  /** Whether the Error comes wrapped, as from another thread. */
  private boolean wrapped;

  /** An environment that runs out of memory when read, as a huge config would. */
  private final class ExhaustedEnvironment extends AbstractMap<String, String> {
    private RuntimeException orThrow() {
      OutOfMemoryError error = new OutOfMemoryError("Java heap space");
      if (wrapped) {
        return new java.util.concurrent.CompletionException(error);
      }
      throw error;
    }

    @Override
    public Set<Map.Entry<String, String>> entrySet() {
      throw orThrow();
    }

    @Override
    public String get(Object key) {
      throw orThrow();
    }

    @Override
    public boolean containsKey(Object key) {
      throw orThrow();
    }
  }

  private String[] run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    new CliHarness(dir).write("portlock.yaml", "version: 1\n");
    Terminal terminal =
        new Terminal(
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            new BufferedReader(new StringReader("")),
            new ExhaustedEnvironment(),
            dir,
            false);
    int code = new Main(terminal).run(args);
    return new String[] {
      Integer.toString(code),
      out.toString(StandardCharsets.UTF_8),
      err.toString(StandardCharsets.UTF_8)
    };
  }

  @Test
  void outOfMemoryEndsAsOneLineThatSaysHowToRaiseTheHeap() {
    String[] result = run("validate");

    assertThat(result[0]).isEqualTo(Integer.toString(ExitCodes.ERROR));
    assertThat(result[2])
        .isEqualTo(
            "Error: portlock ran out of memory (Java heap space); nothing"
                + " more was sent. Give Java more heap through PORTLOCK_JAVA_OPTS, for example"
                + " PORTLOCK_JAVA_OPTS=-Xmx4g bin/portlock ..., and run again\n");
  }

  @Test
  void theTraceOfAJvmErrorIsShownOnlyUnderDebug() {
    String[] result = run("validate", "--debug");

    assertThat(result[2])
        .startsWith("Error: portlock ran out of memory (Java heap space)")
        .contains("java.lang.OutOfMemoryError: Java heap space\n\tat ");
  }

  @Test
  void anOutOfMemoryErrorOnAnotherThreadEndsAsTheSameLine() {
    // The state is read on another thread while the config loads: a state too large for the
    // heap fails there, and reaches Main wrapped.
    wrapped = true;

    String[] result = run("validate");

    assertThat(result[0]).isEqualTo(Integer.toString(ExitCodes.ERROR));
    assertThat(result[2])
        .startsWith("Error: portlock ran out of memory (Java heap space); nothing more was sent.")
        .doesNotContain("CompletionException");
  }

  /** What a thread nobody waits for (the KDF warm-up, say) leaves when it dies of {@code e}. */
  private String[] dieOnAnotherThread(Throwable e, boolean debug) throws InterruptedException {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Terminal terminal =
        new Terminal(
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            new BufferedReader(new StringReader("")),
            Map.of(),
            dir,
            false);
    int[] halted = {-1};
    Thread thread =
        new Thread(
            () -> {
              if (e instanceof Error error) {
                throw error;
              }
              throw (RuntimeException) e;
            },
            "portlock-kdf-warm-up");
    thread.setUncaughtExceptionHandler(
        new Main(terminal).uncaughtExceptions(debug, code -> halted[0] = code));
    thread.start();
    thread.join();
    return new String[] {Integer.toString(halted[0]), err.toString(StandardCharsets.UTF_8)};
  }

  @Test
  void outOfMemoryOnAThreadNobodyWaitsForEndsTheRunWithTheSameLine() throws Exception {
    String[] result = dieOnAnotherThread(new OutOfMemoryError("Java heap space"), false);

    assertThat(result[0]).isEqualTo(Integer.toString(ExitCodes.ERROR));
    assertThat(result[1])
        .isEqualTo(
            "Error: portlock ran out of memory (Java heap space); nothing"
                + " more was sent. Give Java more heap through PORTLOCK_JAVA_OPTS, for example"
                + " PORTLOCK_JAVA_OPTS=-Xmx4g bin/portlock ..., and run again\n");
  }

  @Test
  void aFailureOnAThreadNobodyWaitsForIsOneLineAndItsTraceOnlyUnderDebug() throws Exception {
    String[] quiet =
        dieOnAnotherThread(new IllegalStateException("a message that may hold data"), false);
    String[] debug =
        dieOnAnotherThread(new IllegalStateException("a message that may hold data"), true);

    assertThat(quiet[0]).as("not halted").isEqualTo("-1");
    assertThat(quiet[1])
        .isEqualTo(
            "Error: portlock failed unexpectedly on thread"
                + " portlock-kdf-warm-up (java.lang.IllegalStateException); run again with --debug for"
                + " details, and report it\n");
    assertThat(debug[1])
        .startsWith(
            "Error: portlock failed unexpectedly on thread"
                + " portlock-kdf-warm-up (java.lang.IllegalStateException); report it\n")
        .contains("\tat ");
  }

  @Test
  void vertxAndNettyLogRecordsReachNoHandler() {
    run("--version");

    for (String name :
        new String[] {
          "io.vertx.core.impl.ContextImpl", "io.netty.channel.DefaultChannelPipeline"
        }) {
      Logger logger = Logger.getLogger(name);
      boolean handled = false;
      for (Logger l = logger; l != null; l = l.getUseParentHandlers() ? l.getParent() : null) {
        handled |= l.getHandlers().length > 0 && logger.isLoggable(Level.SEVERE);
      }
      assertThat(handled).as(name).isFalse();
    }
  }
}
