package io.portlock.domain;

/**
 * A port-out passcode: 4 to 10 ASCII letters or digits. A secret: {@link #toString()} never
 * shows it, and neither does any message this class builds.
 */
public final class Passcode {
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
    return new Passcode(value);
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
            + (i + 1) + "; expected 4 to 10 ASCII letters or digits";
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
