package io.portlock.apply;

import io.portlock.bandwidth.BandwidthException;
import io.portlock.bandwidth.OrderRequest;
import io.portlock.bandwidth.OrderStatus;
import io.portlock.bandwidth.ProcessingStatus;
import io.portlock.domain.AccountId;
import io.portlock.domain.Fingerprint;
import io.portlock.domain.KdfParameters;
import io.portlock.domain.NumberSet;
import io.portlock.plan.Change;
import io.portlock.plan.Plan;
import io.portlock.plan.PlannedGroup;
import io.portlock.plan.PlannedOrder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * An in-memory Bandwidth for the applier: refuses orders above its size limit with 5095 (worded as
 * Bandwidth words it), keeps every accepted order and ends it after a number of polls.
 */
final class FakeBandwidth extends OrdersOnlyBandwidth {
  private final Map<String, OrderRequest> accepted = new LinkedHashMap<>();
  private final Map<String, Integer> pollsLeft = new LinkedHashMap<>();
  private int maxNumbers = Integer.MAX_VALUE;
  private int pollsUntilDone;
  private Consumer<OrderRequest> onCreate = r -> {};

  /** Orders above {@code max} numbers are refused with 5095 from now on. */
  synchronized FakeBandwidth maxNumbers(int max) {
    this.maxNumbers = max;
    return this;
  }

  /** Each order answers PROCESSING to this many polls before it completes. */
  synchronized FakeBandwidth pollsUntilDone(int polls) {
    this.pollsUntilDone = polls;
    return this;
  }

  /** Called after an order is accepted, before its answer goes back. */
  synchronized FakeBandwidth onCreate(Consumer<OrderRequest> hook) {
    this.onCreate = hook;
    return this;
  }

  /** The CustomerOrderIds of the orders accepted, in order. */
  synchronized List<String> acceptedIds() {
    return new ArrayList<>(accepted.keySet());
  }

  synchronized List<OrderRequest> accepted() {
    return new ArrayList<>(accepted.values());
  }

  @Override
  public OrderStatus createOrder(OrderRequest request) {
    Consumer<OrderRequest> hook;
    synchronized (this) {
      if (request.numberCount() > maxNumbers) {
        throw new BandwidthException(
            "create tnoptions order " + request.customerOrderId(),
            400,
            5095,
            "The count of telephone numbers in order exceeds the maximum size of " + maxNumbers,
            null);
      }
      if (accepted.containsKey(request.customerOrderId())) {
        throw new AssertionError("order " + request.customerOrderId() + " sent twice");
      }
      accepted.put(request.customerOrderId(), request);
      pollsLeft.put(request.customerOrderId(), pollsUntilDone);
      hook = onCreate;
    }
    hook.accept(request);
    return status(request.customerOrderId(), ProcessingStatus.RECEIVED);
  }

  @Override
  public synchronized OrderStatus getOrder(String orderId) {
    String customerOrderId = orderId.substring("order-".length());
    int left = pollsLeft.merge(customerOrderId, -1, Integer::sum);
    return status(
        customerOrderId, left < 0 ? ProcessingStatus.COMPLETE : ProcessingStatus.PROCESSING);
  }

  @Override
  public synchronized List<OrderStatus> findOrdersByCustomerOrderId(String customerOrderId) {
    if (!accepted.containsKey(customerOrderId)) {
      return List.of();
    }
    return List.of(
        status(
            customerOrderId,
            pollsLeft.get(customerOrderId) < 0
                ? ProcessingStatus.COMPLETE
                : ProcessingStatus.PROCESSING));
  }

  private static OrderStatus status(String customerOrderId, ProcessingStatus status) {
    return new OrderStatus(
        "order-" + customerOrderId, customerOrderId, status, List.of(), List.of(), null, null);
  }

  static final KdfParameters KDF =
      new KdfParameters(KdfParameters.PBKDF2_HMAC_SHA256, 100_000, "cG9ydGxvY2stdGVzdC1zYWx0", 32);

  /** A plan that adds {@code orders}' numbers to group {@code group}, as the planner packs it. */
  static Plan plan(String planId, String group, Fingerprint fingerprint, List<NumberSet> orders) {
    List<PlannedOrder> planned = new ArrayList<>();
    NumberSet.Builder all = new NumberSet.Builder();
    for (NumberSet numbers : orders) {
      planned.add(
          new PlannedOrder(
              planned.size() + 1,
              PlannedOrder.customerOrderId(planId, planned.size() + 1),
              List.of(new PlannedGroup(group, fingerprint, numbers))));
      all.addAll(numbers);
    }
    return new Plan(
        planId,
        Instant.now(),
        null,
        new AccountId("9900000"),
        "portlock.yaml",
        "sha256:" + "0".repeat(64),
        null,
        0,
        KDF,
        5000,
        false,
        Map.of(group, fingerprint),
        Map.of(group, 0L),
        List.of(new Change.Add(group, all.build())),
        NumberSet.empty(),
        planned,
        List.of());
  }

  /** {@code count} numbers from {@code first} on. */
  static NumberSet range(long first, int count) {
    NumberSet.Builder builder = new NumberSet.Builder();
    for (int i = 0; i < count; i++) {
      builder.add(first + i);
    }
    return builder.build();
  }
}
