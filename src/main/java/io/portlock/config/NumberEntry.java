package io.portlock.config;

import io.portlock.domain.NumberRange;
import io.portlock.domain.TelephoneNumber;

/** Parses one entry of a numbers list: a number in any NANP notation, or a range {@code A..B}. */
final class NumberEntry {
  private NumberEntry() {}

  /** Receives each parsed entry, with the place it was written. */
  interface Sink {
    void entry(long first, long last, int line, int column);

    /**
     * The numbers of {@code count} consecutive lines from {@code firstLine} on, each line one
     * number at column 1: what {@link #entry} would be told line by line, in one call.
     */
    default void numbers(long[] numbers, int count, int firstLine) {
      for (int i = 0; i < count; i++) {
        entry(numbers[i], numbers[i], firstLine + i, 1);
      }
    }
  }

  /** Receives each entry that cannot be used, with a user-ready message. */
  interface Errors {
    void error(int line, int column, String message);
  }

  /**
   * Parses {@code text} and hands the result to {@code sink}.
   *
   * @throws IllegalArgumentException with the domain's user-ready message
   */
  static void parse(CharSequence text, int line, int column, Sink sink) {
    if (!hasTwoDots(text)) {
      // The common case: one number, parsed without allocating a range.
      long number = TelephoneNumber.parseDigits(text);
      sink.entry(number, number, line, column);
    } else {
      NumberRange range = NumberRange.parse(text.toString());
      sink.entry(range.first(), range.last(), line, column);
    }
  }

  private static boolean hasTwoDots(CharSequence text) {
    for (int i = 1; i < text.length(); i++) {
      if (text.charAt(i) == '.' && text.charAt(i - 1) == '.') {
        return true;
      }
    }
    return false;
  }
}
