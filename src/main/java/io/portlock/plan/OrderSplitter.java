package io.portlock.plan;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a run of option-group segments into orders of at most {@code maxNumbers} numbers, keeping
 * their order and filling each order before starting the next. The one splitter behind both the
 * planner's packing and the applier's re-split on error 5095, so the two cannot drift apart.
 */
public final class OrderSplitter {
  private OrderSplitter() {}

  /** The groups of each order, in order; a segment that does not fit is sliced across orders. */
  public static List<List<PlannedGroup>> split(List<PlannedGroup> segments, int maxNumbers) {
    if (maxNumbers < 1) {
      throw new IllegalArgumentException(
          "expected at least 1 number per order but was " + maxNumbers);
    }
    List<List<PlannedGroup>> orders = new ArrayList<>();
    List<PlannedGroup> current = new ArrayList<>();
    int room = maxNumbers;
    for (PlannedGroup segment : segments) {
      int size = segment.numbers().size();
      int from = 0;
      while (from < size) {
        int take = Math.min(room, size - from);
        current.add(
            take == size
                ? segment
                : segment.withNumbers(segment.numbers().slice(from, from + take)));
        from += take;
        room -= take;
        if (room == 0) {
          orders.add(current);
          current = new ArrayList<>();
          room = maxNumbers;
        }
      }
    }
    if (!current.isEmpty()) {
      orders.add(current);
    }
    return orders;
  }

  /** How many numbers {@code groups} hold together. */
  public static int numberCount(List<PlannedGroup> groups) {
    int count = 0;
    for (PlannedGroup group : groups) {
      count += group.numbers().size();
    }
    return count;
  }
}
