package io.portlock.plan;

import io.portlock.domain.Fingerprint;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One {@code tnoptions} order of a plan: its CustomerOrderId (derived from the plan id and the
 * index, so an interrupted apply can find it again) and its groups. Config groups that share a
 * passcode travel in one {@code TnOptionGroup}.
 */
public record PlannedOrder(int index, String customerOrderId, List<PlannedGroup> groups) {

  public PlannedOrder {
    groups = List.copyOf(groups);
  }

  public int numberCount() {
    return groups.stream().mapToInt(g -> g.numbers().size()).sum();
  }

  /** How many {@code TnOptionGroup}s the order carries: one per distinct passcode. */
  public int optionGroupCount() {
    Set<Optional<Fingerprint>> distinct = new HashSet<>();
    for (PlannedGroup g : groups) {
      distinct.add(g.target().passcodeKey());
    }
    return distinct.size();
  }

  /** {@code portlock-<plan id>-<index>}: at most 40 letters, digits and dashes. */
  public static String customerOrderId(String planId, int index) {
    return "portlock-" + planId + "-" + index;
  }
}
