package io.portlock.state;

import io.portlock.domain.Fingerprint;
import io.portlock.domain.NumberSet;
import java.time.Instant;
import java.util.List;

/**
 * An order recorded before it is sent, so that an interrupted apply can find it again by its
 * CustomerOrderId instead of sending it twice.
 *
 * @param orderId Bandwidth's id once known, else null
 */
public record JournalEntry(
    String customerOrderId, String planId, Instant recordedAt, String orderId,
    List<Group> groups) {

  public JournalEntry {
    groups = List.copyOf(groups);
  }

  public int numberCount() {
    return groups.stream().mapToInt(g -> g.numbers().size()).sum();
  }

  public JournalEntry withOrderId(String id) {
    return new JournalEntry(customerOrderId, planId, recordedAt, id, groups);
  }

  /**
   * One option group of the journaled order.
   *
   * @param group the config group the numbers go to; null for a removal
   * @param fingerprint the passcode's fingerprint; null for a removal (systemDefault)
   */
  public record Group(String group, Fingerprint fingerprint, NumberSet numbers) {
    public boolean isRemoval() {
      return fingerprint == null;
    }
  }
}
