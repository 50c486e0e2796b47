package io.portlock.config;

import io.portlock.domain.NumberSet;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds numbers that are in more than one group with a k-way merge of the groups' sorted numbers:
 * at most O(n log k) time and no copy of all numbers. A run of numbers that only one group holds
 * costs no heap operation, and groups whose spans touch no other are not merged.
 */
final class OverlapFinder {
  /** A number and the indexes of the groups that hold it, ascending. */
  record Overlap(long number, int[] groups) {}

  /** The overlaps found: the first {@code keep} of them, and how many there are in all. */
  record Result(List<Overlap> shown, long total) {}

  private final List<NumberSet> sets;
  private final int[] cursor;
  private final int[] heap;
  private int heapSize;

  private OverlapFinder(List<NumberSet> sets) {
    this.sets = sets;
    this.cursor = new int[sets.size()];
    this.heap = new int[sets.size()];
  }

  static Result find(List<NumberSet> sets, int keep) {
    return new OverlapFinder(sets).run(keep);
  }

  /**
   * Groups whose spans (first to last number) do not touch another's cannot overlap it: the groups
   * are sorted by first number and merged only in clusters of touching spans. Generated or
   * block-allocated configs, whose groups are far apart, need no merge at all.
   */
  private Result run(int keep) {
    Integer[] byFirst = new Integer[sets.size()];
    int nonEmpty = 0;
    for (int g = 0; g < sets.size(); g++) {
      if (!sets.get(g).isEmpty()) {
        byFirst[nonEmpty++] = g;
      }
    }
    java.util.Arrays.sort(
        byFirst, 0, nonEmpty, java.util.Comparator.comparingLong(g -> sets.get(g).get(0)));
    List<Overlap> shown = new ArrayList<>();
    long total = 0;
    int i = 0;
    while (i < nonEmpty) {
      int end = i + 1;
      long last = lastOf(byFirst[i]);
      while (end < nonEmpty && sets.get(byFirst[end]).get(0) <= last) {
        last = Math.max(last, lastOf(byFirst[end++]));
      }
      if (end - i > 1) {
        heapSize = 0;
        for (int k = i; k < end; k++) {
          heap[heapSize++] = byFirst[k];
        }
        total += merge(keep, shown);
      }
      i = end;
    }
    return new Result(shown, total);
  }

  private long lastOf(int group) {
    NumberSet set = sets.get(group);
    return set.get(set.size() - 1);
  }

  /** Merges the groups in the heap; adds what it finds to {@code shown}, returns the count. */
  private long merge(int keep, List<Overlap> shown) {
    for (int i = heapSize / 2 - 1; i >= 0; i--) {
      siftDown(i);
    }
    long total = 0;
    int[] holders = new int[heapSize];
    while (heapSize > 0) {
      long number = head(heap[0]);
      int count = 0;
      while (heapSize > 0 && head(heap[0]) == number) {
        int g = heap[0];
        holders[count++] = g;
        if (advance(g, count == 1 ? secondSmallest() : number)) {
          siftDown(0);
        } else {
          heap[0] = heap[--heapSize];
          siftDown(0);
        }
      }
      if (count > 1) {
        total++;
        if (shown.size() < keep) {
          int[] groups = java.util.Arrays.copyOf(holders, count);
          java.util.Arrays.sort(groups);
          shown.add(new Overlap(number, groups));
        }
      }
    }
    return total;
  }

  /** The smallest head below the top of the heap: no other group holds a number below it. */
  private long secondSmallest() {
    long second = Long.MAX_VALUE;
    if (heapSize > 1) {
      second = head(heap[1]);
    }
    if (heapSize > 2) {
      second = Math.min(second, head(heap[2]));
    }
    return second;
  }

  /**
   * Moves the cursor of the heap's top group past its head and past every following number below
   * {@code bound}, which no other group holds; false when the group has no more.
   */
  private boolean advance(int g, long bound) {
    NumberSet set = sets.get(g);
    int c = cursor[g] + 1;
    while (c < set.size() && set.get(c) < bound) {
      c++;
    }
    cursor[g] = c;
    return c < set.size();
  }

  private long head(int group) {
    return sets.get(group).get(cursor[group]);
  }

  private void siftDown(int i) {
    while (true) {
      int smallest = i;
      int left = 2 * i + 1;
      int right = left + 1;
      if (left < heapSize && head(heap[left]) < head(heap[smallest])) {
        smallest = left;
      }
      if (right < heapSize && head(heap[right]) < head(heap[smallest])) {
        smallest = right;
      }
      if (smallest == i) {
        return;
      }
      int swap = heap[i];
      heap[i] = heap[smallest];
      heap[smallest] = swap;
      i = smallest;
    }
  }
}
