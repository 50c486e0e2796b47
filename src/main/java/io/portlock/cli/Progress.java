package io.portlock.cli;

import io.portlock.apply.ApplyListener;
import io.portlock.bandwidth.NumberWarning;
import io.portlock.bandwidth.OrderStatus;
import io.portlock.domain.Plural;
import java.io.PrintStream;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Apply's progress: a bar redrawn in place on a terminal (orders and numbers done, elapsed, rate),
 * plain lines otherwise (CI logs), at most one every few seconds plus one per order end.
 */
final class Progress implements ApplyListener {
  private static final long PLAIN_INTERVAL_NANOS = 5_000_000_000L;

  private final PrintStream out;
  private final boolean bar;
  private final int totalOrders;
  private final long totalNumbers;
  private final long start = System.nanoTime();
  private final AtomicInteger ordersDone = new AtomicInteger();
  private final AtomicLong numbersDone = new AtomicLong();
  private final AtomicLong lastPlain = new AtomicLong(System.nanoTime());
  private boolean stopped;

  Progress(PrintStream out, boolean bar, int totalOrders, long totalNumbers) {
    this.out = out;
    this.bar = bar;
    this.totalOrders = totalOrders;
    this.totalNumbers = totalNumbers;
  }

  @Override
  public synchronized void orderSent(String customerOrderId, String orderId, int numbers) {
    if (stopped) {
      return; // the JVM is stopping: the last line stays the last
    }
    if (!bar) {
      out.println(
          "Sent order "
              + customerOrderId
              + " ("
              + orderId
              + "): "
              + Plural.of(numbers, "number")
              + ".");
    }
    redraw();
  }

  @Override
  public synchronized void orderResumed(String customerOrderId, String orderId, int numbers) {
    if (stopped) {
      return;
    }
    redraw(); // the applier's note has said "Resuming order …"; nothing was sent
  }

  @Override
  public synchronized void orderEnded(OrderStatus status, int set, int cleared, int failed) {
    if (stopped) {
      return; // the JVM is stopping: the last line stays the last
    }
    ordersDone.incrementAndGet();
    numbersDone.addAndGet(set + cleared + failed);
    if (!bar) {
      out.println(
          "Order "
              + status.customerOrderId()
              + " "
              + status.status()
              + ": "
              + outcome(set, cleared, failed)
              + ". "
              + line());
      lastPlain.set(System.nanoTime());
    }
    redraw();
  }

  @Override
  public synchronized void orderRefused(String customerOrderId, String reason) {
    if (stopped) {
      return; // the JVM is stopping: the last line stays the last
    }
    ordersDone.incrementAndGet();
    clearBar();
    out.println("Order " + customerOrderId + " refused: " + reason);
    redraw();
  }

  @Override
  public synchronized void resplit(String customerOrderId, int maximum) {
    if (stopped) {
      return; // the JVM is stopping: the last line stays the last
    }
    clearBar();
    out.println(
        "Bandwidth takes at most "
            + Plural.of(maximum, "number")
            + " per order: splitting "
            + customerOrderId
            + " and the orders after it. Set orders.max_numbers: "
            + maximum
            + " in the config to plan that way.");
    redraw();
  }

  @Override
  public synchronized void warning(String customerOrderId, NumberWarning warning) {
    if (stopped) {
      return; // the JVM is stopping: the last line stays the last
    }
    clearBar();
    out.println(
        "Warning from order "
            + customerOrderId
            + (warning.number() == null ? "" : " for " + warning.number())
            + ": "
            + warning.description());
    redraw();
  }

  @Override
  public synchronized void note(String message) {
    if (stopped) {
      return; // the JVM is stopping: the last line stays the last
    }
    clearBar();
    out.println(message);
    redraw();
  }

  /**
   * The last line before the JVM stops at once (a second Ctrl-C): ends the bar's line and draws it
   * no more, so the shell prompt starts on a line of its own.
   */
  synchronized void stop(String message) {
    clearBar();
    out.println(message);
    out.flush();
    stopped = true;
  }

  /** For plain output: a status line when none was printed for a while. */
  synchronized void tick() {
    if (stopped) {
      return; // the JVM is stopping: the last line stays the last
    }
    if (!bar && System.nanoTime() - lastPlain.get() > PLAIN_INTERVAL_NANOS) {
      out.println("Still applying: " + line());
      lastPlain.set(System.nanoTime());
    }
  }

  synchronized void finish() {
    if (bar && !stopped) {
      redraw();
      out.println();
    }
  }

  /**
   * {@code 3 numbers set}, {@code 1 number cleared}, {@code 2 numbers set, 1 cleared, 1 failed}.
   */
  static String outcome(int set, int cleared, int failed) {
    String text =
        set > 0 || cleared == 0
            ? Plural.of(set, "number") + " set" + (cleared > 0 ? ", " + cleared + " cleared" : "")
            : Plural.of(cleared, "number") + " cleared";
    return text + (failed > 0 ? ", " + failed + " failed" : "");
  }

  private void redraw() {
    if (!bar || stopped) {
      return;
    }
    int width = 30;
    int filled = totalNumbers == 0 ? width : (int) (width * numbersDone.get() / totalNumbers);
    out.print(
        "\r["
            + "=".repeat(filled)
            + (filled < width ? ">" : "")
            + " ".repeat(Math.max(0, width - filled - 1))
            + "] "
            + line()
            + "   ");
    out.flush();
  }

  private void clearBar() {
    if (bar) {
      out.print("\r\u001b[2K");
    }
  }

  private String line() {
    double seconds = (System.nanoTime() - start) / 1e9;
    long done = numbersDone.get();
    return ordersDone.get()
        + "/"
        + totalOrders
        + " orders, "
        + done
        + "/"
        + totalNumbers
        + " numbers, "
        + String.format("%.1fs", seconds)
        + ", "
        + (seconds > 0 ? Math.round(done / seconds) : 0)
        + " numbers/s";
  }
}
