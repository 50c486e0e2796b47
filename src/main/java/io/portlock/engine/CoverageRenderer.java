package io.portlock.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.portlock.bandwidth.InventoryRead;
import io.portlock.domain.NumberSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Renders a {@link CoverageReport} as text, JSON (schema/coverage.schema.json) or Markdown. */
public final class CoverageRenderer {
  /** Ranges shown per line of text before "and N more". */
  static final int TEXT_RANGES = 6;

  /** Area codes charted in Markdown; the rest are summed up as "other". */
  static final int CHART_AREA_CODES = 12;

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private CoverageRenderer() {}

  public static String text(CoverageReport r) {
    StringBuilder out = new StringBuilder();
    out.append("Coverage of account ")
        .append(r.account())
        .append(": ")
        .append(r.total())
        .append(r.total() == 1 ? " number" : " numbers")
        .append(" (listed with ")
        .append(sourceName(r))
        .append(")\n\n");
    row(out, "managed", r.managed().size(), CoverageReport.ranges(r.managed()), 2);
    row(
        out,
        "protected_unmanaged",
        r.protectedUnmanaged().size(),
        CoverageReport.ranges(r.protectedUnmanaged()),
        2);
    row(out, "unprotected", r.unprotected().size(), CoverageReport.ranges(r.unprotected()), 2);
    row(out, "ineligible", r.ineligible(), List.of(), 2);
    for (CoverageReport.Ineligible reason : CoverageReport.Ineligible.values()) {
      if (r.ineligibleCount(reason) > 0) {
        row(out, reason.label, r.ineligibleCount(reason), r.ineligible(reason), 4);
      }
    }
    List<String> notes = notes(r);
    if (!notes.isEmpty()) {
      out.append('\n');
      notes.forEach(n -> out.append(n).append('\n'));
    }
    return out.toString();
  }

  private static void row(
      StringBuilder out, String label, long count, List<String> ranges, int indent) {
    String head = " ".repeat(indent) + label;
    out.append(head)
        .append(" ".repeat(Math.max(1, 26 - head.length())))
        .append(String.format("%8d", count));
    if (!ranges.isEmpty()) {
      out.append("  ")
          .append(String.join(", ", ranges.subList(0, Math.min(TEXT_RANGES, ranges.size()))));
      if (ranges.size() > TEXT_RANGES) {
        out.append(" and ").append(ranges.size() - TEXT_RANGES).append(" more ranges");
      }
    }
    out.append('\n');
  }

  /** What a reader must know beyond the counts, in the order they matter. */
  static List<String> notes(CoverageReport r) {
    List<String> notes = new ArrayList<>();
    if (r.hasUnprotected()) {
      notes.add(
          plural(r.unprotected().size(), "eligible number has", "eligible numbers have")
              + " no passcode: add "
              + (r.unprotected().size() == 1 ? "it" : "them")
              + " to a group, or protect every number with a group that sets 'inventory: true'.");
    }
    if (!r.protectedUnmanaged().isEmpty()) {
      notes.add(
          plural(r.protectedUnmanaged().size(), "number holds", "numbers hold")
              + " a passcode set outside portlock; 'portlock import' adopts "
              + (r.protectedUnmanaged().size() == 1 ? "it" : "them")
              + " into the state.");
    }
    if (r.source() == InventoryRead.Source.IN_SERVICE_NUMBERS) {
      notes.add(
          "Tiers are unknown: the credentials lack the Numbers role that GET /tns needs, so"
              + " the numbers were listed with GET /accounts/"
              + r.account()
              + "/inserviceNumbers;"
              + " off-net numbers may be counted as unprotected. Grant the Numbers role for an exact"
              + " picture.");
    }
    if (!r.configuredNotOnAccount().isEmpty()) {
      notes.add(
          plural(
                  r.configuredNotOnAccount().size(),
                  "number of the config is",
                  "numbers of the config are")
              + " not on the account: "
              + String.join(", ", first(CoverageReport.ranges(r.configuredNotOnAccount())))
              + ".");
    }
    return notes;
  }

