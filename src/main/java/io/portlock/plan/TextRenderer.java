package io.portlock.plan;

import io.portlock.domain.Fingerprint;
import io.portlock.domain.NumberRange;
import io.portlock.domain.NumberSet;
import java.util.List;
import java.util.Map;

/**
 * Renders a plan for people, Terraform-style: per group the numbers to add ({@code +}), change
 * ({@code ~}), move ({@code >}), record without an order ({@code =}) and remove ({@code -}) as
 * compressed ranges, passcodes only as fingerprints, then the orders and the one-line total.
 */
public final class TextRenderer {
  /** Ranges listed per change before the rest is summarised (the JSON output has them all). */
  public static final int MAX_RANGES = 50;

  private final Style style;

  public TextRenderer(Style style) {
    this.style = style;
  }

  public String render(Plan plan) {
    StringBuilder out = new StringBuilder();
    for (Notice notice : plan.notices()) {
      out.append(style.yellow("Warning: ")).append(notice.message()).append('\n');
    }
    if (!plan.notices().isEmpty()) {
      out.append('\n');
    }
    if (!plan.hasChanges()) {
      out.append("No changes. Bandwidth's port-out passcodes match the configuration")
          .append(plan.refreshed() ? "" : " (as recorded in the state; not refreshed)")
          .append(".\n\n");
      out.append(totalLine(plan)).append('\n');
      return out.toString();
    }
    out.append("portlock will make these changes on account ").append(plan.account()).append(":\n");
    for (Map.Entry<String, Fingerprint> group : plan.groupFingerprints().entrySet()) {
      List<Change> changes =
          plan.changes().stream().filter(c -> group.getKey().equals(c.group())).toList();
      if (changes.isEmpty()) {
        continue;
      }
      out.append('\n')
          .append(style.bold("  # group \"" + group.getKey() + "\""))
          .append(": passcode (sensitive, fp ")
          .append(group.getValue().shortForm())
          .append(")\n");
      for (Change change : changes) {
        appendChange(out, change);
      }
      long unchanged = plan.unchangedByGroup().getOrDefault(group.getKey(), 0L);
      if (unchanged > 0) {
        out.append("      ").append(count(unchanged)).append(" unchanged\n");
      }
    }
    List<Change> removals =
        plan.changes().stream().filter(c -> c instanceof Change.Remove).toList();
    if (!removals.isEmpty()) {
      out.append('\n')
          .append(style.bold(style.red("  # removals")))
          .append(": passcode cleared (systemDefault), the numbers lose port-out protection\n");
      for (Change change : removals) {
        appendChange(out, change);
      }
    }
    if (!plan.leftAccount().isEmpty()) {
      out.append('\n')
          .append(style.bold("  # left the account"))
          .append(": no order sent, not kept in the state; delete them from the config\n");
      appendRanges(out, plan.leftAccount(), style.red("      x "));
    }
    out.append("\nOrders (at most ").append(plan.maxNumbers()).append(" numbers each):\n");
    if (plan.orders().isEmpty()) {
      out.append("  none: apply only updates the state\n");
    }
    for (PlannedOrder order : plan.orders()) {
      out.append("  ")
          .append(order.index())
          .append(". ")
          .append(order.customerOrderId())
          .append(": ")
          .append(count(order.numberCount()))
          .append(" in ")
          .append(order.optionGroupCount())
          .append(order.optionGroupCount() == 1 ? " option group" : " option groups")
          .append('\n');
    }
    out.append('\n').append(totalLine(plan)).append('\n');
    return out.toString();
  }

  private void appendChange(StringBuilder out, Change change) {
    String header;
    String marker;
    if (change instanceof Change.Add) {
      marker = style.green("+");
      header = "add " + count(change.numbers().size());
    } else if (change instanceof Change.Modify m) {
      marker = style.yellow("~");
      header =
          "change "
              + count(change.numbers().size())
              + " ("
              + m.reason().label()
              + (m.reason() == Change.Reason.MOVED ? ", from group \"" + m.fromGroup() + "\"" : "")
              + ")";
    } else if (change instanceof Change.Move m) {
      marker = style.cyan(">");
      header =
          "move "
              + count(change.numbers().size())
              + " from group \""
              + m.fromGroup()
              + "\" (same passcode: only the state changes, no order)";
    } else if (change instanceof Change.Adopt a) {
      marker = style.cyan("=");
      header =
          "record "
              + count(change.numbers().size())
              + " (already set at Bandwidth"
              + (a.fromGroup() == null ? "" : ", were in group \"" + a.fromGroup() + "\"")
              + ": will be recorded, no order)";
    } else {
      Change.Remove r = (Change.Remove) change;
      marker = style.red("-");
      header =
          style.red(
              "remove "
                  + count(change.numbers().size())
                  + " (were in group \""
                  + r.fromGroup()
                  + "\")");
    }
    out.append("    ").append(marker).append(' ').append(header).append('\n');
    appendRanges(out, change.numbers(), "        ");
  }

  private void appendRanges(StringBuilder out, NumberSet numbers, String indent) {
    List<NumberRange> shown = numbers.ranges(MAX_RANGES);
    long shownNumbers = 0;
    for (NumberRange range : shown) {
      out.append(indent).append(range);
      if (range.size() > 1) {
        out.append(" (").append(count(range.size())).append(')');
      }
      out.append('\n');
      shownNumbers += range.size();
    }
    if (shownNumbers < numbers.size()) {
      out.append(indent)
          .append("... and ")
          .append(numbers.rangeCount() - shown.size())
          .append(" more ranges (")
          .append(count(numbers.size() - shownNumbers))
          .append("); --format json lists them all\n");
    }
  }

  /** {@code Plan: 3 to add, 1 to change, 0 to remove, 14 unchanged; 1 order.} */
  public static String totalLine(Plan plan) {
    Summary s = plan.summary();
    return "Plan: "
        + s.add()
        + " to add, "
        + s.change()
        + " to change, "
        + s.remove()
        + " to remove, "
        + s.unchanged()
        + " unchanged"
        + (s.move() > 0 ? ", " + s.move() + " to move" : "")
        + (s.adopt() > 0 ? ", " + s.adopt() + " to record (already set)" : "")
        + "; "
        + s.orders()
        + (s.orders() == 1 ? " order." : " orders.");
  }

  static String count(long n) {
    return n + (n == 1 ? " number" : " numbers");
  }
}
