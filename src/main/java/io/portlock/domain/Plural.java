package io.portlock.domain;

/** A count with its noun in the right number, for messages: "1 number", "2 numbers", "0 orders". */
public final class Plural {
  private Plural() {}

  /** {@code count} and {@code noun}, with an "s" unless the count is exactly one. */
  public static String of(long count, String noun) {
    return of(count, noun, noun + "s");
  }

  /** The word that agrees with {@code count}: {@code agree(n, "is", "are")}. */
  public static String agree(long count, String singular, String plural) {
    return count == 1 ? singular : plural;
  }

  /** For nouns that do not take an "s": {@code of(2, "entry", "entries")}. */
  public static String of(long count, String singular, String plural) {
    return count + " " + (count == 1 ? singular : plural);
  }
}
