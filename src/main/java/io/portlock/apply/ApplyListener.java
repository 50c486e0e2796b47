package io.portlock.apply;

import io.portlock.bandwidth.NumberWarning;
import io.portlock.bandwidth.OrderStatus;

/** Hears what apply does, for progress display; every method may be called from any thread. */
public interface ApplyListener {
  /** An order was sent. */
  default void orderSent(String customerOrderId, String orderId, int numbers) {}

  /** An order of an interrupted apply was found at Bandwidth and is followed again. */
  default void orderResumed(String customerOrderId, String orderId, int numbers) {}

  /**
   * An order reached a terminal status and its result is recorded in the state.
   *
   * @param set numbers whose passcode is now set
   * @param cleared numbers whose passcode is now cleared (removals)
   */
  default void orderEnded(OrderStatus status, int set, int cleared, int failed) {}

  /** Bandwidth refused an order at once; its numbers count as failed. */
  default void orderRefused(String customerOrderId, String reason) {}

  /** Bandwidth's order-size limit is lower than the plan's: orders are split again. */
  default void resplit(String customerOrderId, int maximum) {}

  default void warning(String customerOrderId, NumberWarning warning) {}

  /** A plain line for people: a resumed order, a journal entry dropped, numbers that left. */
  default void note(String message) {}
}
