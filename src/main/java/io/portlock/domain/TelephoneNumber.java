package io.portlock.domain;

/**
 * A North American (NANP, +1) telephone number, held as its ten digits in a {@code long}.
 *
 * <p>Port-out passcodes exist only for NANP numbers. NPA (area code) and NXX (exchange) start with
 * 2-9, and toll-free NPAs are refused because Bandwidth refuses them (error 5126).
 */
public record TelephoneNumber(long value) implements Comparable<TelephoneNumber> {

  public TelephoneNumber {
    String problem = problemWith(value);
    if (problem != null) {
      throw new IllegalArgumentException(problem);
    }
  }

  /** Returns why {@code tenDigits} is not a valid NANP number, or null when it is valid. */
  public static String problemWith(long tenDigits) {
    if (tenDigits < 1_000_000_000L || tenDigits > 9_999_999_999L) {
      return "expected 10 digits but was " + tenDigits;
    }
    int npa = (int) (tenDigits / 10_000_000L);
    int nxx = (int) (tenDigits / 10_000L % 1000);
    // The number is formatted only for the message: on the valid path that would be a String
    // per number, a fifth of the time a numbers file takes to read.
    return isValidPrefix(npa, nxx) ? null : problemWithPrefix(npa, nxx, format(tenDigits));
  }

  /** Whether the numbers of the block NPA-NXX are valid: {@link #problemWithPrefix} is null. */
  static boolean isValidPrefix(int npa, int nxx) {
    return npa >= 200 && nxx >= 200 && !isTollFree(npa);
  }

  /**
   * Returns why every number of the block NPA-NXX is invalid, or null when the block is valid.
   * Validity of a NANP number depends only on its NPA and NXX, which lets a range be checked block
   * by block instead of number by number.
   */
  static String problemWithPrefix(int npa, int nxx, String shown) {
    if (npa < 200) {
      return shown + " is not a NANP number: the area code must start with 2-9";
    }
    if (isTollFree(npa)) {
      return shown
          + " is a toll-free number: Bandwidth refuses port-out passcodes on toll-free numbers"
          + " (error 5126)";
    }
    if (nxx < 200) {
      return shown + " is not a NANP number: the exchange (digits 4-6) must start with 2-9";
    }
    return null;
  }

  /** True for the NANP toll-free area codes (8XX with a repeated digit: 800, 833, ... 888). */
  public static boolean isTollFree(int npa) {
    return npa == 800
        || npa == 822
        || npa == 833
        || npa == 844
        || npa == 855
        || npa == 866
        || npa == 877
        || npa == 888;
  }

  /**
   * Parses any usual NANP notation: {@code 2018551020}, {@code +1 (201) 855-1020}, {@code
   * 1-201-855-1020}, {@code 201.855.1020}.
   *
   * @throws IllegalArgumentException with a message naming the input and what was expected
   */
  public static TelephoneNumber parse(String text) {
    return new TelephoneNumber(parseDigits(text));
  }

  /** Like {@link #parse} but returns the ten digits without allocating a record. */
  public static long parseDigits(CharSequence text) {
    long digits = 0;
    int count = 0;
    int length = text.length();
    boolean plus = false;
    for (int i = 0; i < length; i++) {
      char c = text.charAt(i);
      if (c >= '0' && c <= '9') {
        if (++count > 11) {
          throw notANumber(text, "too many digits (expected 10, or 11 starting with 1)");
        }
        digits = digits * 10 + (c - '0');
      } else if (c == '+' && count == 0 && !plus) {
        plus = true;
      } else if (c != ' ' && c != '-' && c != '.' && c != '(' && c != ')') {
        throw notANumber(
            text,
            "unexpected character '" + printable(c) + "'",
            "an unexpected character at position " + (i + 1));
      }
    }
    if (count == 11) {
      if (digits / 10_000_000_000L != 1) {
        throw notANumber(text, "11 digits must start with the country code 1");
      }
      digits -= 10_000_000_000L;
    } else if (count != 10) {
      throw notANumber(text, "expected 10 digits (or 11 starting with 1) but found " + count);
    } else if (plus) {
      throw notANumber(text, "a number written with '+' must start with the country code +1");
    }
    String problem = problemWith(digits);
    if (problem != null) {
      throw new IllegalArgumentException(problem);
    }
    return digits;
  }

  private static NotANumberException notANumber(CharSequence text, String why) {
    return notANumber(text, why, why);
  }

  private static NotANumberException notANumber(CharSequence text, String why, String safeWhy) {
    return new NotANumberException(
        "'"
            + truncate(text)
            + "' is not a telephone number: "
            + why
            + "; write it as 10 digits such as 2018551020 or +1 (201) 855-1020",
        safeWhy);
  }

  /**
   * The text is not a telephone number at all. Its message quotes the text, which suits a config; a
   * reader of a file that may hold a secret reports only the place instead.
   */
  public static final class NotANumberException extends IllegalArgumentException {
    private final String reason;

    NotANumberException(String message, String reason) {
      super(message);
      this.reason = reason;
    }

    /** Why the text is not a number, quoting none of it: "expected 10 digits … but found 5". */
    public String reason() {
      return reason;
    }
  }

  private static String truncate(CharSequence text) {
    return text.length() <= 40 ? text.toString() : text.subSequence(0, 40) + "...";
  }

  private static String printable(char c) {
    return c >= 0x20 && c < 0x7f ? String.valueOf(c) : String.format("\\u%04x", (int) c);
  }

  /** The ten digits as text, with leading zeros impossible by construction. */
  public static String format(long tenDigits) {
    return Long.toString(tenDigits);
  }

  @Override
  public int compareTo(TelephoneNumber other) {
    return Long.compare(value, other.value);
  }

  @Override
  public String toString() {
    return format(value);
  }
}
