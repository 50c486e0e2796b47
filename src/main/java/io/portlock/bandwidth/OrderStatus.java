package io.portlock.bandwidth;

import java.time.Instant;
import java.util.List;

/**
 * What Bandwidth says of one order.
 *
 * @param customerOrderId null when the order carried none
 * @param errors per-number failures from {@code ErrorList}
 * @param warnings from {@code Warnings}
 * @param createdAt null when the answer did not carry it
 * @param lastModifiedAt null when the answer did not carry it
 */
public record OrderStatus(
    String orderId,
    String customerOrderId,
    ProcessingStatus status,
    List<NumberError> errors,
    List<NumberWarning> warnings,
    Instant createdAt,
    Instant lastModifiedAt) {

  public OrderStatus {
    errors = List.copyOf(errors);
    warnings = List.copyOf(warnings);
  }
}
