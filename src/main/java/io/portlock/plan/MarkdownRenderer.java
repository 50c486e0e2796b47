package io.portlock.plan;

import io.portlock.domain.Fingerprint;
import io.portlock.domain.NumberRange;
import java.util.List;
import java.util.Map;

/**
 * Renders a plan as a pull-request comment: warnings first, a summary table, then each group and
 * the orders in collapsible sections. Stays under {@link #LIMIT} characters (GitHub refuses
 * comments over 65,536) by listing fewer ranges, then fewer groups; the totals are always kept.
 */
public final class MarkdownRenderer {
  public static final int LIMIT = 65_000;

  /** Marks a comment as portlock's, so CI can find and update it instead of adding another. */
  public static final String MARKER = "<!-- portlock-plan -->";

  public String render(Plan plan) {
    for (int ranges = 100; ; ranges /= 2) {
      String text = render(plan, ranges, Integer.MAX_VALUE);
      if (text.length() <= LIMIT) {
        return text;
      }
      if (ranges == 0) {
        break;
      }
    }
    int groups = plan.groupFingerprints().size();
    while (groups > 0) {
      groups /= 2;
      String text = render(plan, 0, groups);
      if (text.length() <= LIMIT) {
        return text;
      }
    }
    return render(plan, 0, 0);
  }

  private String render(Plan plan, int maxRanges, int maxGroups) {
    Summary s = plan.summary();
    StringBuilder out = new StringBuilder(MARKER).append('\n');
    out.append("### portlock plan for account `").append(plan.account()).append("`\n\n");
    for (Notice notice : plan.notices()) {
      out.append("> [!WARNING]\n> **")
          .append(label(notice.kind()))
          .append(":** ")
          .append(escape(notice.message()))
          .append("\n\n");
    }
    out.append("| change | numbers |\n|---|---:|\n")
        .append("| :heavy_plus_sign: to add | ")
        .append(s.add())
        .append(" |\n")
        .append("| :arrows_counterclockwise: to change | ")
        .append(s.change())
        .append(" |\n")
        .append("| :heavy_minus_sign: **to remove** | ")
        .append(s.remove())
        .append(" |\n")
        .append("| unchanged | ")
        .append(s.unchanged())
        .append(" |\n");
    if (s.move() > 0) {
      out.append("| :arrow_right: to move (same passcode, state only) | ")
          .append(s.move())
          .append(" |\n");
    }
    if (s.adopt() > 0) {
      out.append("| :white_check_mark: to record (already set, no order) | ")
          .append(s.adopt())
          .append(" |\n");
    }
    if (s.drift() > 0) {
      out.append("| :warning: drift (changed outside portlock) | ")
          .append(s.drift())
          .append(" |\n");
    }
    out.append("| orders to send | ").append(s.orders()).append(" |\n\n");
    out.append("**").append(TextRenderer.totalLine(plan)).append("**\n\n");

    int shownGroups = 0;
    int skippedGroups = 0;
    for (Map.Entry<String, Fingerprint> group : plan.groupFingerprints().entrySet()) {
      List<Change> changes =
          plan.changes().stream().filter(c -> group.getKey().equals(c.group())).toList();
      if (changes.isEmpty()) {
        continue;
      }
      if (shownGroups >= maxGroups) {
        skippedGroups++;
        continue;
      }
      shownGroups++;
      out.append("<details><summary>group <code>")
          .append(escape(group.getKey()))
          .append("</code>: ")
          .append(counts(changes))
          .append(" (passcode fp <code>")
          .append(group.getValue().shortForm())
          .append("</code>)</summary>\n\n");
      for (Change change : changes) {
        appendChange(out, change, maxRanges);
      }
      out.append("\n</details>\n\n");
    }
    List<Change> removals =
        plan.changes().stream().filter(c -> c instanceof Change.Remove).toList();
    if (!removals.isEmpty()) {
      out.append("<details open><summary>:heavy_minus_sign: <b>removals</b>: ")
          .append(counts(removals))
          .append(", protection cleared (systemDefault)</summary>\n\n");
      for (Change change : removals) {
        appendChange(out, change, maxRanges);
      }
      out.append("\n</details>\n\n");
    }
    if (skippedGroups > 0) {
      out.append("_")
          .append(skippedGroups)
          .append(
              " more groups with changes are not listed to"
                  + " keep this comment short; the saved plan has them all._\n\n");
    }
    if (!plan.orders().isEmpty()) {
      out.append("<details><summary>")
          .append(plan.orders().size())
          .append(plan.orders().size() == 1 ? " order" : " orders")
          .append(" (at most ")
          .append(plan.maxNumbers())
          .append(" numbers each)</summary>\n\n")
          .append("| # | CustomerOrderId | numbers | option groups |\n|---:|---|---:|---:|\n");
      int listed = 0;
      for (PlannedOrder order : plan.orders()) {
        if (listed++ >= 200) {
          out.append("| ... | ").append(plan.orders().size() - 200).append(" more | | |\n");
          break;
        }
        out.append("| ")
            .append(order.index())
            .append(" | `")
            .append(order.customerOrderId())
            .append("` | ")
            .append(order.numberCount())
            .append(" | ")
            .append(order.optionGroupCount())
            .append(" |\n");
      }
      out.append("\n</details>\n\n");
    }
    out.append("<sub>plan `").append(plan.planId()).append("`");
    if (plan.gitCommit() != null) {
      out.append(" · commit `")
          .append(plan.gitCommit(), 0, Math.min(12, plan.gitCommit().length()))
          .append('`');
    }
    out.append(" · state serial ")
        .append(plan.stateSerial())
        .append(plan.refreshed() ? " · refreshed from Bandwidth" : " · not refreshed")
        .append("</sub>\n");
    return out.toString();
  }

