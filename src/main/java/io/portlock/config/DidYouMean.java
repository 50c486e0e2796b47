package io.portlock.config;

import java.util.List;
import java.util.Locale;

/** Suggests the allowed word closest to a misspelt one. */
final class DidYouMean {
  private DidYouMean() {}

  /** The closest candidate within a small edit distance, or null when none is close. */
  static String closest(String word, List<String> candidates) {
    String lower = word.toLowerCase(Locale.ROOT);
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String candidate : candidates) {
      int distance = distance(lower, candidate);
      if (distance < bestDistance) {
        best = candidate;
        bestDistance = distance;
      }
    }
    // Two edits catch typos and swapped letters; more would suggest unrelated words.
    int allowed = Math.min(2, Math.max(1, word.length() / 3));
    return bestDistance <= allowed ? best : null;
  }

  /** Levenshtein distance, with '-' and '_' treated as the same (numbers-file, numbers_file). */
  static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = same(a.charAt(i - 1), b.charAt(j - 1)) ? 0 : 1;
        current[j] =
            Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }

  private static boolean same(char x, char y) {
    return x == y || (x == '-' || x == '_') && (y == '-' || y == '_');
  }
}
