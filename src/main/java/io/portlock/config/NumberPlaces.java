package io.portlock.config;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds where a group's numbers were written ({@code file:line:col}), on demand: the loader keeps
 * the group's sources rather than a place per number, so only the few numbers a message is about
 * cost anything.
 */
public final class NumberPlaces {
  private static final NumberPlaces NONE = new NumberPlaces(List.of());

  private final List<GroupNumbers.Source> sources;

  NumberPlaces(List<GroupNumbers.Source> sources) {
    this.sources = List.copyOf(sources);
  }

  /** Places of nothing: for configs built in memory. */
  public static NumberPlaces none() {
    return NONE;
  }

  /**
   * The first place each of {@code sorted} (ascending) was written, as {@code file:line:col}; null
   * for a number not found in the sources.
   */
  public List<String> of(long[] sorted) {
    List<String> out = new ArrayList<>(sorted.length);
    if (sources.isEmpty()) {
      for (int i = 0; i < sorted.length; i++) {
        out.add(null);
      }
      return out;
    }
    for (Place[] places : NumberLocator.locate(sources, sorted, 1)) {
      out.add(places[0] == null ? null : places[0].toString());
    }
    return out;
  }
}