  private static void appendChange(StringBuilder out, Change change, int maxRanges) {
    String what;
    if (change instanceof Change.Add) {
      what = ":heavy_plus_sign: add";
    } else if (change instanceof Change.Modify m) {
      what =
          ":arrows_counterclockwise: change ("
              + m.reason().label()
              + (m.reason() == Change.Reason.MOVED ? " from `" + escape(m.fromGroup()) + "`" : "")
              + ")";
    } else if (change instanceof Change.Move m) {
      what =
          ":arrow_right: move from `"
              + escape(m.fromGroup())
              + "` (same passcode: only the state changes, no order)";
    } else if (change instanceof Change.Adopt) {
      what = ":white_check_mark: record (already set at Bandwidth: will be recorded, no order)";
    } else {
      what =
          ":heavy_minus_sign: **remove** (were in `"
              + escape(((Change.Remove) change).fromGroup())
              + "`)";
    }
    out.append("- ").append(what).append(": ").append(TextRenderer.count(change.numbers().size()));
    List<NumberRange> ranges = change.numbers().ranges(maxRanges);
    int shown = ranges.size();
    if (shown > 0) {
      out.append(": ");
      for (int i = 0; i < shown; i++) {
        NumberRange range = ranges.get(i);
        out.append(i == 0 ? "" : ", ").append('`').append(range).append('`');
        if (range.size() > 1) {
          out.append(" (").append(range.size()).append(')');
        }
      }
    }
    int all = shown < maxRanges ? shown : change.numbers().rangeCount();
    if (all > shown) {
      out.append(shown > 0 ? " and " : " in ")
          .append(all - shown)
          .append(shown > 0 ? " more ranges" : " ranges");
    }
    out.append('\n');
  }

  private static String counts(List<Change> changes) {
    long add = 0;
    long change = 0;
    long remove = 0;
    long move = 0;
    long record = 0;
    for (Change c : changes) {
      long n = c.numbers().size();
      if (c instanceof Change.Add) {
        add += n;
      } else if (c instanceof Change.Modify) {
        change += n;
      } else if (c instanceof Change.Move) {
        move += n;
      } else if (c instanceof Change.Adopt) {
        record += n;
      } else {
        remove += n;
      }
    }
    StringBuilder sb = new StringBuilder();
    if (add > 0) {
      sb.append(add).append(" to add");
    }
    if (change > 0) {
      sb.append(sb.length() > 0 ? ", " : "").append(change).append(" to change");
    }
    if (remove > 0) {
      sb.append(sb.length() > 0 ? ", " : "").append(remove).append(" to remove");
    }
    if (move > 0) {
      sb.append(sb.length() > 0 ? ", " : "").append(move).append(" to move");
    }
    if (record > 0) {
      sb.append(sb.length() > 0 ? ", " : "").append(record).append(" to record");
    }
    return sb.toString();
  }

  private static String label(Notice.Kind kind) {
    return switch (kind) {
      case DRIFT -> "Drift";
      case GUARD -> "Safety guard";
      case JOURNAL -> "Interrupted apply";
      case LEFT_ACCOUNT -> "Numbers left the account";
      case INELIGIBLE -> "Numbers that cannot hold a passcode";
      case INFO -> "Note";
    };
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
