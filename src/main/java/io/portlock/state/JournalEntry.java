package io.portlock.state;

import io.portlock.domain.Fingerprint;
import io.portlock.domain.NumberSet;
import io.portlock.domain.Target;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * An order recorded before it is sent, so that an interrupted apply can find it again by its
 * CustomerOrderId instead of sending it twice.
 *
 * @param orderId Bandwidth's id once known, else null
 */
public record JournalEntry(
    String customerOrderId, String planId, Instant recordedAt, String orderId, List<Group> groups) {

  public JournalEntry {
    groups = List.copyOf(groups);
  }

  public int numberCount() {
    return groups.stream().mapToInt(g -> g.numbers().size()).sum();
  }

  public JournalEntry withOrderId(String id) {
    return new JournalEntry(customerOrderId, planId, recordedAt, id, groups);
  }

  /** One config group of the journaled order, and what the order does to its numbers. */
  public record Group(Target target, NumberSet numbers) {
    public Group {
      Objects.requireNonNull(target, "target");
      Objects.requireNonNull(numbers, "numbers");
    }

    /** Numbers set to the passcode of {@code group}. */
    public Group(String group, Fingerprint fingerprint, NumberSet numbers) {
      this(Target.set(group, fingerprint), numbers);
    }

    /** Numbers whose passcode is cleared. */
    public static Group clear(NumberSet numbers) {
      return new Group(Target.clear(), numbers);
    }

    public boolean isRemoval() {
      return target.isClear();
    }
  }
}
