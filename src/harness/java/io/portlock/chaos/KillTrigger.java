package io.portlock.chaos;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.Objects;
import java.util.Random;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * When to kill an apply, drawn from the seeded random so that kills spread over the moments that
 * matter: a random time after start (often while the JVM starts or plans), right after the k-th
 * state write (a journal entry just written, its order about to be sent, or a result just
 * recorded), or a random time after one of its orders reached Bandwidth (while it polls, or after
 * the order ended but before the result is written).
 */
final class KillTrigger {
  /** A trigger that never fires is a hung apply: it is killed anyway after this. */
  private static final Duration CEILING = Duration.ofSeconds(60);

  private static final long POLL_MILLIS = 3;

  enum Kind {
    TIMED("timed"),
    AFTER_STATE_WRITE("after state write"),
    WHILE_AT_BANDWIDTH("while an order is at Bandwidth");

    final String description;

    Kind(String description) {
      this.description = description;
    }
  }

  private final Kind kind;
  private final Duration delay;
  private final int writes;

  private KillTrigger(Kind kind, Duration delay, int writes) {
    this.kind = kind;
    this.delay = delay;
    this.writes = writes;
  }

  static KillTrigger draw(Random random, ChaosOptions options) {
    Kind kind = Kind.values()[random.nextInt(Kind.values().length)];
    return switch (kind) {
      case TIMED ->
          new KillTrigger(kind, between(random, options.killAfterMin(), options.killAfterMax()), 0);
      case AFTER_STATE_WRITE ->
          new KillTrigger(
              kind, between(random, Duration.ZERO, Duration.ofMillis(50)), 1 + random.nextInt(8));
      case WHILE_AT_BANDWIDTH ->
          new KillTrigger(
              kind, between(random, Duration.ZERO, options.processingMax().plusSeconds(1)), 0);
    };
  }

  private static Duration between(Random random, Duration min, Duration max) {
    long span = max.toMillis() - min.toMillis();
    return min.plusMillis(span <= 0 ? 0 : (long) (random.nextDouble() * (span + 1)));
  }

  /**
   * Waits for the moment to kill; false when the apply ended first.
   *
   * @param receivedOrders how many orders the sandbox has accepted so far
   */
  boolean await(Child child, Supplier<Object> stateVersion, IntSupplier receivedOrders) {
    long ceiling = System.nanoTime() + CEILING.toNanos();
    switch (kind) {
      case TIMED -> {
        return !child.awaitExit(delay);
      }
      case AFTER_STATE_WRITE -> {
        Object last = stateVersion.get();
        int seen = 0;
        while (seen < writes && System.nanoTime() < ceiling) {
          if (child.awaitExit(Duration.ofMillis(POLL_MILLIS))) {
            return false;
          }
          Object now = stateVersion.get();
          if (!Objects.equals(now, last)) {
            seen++;
            last = now;
          }
        }
      }
      case WHILE_AT_BANDWIDTH -> {
        int before = receivedOrders.getAsInt();
        while (receivedOrders.getAsInt() == before && System.nanoTime() < ceiling) {
          if (child.awaitExit(Duration.ofMillis(POLL_MILLIS))) {
            return false;
          }
        }
      }
    }
    return !child.awaitExit(delay);
  }

  /**
   * A commit appends a line to the journal (its size grows) or writes the state file anew (a new
   * file key): either changes this.
   */
  static Object identity(Path file) {
    try {
      BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
      return (a.fileKey() != null ? a.fileKey() : a.lastModifiedTime()) + "/" + a.size();
    } catch (NoSuchFileException e) {
      return "none";
    } catch (IOException e) {
      return e.getClass().getSimpleName();
    }
  }

  @Override
  public String toString() {
    return switch (kind) {
      case TIMED -> kind.description + " " + ChaosReport.seconds(delay);
      case AFTER_STATE_WRITE -> kind.description + " " + writes + " + " + delay.toMillis() + " ms";
      case WHILE_AT_BANDWIDTH -> kind.description + " + " + ChaosReport.seconds(delay);
    };
  }
}