  public static String json(CoverageReport r) {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("format_version", 1);
    root.put("account", r.account());
    root.put("source", r.source() == InventoryRead.Source.TNS ? "tns" : "inservice_numbers");
    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("total", r.total());
    summary.put("managed", r.managed().size());
    summary.put("protected_unmanaged", r.protectedUnmanaged().size());
    summary.put("unprotected", r.unprotected().size());
    summary.put("ineligible", r.ineligible());
    root.put("summary", summary);
    root.put("managed", CoverageReport.ranges(r.managed()));
    root.put("protected_unmanaged", CoverageReport.ranges(r.protectedUnmanaged()));
    root.put("unprotected", CoverageReport.ranges(r.unprotected()));
    List<Map<String, Object>> ineligible = new ArrayList<>();
    for (CoverageReport.Ineligible reason : CoverageReport.Ineligible.values()) {
      if (r.ineligibleCount(reason) > 0) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("reason", reason.key);
        entry.put("explanation", reason.reason);
        entry.put("count", r.ineligibleCount(reason));
        entry.put("numbers", r.ineligible(reason));
        ineligible.add(entry);
      }
    }
    root.put("ineligible", ineligible);
    root.put("configured_not_on_account", CoverageReport.ranges(r.configuredNotOnAccount()));
    root.put("notes", notes(r));
    try {
      return JSON.writeValueAsString(root) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("could not write the coverage as JSON", e);
    }
  }

  public static String markdown(CoverageReport r) {
    StringBuilder md = new StringBuilder();
    md.append("### portlock coverage: account ").append(r.account()).append("\n\n");
    md.append("| class | numbers |\n|---|---:|\n");
    md.append("| managed | ").append(r.managed().size()).append(" |\n");
    md.append("| protected_unmanaged | ").append(r.protectedUnmanaged().size()).append(" |\n");
    md.append("| **unprotected** | **").append(r.unprotected().size()).append("** |\n");
    for (CoverageReport.Ineligible reason : CoverageReport.Ineligible.values()) {
      md.append("| ineligible: ")
          .append(reason.label)
          .append(" | ")
          .append(r.ineligibleCount(reason))
          .append(" |\n");
    }
    md.append("| total | ").append(r.total()).append(" |\n\n");
    List<AreaCode> areas = byAreaCode(r);
    if (!areas.isEmpty()) {
      md.append("```mermaid\nxychart-beta\n")
          .append("    title \"Protected share of eligible numbers by area code (%)\"\n")
          .append("    x-axis [");
      md.append(String.join(", ", areas.stream().map(a -> "\"" + a.name + "\"").toList()));
      md.append("]\n    y-axis \"protected %\" 0 --> 100\n    bar [");
      md.append(String.join(", ", areas.stream().map(a -> Long.toString(a.percent())).toList()));
      md.append("]\n```\n\n");
      md.append(
          "| area code | eligible | managed | protected_unmanaged | unprotected |"
              + " protected |\n|---|---:|---:|---:|---:|---:|\n");
      for (AreaCode a : areas) {
        md.append("| ")
            .append(a.name)
            .append(" | ")
            .append(a.eligible())
            .append(" | ")
            .append(a.managed)
            .append(" | ")
            .append(a.protectedUnmanaged)
            .append(" | ")
            .append(a.unprotected)
            .append(" | ")
            .append(a.percent())
            .append(" % |\n");
      }
      md.append('\n');
    }
    for (String note : notes(r)) {
      md.append("- ").append(note).append('\n');
    }
    return md.toString();
  }

  /** Counts of one area code (or of all the others). */
  private static final class AreaCode {
    final String name;
    long managed;
    long protectedUnmanaged;
    long unprotected;

    AreaCode(String name) {
      this.name = name;
    }

    long eligible() {
      return managed + protectedUnmanaged + unprotected;
    }

    long percent() {
      long eligible = eligible();
      return eligible == 0 ? 0 : Math.round(100.0 * (managed + protectedUnmanaged) / eligible);
    }
  }

  /** The area codes with the most eligible numbers, then "other". */
  private static List<AreaCode> byAreaCode(CoverageReport r) {
    Map<Integer, AreaCode> all = new TreeMap<>();
    count(all, r.managed(), 0);
    count(all, r.protectedUnmanaged(), 1);
    count(all, r.unprotected(), 2);
    List<AreaCode> sorted = new ArrayList<>(all.values());
    sorted.sort(
        (a, b) ->
            a.eligible() != b.eligible()
                ? Long.compare(b.eligible(), a.eligible())
                : a.name.compareTo(b.name));
    if (sorted.size() <= CHART_AREA_CODES) {
      return sorted;
    }
    List<AreaCode> shown = new ArrayList<>(sorted.subList(0, CHART_AREA_CODES - 1));
    AreaCode other = new AreaCode("other");
    for (AreaCode a : sorted.subList(CHART_AREA_CODES - 1, sorted.size())) {
      other.managed += a.managed;
      other.protectedUnmanaged += a.protectedUnmanaged;
      other.unprotected += a.unprotected;
    }
    shown.add(other);
    return shown;
  }

  private static void count(Map<Integer, AreaCode> all, NumberSet numbers, int kind) {
    numbers.forEach(
        n -> {
          int npa = (int) (n / 10_000_000L);
          AreaCode a = all.computeIfAbsent(npa, k -> new AreaCode(Integer.toString(k)));
          if (kind == 0) {
            a.managed++;
          } else if (kind == 1) {
            a.protectedUnmanaged++;
          } else {
            a.unprotected++;
          }
        });
  }

  private static String sourceName(CoverageReport r) {
    return r.source() == InventoryRead.Source.TNS
        ? "GET /tns"
        : "GET /accounts/" + r.account() + "/inserviceNumbers";
  }

  private static List<String> first(List<String> ranges) {
    return ranges.size() <= TEXT_RANGES ? ranges : ranges.subList(0, TEXT_RANGES);
  }

  private static String plural(long count, String one, String many) {
    return count + " " + (count == 1 ? one : many);
  }
}
