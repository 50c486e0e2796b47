package io.portlock.config;

import io.portlock.domain.NumberSet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Collects the numbers of one group from its sources into a {@code long[]} (no boxing), then sorts
 * them, drops repeats and remembers which numbers were repeated.
 */
final class GroupNumbers implements NumberEntry.Sink {
  /** Where a group's numbers were written, kept so that places can be found again on demand. */
  sealed interface Source {
    /** The file as diagnostics name it. */
    Path display();

    record Inline(Path display, SequenceNode list) implements Source {}

    record File(Path display, Path real) implements Source {}
  }

  private final NumberBudget budget;
  private final Diagnostics out;
  private final List<Source> sources = new ArrayList<>();
  private Path currentFile;

  /** The numbers as read, from index 0 to size; lent by the budget, given back by finish. */
  private long[] raw;

  private int size;
  private long[] repeated = new long[0];
  private int repeatedCount;
  private boolean refused;

  /**
   * Whether every entry so far came after the one before (as in an exported, sorted list): then the
   * numbers are sorted and distinct already, and {@link #finish} neither sorts nor looks for
   * repeats.
   */
  private boolean ascending = true;

  private long lastAdded = Long.MIN_VALUE;

  GroupNumbers(NumberBudget budget, Diagnostics out) {
    this.budget = budget;
    this.out = out;
    this.raw = budget.lendArray();
  }

  /** Starts reading a source; entries that follow belong to it. */
  void begin(Source source) {
    sources.add(source);
    currentFile = source.display();
    if (source instanceof Source.File file) {
      reserve(expectedNumbers(file.real()));
    }
  }

  /**
   * About as many numbers as a file of one 10-digit number per line holds, so the array does not
   * grow a dozen times while it is read; at most a million (8 MB), whatever the file.
   */
  private static int expectedNumbers(Path file) {
    try {
      return (int) Math.min(Files.size(file) / 11, 1_000_000);
    } catch (IOException e) {
      return 0; // the reader reports what is wrong with the file
    }
  }

  private void reserve(int more) {
    if (size + more > raw.length) {
      grow(size + more);
    }
  }

  @Override
  public void entry(long first, long last, int line, int column) {
    long count = last - first + 1;
    if (!budget.take(count, currentFile, line, column, out)) {
      refused = true;
      return;
    }
    if (size + count > raw.length) {
      // By half, not double: while the array grows both copies are live, and near the budget
      // (80 MB of numbers) doubling would need 3 times that; 1.5 times needs 2.5.
      grow((int) Math.max(raw.length + (raw.length >> 1), size + count));
    }
    ascending &= first > lastAdded;
    lastAdded = last;
    if (first == last) {
      raw[size++] = first;
    } else {
      for (long n = first; n <= last; n++) {
        raw[size++] = n;
      }
    }
  }

  /**
   * A run of one-number lines at once: when the budget has room for all of them, they are taken
   * together and copied in one go; otherwise line by line, so that the error names the line where
   * the budget ran out.
   */
  @Override
  public void numbers(long[] numbers, int count, int firstLine) {
    if (!budget.fits(count)) {
      NumberEntry.Sink.super.numbers(numbers, count, firstLine);
      return;
    }
    budget.take(count, currentFile, firstLine, 1, out);
    if (size + count > raw.length) {
      grow(Math.max(raw.length + (raw.length >> 1), size + count));
    }
    boolean sorted = ascending;
    long previous = lastAdded;
    for (int i = 0; i < count; i++) {
      long n = numbers[i];
      sorted &= n > previous;
      previous = n;
    }
    ascending = sorted;
    lastAdded = previous;
    System.arraycopy(numbers, 0, raw, size, count);
    size += count;
  }

  /** A longer array holding the numbers so far (only those: a lent array may hold others). */
  private void grow(int length) {
    long[] grown = new long[length];
    System.arraycopy(raw, 0, grown, 0, size);
    raw = grown;
  }

  List<Source> sources() {
    return sources;
  }

  /** Sorts and de-duplicates; afterwards {@link #repeated()} tells which numbers were repeated. */
  NumberSet finish() {
    if (ascending) {
      NumberSet set = NumberSet.ofSorted(Arrays.copyOf(raw, size));
      budget.giveBack(raw);
      raw = null;
      return set;
    }
    Arrays.sort(raw, 0, size);
    int distinct = 0;
    long[] shown = new long[CappedErrors.LIMIT];
    boolean anyRepeated = false;
    long lastRepeated = 0;
    for (int i = 0; i < size; i++) {
      long n = raw[i];
      if (distinct > 0 && n == raw[distinct - 1]) {
        // Count each repeated number once, however often it is repeated.
        if (!anyRepeated || lastRepeated != n) {
          if (repeatedCount < shown.length) {
            shown[repeatedCount] = n;
          }
          repeatedCount++;
          anyRepeated = true;
          lastRepeated = n;
        }
      } else {
        raw[distinct++] = n;
      }
    }
    repeated = Arrays.copyOf(shown, Math.min(repeatedCount, shown.length));
    NumberSet set = NumberSet.ofSorted(Arrays.copyOf(raw, distinct));
    budget.giveBack(raw);
    raw = null;
    return set;
  }

  /** True when numbers were left out because the config holds too many. */
  boolean refused() {
    return refused;
  }

  /** Up to {@link CappedErrors#LIMIT} numbers written more than once, ascending. */
  long[] repeated() {
    return repeated;
  }

  /** How many distinct numbers were written more than once. */
  int repeatedCount() {
    return repeatedCount;
  }
}
