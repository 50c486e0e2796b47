package io.portlock.plan;

import io.portlock.domain.Target;
import java.util.List;

/**
 * An order as a plan file records it: everything but its numbers, which are derived from the plan's
 * changes when the file is read. The outline stays in the file, under its MAC, so that a reviewer
 * sees the orders and an edit to them is refused rather than ignored.
 */
record OrderOutline(
    int index, String customerOrderId, long count, int optionGroups, List<Segment> groups) {

  OrderOutline {
    groups = List.copyOf(groups);
  }

  /** One config group of the order (or the numbers it clears), by how many numbers it holds. */
  record Segment(Target target, long count) {}

  static OrderOutline of(PlannedOrder order) {
    return new OrderOutline(
        order.index(),
        order.customerOrderId(),
        order.numberCount(),
        order.optionGroupCount(),
        order.groups().stream().map(g -> new Segment(g.target(), g.numbers().size())).toList());
  }
}
