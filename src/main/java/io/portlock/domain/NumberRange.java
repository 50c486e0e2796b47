package io.portlock.domain;

/** An inclusive range of telephone numbers, written {@code 2018551030..2018551039}. */
public record NumberRange(long first, long last) {

  /** Ranges larger than this are refused: they are almost always a typo. */
  public static final long MAX_SIZE = 1_000_000;

  public NumberRange {
    if (last < first) {
      throw new IllegalArgumentException(
          "range " + first + ".." + last + " ends before it starts; write the lower number first");
    }
    if (last - first + 1 > MAX_SIZE) {
      throw new IllegalArgumentException(
          "range "
              + first
              + ".."
              + last
              + " holds "
              + (last - first + 1)
              + " numbers but a range may hold at most "
              + MAX_SIZE
              + "; split it");
    }
    String problem = firstInvalidIn(first, last);
    if (problem != null) {
      throw new IllegalArgumentException(
          "range " + first + ".." + last + " includes an invalid number: " + problem);
    }
  }

  /** Parses {@code A..B} (each side in any notation of {@link TelephoneNumber#parse}). */
  public static NumberRange parse(String text) {
    int dots = text.indexOf("..");
    if (dots < 0) {
      long single = TelephoneNumber.parseDigits(text);
      return new NumberRange(single, single);
    }
    if (text.indexOf('.', dots + 2) >= 0 && text.substring(dots + 2).trim().startsWith(".")) {
      throw new TelephoneNumber.NotANumberException(
          "'" + text + "' is not a range; write a range as FIRST..LAST with two dots",
          "more than two dots");
    }
    long first = TelephoneNumber.parseDigits(text.substring(0, dots).trim());
    long last = TelephoneNumber.parseDigits(text.substring(dots + 2).trim());
    return new NumberRange(first, last);
  }

  /**
   * Parses the form portlock writes, {@code 2018551030} or {@code 2018551030..2018551039}, from
   * {@code length} characters of {@code chars} at {@code offset} without making a String; null when
   * the text has any other form, for {@link #parse} to read or refuse with its message.
   */
  public static NumberRange parseWritten(char[] chars, int offset, int length) {
    if (length == 10) {
      long single = tenDigits(chars, offset);
      return valid(single) ? new NumberRange(single, single) : null;
    }
    if (length != 22 || chars[offset + 10] != '.' || chars[offset + 11] != '.') {
      return null;
    }
    long first = tenDigits(chars, offset);
    long last = tenDigits(chars, offset + 12);
    return valid(first) && valid(last) ? new NumberRange(first, last) : null;
  }

  /** An invalid number is left to parse, whose message names the number alone. */
  private static boolean valid(long tenDigits) {
    return tenDigits >= 0 && TelephoneNumber.problemWith(tenDigits) == null;
  }

  /** Ten digits starting with 2-9 (a NANP area code), or -1. */
  private static long tenDigits(char[] chars, int offset) {
    if (chars[offset] < '2' || chars[offset] > '9') {
      return -1;
    }
    long value = 0;
    for (int i = offset; i < offset + 10; i++) {
      char c = chars[i];
      if (c < '0' || c > '9') {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }

  /** Checks each NPA-NXX block the range touches (validity depends only on NPA and NXX). */
  private static String firstInvalidIn(long first, long last) {
    for (long block = first / 10_000; block <= last / 10_000; block++) {
      int npa = (int) (block / 1000);
      int nxx = (int) (block % 1000);
      // The number is formatted only for the message: a String per range was a good part of
      // reading a state of millions of ranges.
      if (!TelephoneNumber.isValidPrefix(npa, nxx)) {
        return TelephoneNumber.problemWithPrefix(
            npa, nxx, TelephoneNumber.format(Math.max(first, block * 10_000)));
      }
    }
    return null;
  }

  public long size() {
    return last - first + 1;
  }

  @Override
  public String toString() {
    return first == last ? Long.toString(first) : first + ".." + last;
  }
}
