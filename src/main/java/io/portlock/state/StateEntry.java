package io.portlock.state;

import io.portlock.domain.Fingerprint;
import java.time.Instant;

/**
 * What portlock last applied to a set of numbers: the group they belong to, the fingerprint of the
 * passcode Bandwidth confirmed, when, and by which order.
 *
 * @param orderId Bandwidth's order id, null when unknown (adopted by import)
 * @param customerOrderId portlock's CustomerOrderId of that order, null when unknown
 */
public record StateEntry(
    String group,
    Fingerprint fingerprint,
    Instant appliedAt,
    String orderId,
    String customerOrderId) {

  public StateEntry {
    if (group == null || group.isEmpty()) {
      throw new IllegalArgumentException("expected a group name in a state entry but was none");
    }
    if (fingerprint == null) {
      throw new IllegalArgumentException("expected a fingerprint in state entry of " + group);
    }
  }
}
