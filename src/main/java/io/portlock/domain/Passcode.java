package io.portlock.domain;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A port-out passcode: 4 to 10 ASCII letters or digits. A secret: {@link #toString()} never shows
 * it, and neither does any message this class builds.
 */
public final class Passcode {
  /** What {@link #scrub} puts in place of a passcode. */
  public static final String REDACTED = "(redacted)";

  private static final int MIN_LENGTH = 4;
  private static final int MAX_LENGTH = 10;

  /**
   * Every passcode this run has seen, from the config or read back from Bandwidth, so that any text
   * from outside can be scrubbed of them by value.
   */
  private static final Set<String> KNOWN = ConcurrentHashMap.newKeySet();

  private final String value;

  private Passcode(String value) {
    this.value = value;
  }

  /**
   * Checks and wraps a passcode.
   *
   * @throws IllegalArgumentException whose message describes the problem without the value
   */
  public static Passcode of(String value) {
    String problem = problemWith(value);
    if (problem != null) {
      throw new IllegalArgumentException(problem);
    }
    KNOWN.add(value);
    return new Passcode(value);
  }

  /**
   * {@code text} with every passcode known to this run replaced by {@link #REDACTED}, wherever it
   * stands: in an element, CDATA, an attribute or the middle of a word. Text from Bandwidth (an
   * error description, an answer excerpt) may echo any passcode, in any markup.
   */
  public static String scrub(String text) {
    if (text == null || KNOWN.isEmpty()) {
      return text;
    }
    StringBuilder out = null;
    int copied = 0;
    int length = text.length();
    for (int i = 0; i + MIN_LENGTH <= length; ) {
      int found = 0;
      // Longest first, so that a passcode containing a shorter one is masked whole.
      for (int n = Math.min(MAX_LENGTH, length - i); n >= MIN_LENGTH && found == 0; n--) {
        if (KNOWN.contains(text.substring(i, i + n))) {
          found = n;
        }
      }
      if (found == 0) {
        i++;
        continue;
      }
      if (out == null) {
        out = new StringBuilder(length);
      }
      out.append(text, copied, i).append(REDACTED);
      i += found;
      copied = i;
    }
    return out == null ? text : out.append(text, copied, length).toString();
  }

  /** Returns why {@code value} is not a valid passcode, without quoting it; null when valid. */
  public static String problemWith(String value) {
    if (value == null || value.isEmpty()) {
      return "the passcode is empty; expected 4 to 10 ASCII letters or digits";
    }
    int length = value.length();
    if (length < 4 || length > 10) {
      return "the passcode has " + length + " characters; expected 4 to 10 ASCII letters or digits";
    }
    for (int i = 0; i < length; i++) {
      char c = value.charAt(i);
      boolean ok = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
      if (!ok) {
        return "the passcode has a character that is not an ASCII letter or digit at position "
            + (i + 1)
            + "; expected 4 to 10 ASCII letters or digits";
      }
    }
    if (value.equalsIgnoreCase("unchanged")) {
      // Bandwidth reads this word as "leave the passcode as it is", not as a passcode.
      return "the passcode is Bandwidth's keyword 'unchanged', which would leave the number"
          + " unprotected; choose another passcode";
    }
    return null;
  }

  /** The secret itself: only the fingerprinter and the API client may call this. */
  public String reveal() {
    return value;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Passcode that && value.equals(that.value);
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }

  @Override
  public String toString() {
    return "Passcode(sensitive)";
  }
}
