package io.portlock.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;

/**
 * The dense text form of a {@link NumberSet} that plan files use, where numbers rarely form ranges:
 * a list of entries, each a run of numbers written as its distance from the last number before it,
 * with {@code +N} when the N numbers that follow belong to the run too. An entry's first distance
 * is counted from 0, so it is the number itself:
 *
 * <pre>{@code
 * "2018551020+4,6,2,2+9"  =  2018551020..2018551024, 2018551030, 2018551032, 2018551034..2018551043
 * }</pre>
 *
 * Numbers every other one cost two bytes each instead of the fourteen of a quoted range string. An
 * entry holds at most {@value #RUNS_PER_ENTRY} runs, so that no string grows past what a JSON
 * reader takes; entries ascend, each starting more than one number after the entry before ends.
 */
public final class PackedNumbers {
  /** Runs per entry: a few kilobytes of text at most. */
  public static final int RUNS_PER_ENTRY = 1000;

  private static final int MAX_DIGITS = 10;
  private static final long LAST_NUMBER = 9_999_999_999L;

  private PackedNumbers() {}

  /** The entries of {@code numbers}; none when it is empty. */
  public static List<String> entries(NumberSet numbers) {
    List<String> entries = new ArrayList<>();
    StringBuilder entry = new StringBuilder();
    int runs = 0;
    long previous = 0;
    int i = 0;
    int size = numbers.size();
    while (i < size) {
      long first = numbers.get(i);
      int j = i;
      while (j + 1 < size && numbers.get(j + 1) == numbers.get(j) + 1) {
        j++;
      }
      if (runs == RUNS_PER_ENTRY) {
        entries.add(entry.toString());
        entry.setLength(0);
        runs = 0;
        previous = 0;
      }
      if (runs > 0) {
        entry.append(',');
      }
      entry.append(first - previous);
      if (j > i) {
        entry.append('+').append(j - i);
      }
      previous = numbers.get(j);
      runs++;
      i = j + 1;
    }
    if (runs > 0) {
      entries.add(entry.toString());
    }
    return entries;
  }

  /**
   * Reads entries back.
   *
   * @param sizes hears how many numbers each run holds before the run is held
   * @throws MalformedException naming the entry and the place in it, quoting none of its text
   * @throws IllegalArgumentException from {@link NumberRange}: an invalid number (it quotes only
   *     numbers that parsed)
   */
  public static NumberSet parse(List<String> entries, LongConsumer sizes) {
    Decoder decoder = new Decoder(sizes);
    entries.forEach(decoder::add);
    return decoder.build();
  }

  /**
   * Reads entries one by one, as a streaming reader meets them. Before a run is added, {@code
   * sizes} hears how many numbers it holds, so that a caller can refuse a crafted file before its
   * numbers are held.
   */
  public static final class Decoder {
    private final NumberSet.Builder builder = new NumberSet.Builder();
    private final LongConsumer sizes;
    private int index;
    private long after;

    public Decoder(LongConsumer sizes) {
      this.sizes = sizes;
    }

    /**
     * Adds the next entry, which must start after the one before ends.
     *
     * @throws MalformedException naming the entry and the place in it, quoting none of its text
     * @throws IllegalArgumentException from {@link NumberRange}: an invalid number
     */
    public void add(String entry) {
      after = parseEntry(entry, index++, after, builder, sizes);
    }

    public NumberSet build() {
      return builder.build();
    }
  }

  /** Adds one entry's runs; returns its last number. */
  private static long parseEntry(
      String entry, int index, long after, NumberSet.Builder builder, LongConsumer sizes) {
    if (entry.isEmpty()) {
      throw new MalformedException(index, "is empty");
    }
    long previous = 0;
    int at = 0;
    int length = entry.length();
    boolean first = true;
    while (true) {
      int token = at;
      int end = digits(entry, at, index);
      long distance = Long.parseLong(entry, at, end, 10);
      long start = previous + distance;
      long more = 0;
      at = end;
      if (at < length && entry.charAt(at) == '+') {
        end = digits(entry, at + 1, index);
        more = Long.parseLong(entry, at + 1, end, 10);
        if (more == 0) {
          throw new MalformedException(index, "has +0 at position " + (at + 1));
        }
        at = end;
      }
      if (first && after > 0 && start <= after + 1) {
        throw new MalformedException(
            index, "does not start after the entry before it ends (entries ascend, apart)");
      }
      if (!first && distance < 2) {
        throw new MalformedException(
            index,
            "has a distance of "
                + distance
                + " at position "
                + (token + 1)
                + " (runs ascend, at least 2 apart)");
      }
      if (start + more > LAST_NUMBER) {
        throw new MalformedException(index, "goes past 9999999999 at position " + (token + 1));
      }
      add(start, more, builder, sizes);
      previous = start + more;
      first = false;
      if (at == length) {
        break;
      }
      if (entry.charAt(at) != ',') {
        throw new MalformedException(index, unexpected(at));
      }
      at++;
    }
    return previous;
  }

  /** A single number is checked without a range's allocations: most runs of a plan are one. */
  private static void add(long start, long more, NumberSet.Builder builder, LongConsumer sizes) {
    if (more == 0) {
      String problem = TelephoneNumber.problemWith(start);
      if (problem != null) {
        throw new IllegalArgumentException(problem);
      }
      sizes.accept(1);
      builder.add(start);
    } else {
      NumberRange run = new NumberRange(start, start + more);
      sizes.accept(run.size());
      builder.addRange(run);
    }
  }

  /** The end of the digits starting at {@code from}: at least one, at most ten. */
  private static int digits(String entry, int from, int index) {
    int end = from;
    while (end < entry.length() && entry.charAt(end) >= '0' && entry.charAt(end) <= '9') {
      end++;
    }
    if (end == from) {
      throw new MalformedException(
          index,
          from == entry.length()
              ? "ends where a number was expected"
              : unexpected(from) + " where a number was expected");
    }
    if (end - from > MAX_DIGITS) {
      throw new MalformedException(
          index, "has a number of more than 10 digits at position " + (from + 1));
    }
    return end;
  }

  private static String unexpected(int at) {
    return "has a character other than a digit, ',' or '+' at position " + (at + 1);
  }

  /**
   * An entry is not in the packed form. The message says which entry and where, never its text: the
   * file may be a secret planted under a plan's name.
   */
  public static final class MalformedException extends IllegalArgumentException {
    private MalformedException(int entry, String problem) {
      super("entry " + (entry + 1) + " " + problem);
    }
  }
}
