package io.portlock.sandbox;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@code TnOptionOrder} as the sandbox keeps it. Mutable, and guarded by the lock of {@link
 * SandboxState}: status, groups, errors and history change as the order is processed.
 */
final class Order {

  /** Bandwidth's {@code ProcessingStatus} values. */
  enum Status {
    RECEIVED,
    PROCESSING,
    COMPLETE,
    PARTIAL,
    FAILED;

    boolean isTerminal() {
      return this == COMPLETE || this == PARTIAL || this == FAILED;
    }
  }

  /** A per-number failure, an {@code <ErrorList><Error>} entry. */
  record NumberError(int code, String description, String telephoneNumber) {}

  /** One {@code <OrderHistory>} entry. */
  record HistoryEntry(Instant date, String note, String author, Status status) {}

  final String orderId;
  final String customerOrderId;
  final String accountId;
  final String createdByUser;
  final Instant created;
  Instant lastModified;
  Status status;
  List<OrderGroup> groups;
  final List<NumberError> errors = new ArrayList<>();
  final List<HistoryEntry> history = new ArrayList<>();

  Order(
      String orderId,
      String customerOrderId,
      String accountId,
      String createdByUser,
      Instant created,
      List<OrderGroup> groups) {
    this.orderId = orderId;
    this.customerOrderId = customerOrderId;
    this.accountId = accountId;
    this.createdByUser = createdByUser;
    this.created = created;
    this.lastModified = created;
    this.status = Status.RECEIVED;
    this.groups = List.copyOf(groups);
  }

  /** Moves to {@code next} and records it in the history, as Bandwidth does for each change. */
  void moveTo(Status next, Instant at) {
    status = next;
    lastModified = at;
    history.add(new HistoryEntry(at, noteFor(next), createdByUser, next));
  }

  /** Every {@code TelephoneNumber} element of the order, valid or not. */
  int numberCount() {
    int count = 0;
    for (OrderGroup group : groups) {
      count += group.numberCount();
    }
    return count;
  }

  boolean touches(long number) {
    for (OrderGroup group : groups) {
      for (long n : group.numbers()) {
        if (n == number) {
          return true;
        }
      }
    }
    return false;
  }

  private static String noteFor(Status status) {
    return switch (status) {
      case RECEIVED -> "Order has been received by the system.";
      case PROCESSING -> "Order processing has started.";
      case COMPLETE -> "Order is complete.";
      case PARTIAL -> "Order is partially complete.";
      case FAILED -> "Order has failed.";
    };
  }
}
