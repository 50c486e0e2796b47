package io.portlock.sandbox;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Everything the sandbox knows: the account's numbers, their passcodes and the orders. One lock
 * (this object) guards it all, because handlers run on the event loop while tests poke at it from
 * their own threads; every change bumps {@link #version} so persistence can tell new from old.
 */
final class SandboxState {
  final String account;
  final Inventory inventory;

  /** Sorted, so that {@code tnPortoutPasscodes} pages are ranges of this map. */
  final TreeMap<Long, String> passcodes = new TreeMap<>();

  private final Map<String, Order> orders = new LinkedHashMap<>();
  private final List<ReceivedOrder> received = new ArrayList<>();
  private int createRequests;
  private long version;
  private final Runnable onChange;

  SandboxState(String account, Inventory inventory, Runnable onChange) {
    this.account = account;
    this.inventory = inventory;
    this.onChange = onChange;
  }

  /** Records that something worth persisting changed; call with the lock held. */
  void changed() {
    version++;
    onChange.run();
  }

  synchronized long version() {
    return version;
  }

  synchronized void countCreateRequest() {
    createRequests++;
  }

  synchronized int createRequests() {
    return createRequests;
  }

  synchronized void add(Order order, ReceivedOrder receivedOrder) {
    orders.put(order.orderId, order);
    received.add(receivedOrder);
    changed();
  }

  /** Adds an order read back from disk; it does not count as received by this run. */
  synchronized void restore(Order order) {
    orders.put(order.orderId, order);
  }

  synchronized Order order(String orderId) {
    return orders.get(orderId);
  }

  /** The orders in creation order; iterate only with the lock held. */
  Collection<Order> orders() {
    return orders.values();
  }

  synchronized List<ReceivedOrder> receivedOrders() {
    return List.copyOf(received);
  }

  synchronized Map<Long, String> passcodesCopy() {
    return new TreeMap<>(passcodes);
  }

  synchronized void setPasscode(long number, String passcode) {
    if (passcode == null) {
      passcodes.remove(number);
    } else {
      passcodes.put(number, passcode);
    }
    changed();
  }

  /** The numbers join the account, on-net and without a passcode. */
  synchronized void buyNumbers(List<Long> numbers) {
    for (long number : numbers) {
      inventory.buy(number, 0);
    }
    changed();
  }

  synchronized void buyNumber(long number, int tier) {
    inventory.buy(number, tier);
    changed();
  }

  synchronized void removeNumber(long number) {
    inventory.remove(number);
    // A number that leaves the account leaves its protection behind.
    passcodes.remove(number);
    changed();
  }

  synchronized List<Order> ordersInFlight() {
    List<Order> inFlight = new ArrayList<>();
    for (Order order : orders.values()) {
      if (!order.status.isTerminal()) {
        inFlight.add(order);
      }
    }
    return inFlight;
  }
}
