package io.portlock.domain;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.LongConsumer;

/**
 * An immutable, sorted set of distinct telephone numbers held as a {@code long[]}: a million
 * numbers cost 8 MB instead of the ~60 MB of boxed values.
 */
public final class NumberSet {
  private static final NumberSet EMPTY = new NumberSet(new long[0]);

  private final long[] sorted;

  private NumberSet(long[] sorted) {
    this.sorted = sorted;
  }

  public static NumberSet empty() {
    return EMPTY;
  }

  /** Wraps numbers that are already sorted and distinct; checks it in O(n). */
  public static NumberSet ofSorted(long[] sorted) {
    for (int i = 1; i < sorted.length; i++) {
      if (sorted[i] <= sorted[i - 1]) {
        throw new IllegalArgumentException(
            "expected sorted distinct numbers but " + sorted[i] + " follows " + sorted[i - 1]);
      }
    }
    return new NumberSet(sorted);
  }

  /** Sorts and removes duplicates. */
  public static NumberSet of(long... numbers) {
    long[] copy = numbers.clone();
    Arrays.sort(copy);
    int distinct = 0;
    for (int i = 0; i < copy.length; i++) {
      if (i == 0 || copy[i] != copy[distinct - 1]) {
        copy[distinct++] = copy[i];
      }
    }
    return new NumberSet(distinct == copy.length ? copy : Arrays.copyOf(copy, distinct));
  }

  /** Parses compressed ranges as written by {@link #toRangeStrings()}. */
  public static NumberSet parseRanges(List<String> ranges) {
    Builder builder = new Builder();
    for (String range : ranges) {
      builder.addRange(NumberRange.parse(range));
    }
    return builder.build();
  }

  public int size() {
    return sorted.length;
  }

  public boolean isEmpty() {
    return sorted.length == 0;
  }

  public long get(int index) {
    return sorted[index];
  }

  public boolean contains(long number) {
    return Arrays.binarySearch(sorted, number) >= 0;
  }

  public void forEach(LongConsumer action) {
    for (long n : sorted) {
      action.accept(n);
    }
  }

  /** A copy of the numbers, sorted. */
  public long[] toArray() {
    return sorted.clone();
  }

  /** The numbers from index {@code from} (inclusive) to {@code to} (exclusive). */
  public NumberSet slice(int from, int to) {
    return new NumberSet(Arrays.copyOfRange(sorted, from, to));
  }

  /** Runs of consecutive numbers, as inclusive ranges. */
  public List<NumberRange> ranges() {
    return ranges(Integer.MAX_VALUE);
  }

  /**
   * The first {@code limit} ranges of {@link #ranges()}: a listing that shows a few makes no more.
   */
  public List<NumberRange> ranges(int limit) {
    List<NumberRange> ranges = new ArrayList<>();
    int i = 0;
    while (i < sorted.length && ranges.size() < limit) {
      int j = i;
      while (j + 1 < sorted.length && sorted[j + 1] == sorted[j] + 1) {
        j++;
      }
      ranges.add(new NumberRange(sorted[i], sorted[j]));
      i = j + 1;
    }
    return ranges;
  }

  /** How many ranges {@link #ranges()} would give, counted without making them. */
  public int rangeCount() {
    int count = sorted.length == 0 ? 0 : 1;
    for (int i = 1; i < sorted.length; i++) {
      if (sorted[i] != sorted[i - 1] + 1) {
        count++;
      }
    }
    return count;
  }

  /** Compressed text form: {@code ["2018551020", "2018551030..2018551039"]}. */
  public List<String> toRangeStrings() {
    List<NumberRange> ranges = ranges();
    List<String> out = new ArrayList<>(ranges.size());
    for (NumberRange range : ranges) {
      out.add(range.toString());
    }
    return out;
  }

  public NumberSet union(NumberSet other) {
    long[] merged = new long[sorted.length + other.sorted.length];
    System.arraycopy(sorted, 0, merged, 0, sorted.length);
    System.arraycopy(other.sorted, 0, merged, sorted.length, other.sorted.length);
    return of(merged);
  }

  /** The numbers in both sets. */
  public NumberSet intersect(NumberSet other) {
    long[] out = new long[Math.min(sorted.length, other.sorted.length)];
    int count = 0;
    for (long n : sorted) {
      if (other.contains(n)) {
        out[count++] = n;
      }
    }
    return new NumberSet(Arrays.copyOf(out, count));
  }

  public NumberSet minus(NumberSet other) {
    long[] out = new long[sorted.length];
    int count = 0;
    for (long n : sorted) {
      if (!other.contains(n)) {
        out[count++] = n;
      }
    }
    return new NumberSet(Arrays.copyOf(out, count));
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof NumberSet that && Arrays.equals(sorted, that.sorted);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(sorted);
  }

  @Override
  public String toString() {
    return sorted.length + " numbers " + toRangeStrings();
  }

  /** Collects numbers in any order; {@link #build()} sorts and removes duplicates. */
  public static final class Builder {
    private long[] buffer = new long[16];
    private int size;

    public Builder add(long number) {
      if (size == buffer.length) {
        buffer = Arrays.copyOf(buffer, buffer.length * 2);
      }
      buffer[size++] = number;
      return this;
    }

    public Builder addRange(NumberRange range) {
      for (long n = range.first(); n <= range.last(); n++) {
        add(n);
      }
      return this;
    }

    public Builder addAll(NumberSet set) {
      for (long n : set.sorted) {
        add(n);
      }
      return this;
    }

    public int size() {
      return size;
    }

    public NumberSet build() {
      return of(Arrays.copyOf(buffer, size));
    }
  }
}
