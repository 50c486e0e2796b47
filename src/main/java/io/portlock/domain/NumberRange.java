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

  /** Checks each NPA-NXX block the range touches (validity depends only on NPA and NXX). */
  private static String firstInvalidIn(long first, long last) {
    for (long block = first / 10_000; block <= last / 10_000; block++) {
      long start = Math.max(first, block * 10_000);
      String problem =
          TelephoneNumber.problemWithPrefix(
              (int) (block / 1000), (int) (block % 1000), TelephoneNumber.format(start));
      if (problem != null) {
        return problem;
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
