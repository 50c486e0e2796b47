package io.portlock.sandbox;

import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Moves accepted orders through RECEIVED → PROCESSING → COMPLETE/PARTIAL/FAILED on Vert.x timers
 * (no thread per order) and applies their passcodes number by number, with Bandwidth's per-number
 * errors.
 */
final class OrderProcessor {
  private static final String UNCHANGED = "unchanged";
  private static final String SYSTEM_DEFAULT = "systemDefault";

  private final Vertx vertx;
  private final SandboxState state;
  private final Clock clock;
  private final Map<String, long[]> timers = new ConcurrentHashMap<>();

  /** Each order's delay is drawn from [delay, delayMax]; one pair, so both change together. */
  private volatile Duration[] delays;

  OrderProcessor(Vertx vertx, SandboxState state, Clock clock, Duration delay) {
    this.vertx = vertx;
    this.state = state;
    this.clock = clock;
    setDelay(delay, delay);
  }

  void setDelay(Duration min, Duration max) {
    if (max.compareTo(min) < 0) {
      throw new IllegalArgumentException(
          "expected the longest processing delay to be at least " + min + " but was " + max);
    }
    this.delays = new Duration[] {min, max};
  }

  /** Starts processing half-way through the delay and ends the order when the delay is over. */
  void schedule(Order order) {
    Duration[] range = delays;
    long min = range[0].toMillis();
    long max = range[1].toMillis();
    long total = Math.max(1, min == max ? min : ThreadLocalRandom.current().nextLong(min, max + 1));
    long start = Math.max(1, total / 2);
    long startTimer = vertx.setTimer(start, id -> startProcessing(order));
    long endTimer = vertx.setTimer(total, id -> finish(order));
    timers.put(order.orderId, new long[] {startTimer, endTimer});
  }

  /** Ends every order still in flight at once: used on close, so nothing is left half-done. */
  void finishAllNow() {
    List<Order> inFlight = state.ordersInFlight();
    for (Order order : inFlight) {
      long[] pending = timers.remove(order.orderId);
      if (pending != null) {
        vertx.cancelTimer(pending[0]);
        vertx.cancelTimer(pending[1]);
      }
      finish(order);
    }
  }

  private void startProcessing(Order order) {
    synchronized (state) {
      if (order.status == Order.Status.RECEIVED) {
        order.moveTo(Order.Status.PROCESSING, clock.instant());
        state.changed();
      }
    }
  }

  private void finish(Order order) {
    timers.remove(order.orderId);
    synchronized (state) {
      if (order.status.isTerminal()) {
        return;
      }
      if (order.status == Order.Status.RECEIVED) {
        order.moveTo(Order.Status.PROCESSING, clock.instant());
      }
      Order.Status outcome = apply(order);
      order.groups = order.groups.stream().map(OrderGroup::withoutPasscode).toList();
      order.moveTo(outcome, clock.instant());
      state.changed();
    }
  }

  /** Applies every group to every number in turn; call with the state lock held. */
  private Order.Status apply(Order order) {
    Set<String> all = new HashSet<>();
    Set<String> failed = new HashSet<>();
    for (OrderGroup group : order.groups) {
      for (String invalid : group.invalidNumbers()) {
        all.add(invalid);
        failed.add(invalid);
        order.errors.add(new Order.NumberError(5070, "Telephone number is invalid.", invalid));
      }
      for (long number : group.numbers()) {
        String tn = Long.toString(number);
        all.add(tn);
        Order.NumberError error = applyTo(group, number);
        if (error != null) {
          failed.add(tn);
          order.errors.add(new Order.NumberError(error.code(), error.description(), tn));
        }
      }
    }
    if (failed.isEmpty()) {
      return Order.Status.COMPLETE;
    }
    return failed.size() == all.size() ? Order.Status.FAILED : Order.Status.PARTIAL;
  }

  private Order.NumberError applyTo(OrderGroup group, long number) {
    if (!state.inventory.contains(number)) {
      return new Order.NumberError(5076, "Telephone number is not available.", null);
    }
    String passcode = group.passcode();
    if (passcode == null) {
      return null; // options other than the passcode are accepted and have no effect here
    }
    if (RequestXml.isTollFree(number)) {
      return new Order.NumberError(
          5126, "Port-Out Passcode/PIN is not supported for toll-free numbers.", null);
    }
    if (state.inventory.tier(number) != 0) {
      return new Order.NumberError(
          5196, "Port-Out Passcode/PIN can only be set on on-net telephone numbers.", null);
    }
    if (passcode.equalsIgnoreCase(UNCHANGED)) {
      return null;
    }
    if (passcode.equalsIgnoreCase(SYSTEM_DEFAULT)) {
      state.passcodes.remove(number);
      return null;
    }
    if (!isValidPasscode(passcode)) {
      return new Order.NumberError(
          5193,
          "Port-Out Passcode/PIN is invalid: it must be 4 to 10 letters or digits, 'unchanged'"
              + " or 'systemDefault'.",
          null);
    }
    if (passcode.equals(state.passcodes.get(number))) {
      return new Order.NumberError(
          5195, "The specified Port-Out Passcode/PIN already exists for particular TN", null);
    }
    state.passcodes.put(number, passcode);
    return null;
  }

  static boolean isValidPasscode(String passcode) {
    int length = passcode.length();
    if (length < 4 || length > 10) {
      return false;
    }
    for (int i = 0; i < length; i++) {
      char c = passcode.charAt(i);
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) {
        return false;
      }
    }
    return true;
  }
}
