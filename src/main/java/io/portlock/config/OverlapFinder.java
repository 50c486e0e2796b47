package io.portlock.config;

import io.portlock.domain.NumberSet;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds numbers that are in more than one group with one k-way merge of the groups' sorted
 * numbers: O(n log k) time and no copy of all numbers.
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

  private Result run(int keep) {
    for (int g = 0; g < sets.size(); g++) {
      if (!sets.get(g).isEmpty()) {
        heap[heapSize++] = g;
      }
    }
    for (int i = heapSize / 2 - 1; i >= 0; i--) {
      siftDown(i);
    }
    List<Overlap> shown = new ArrayList<>();
    long total = 0;
    int[] holders = new int[sets.size()];
    while (heapSize > 0) {
      long number = head(heap[0]);
      int count = 0;
      while (heapSize > 0 && head(heap[0]) == number) {
        int g = heap[0];
        holders[count++] = g;
        if (++cursor[g] < sets.get(g).size()) {
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
    return new Result(shown, total);
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
