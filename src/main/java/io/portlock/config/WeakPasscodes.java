package io.portlock.config;

import io.portlock.domain.NumberSet;
import io.portlock.domain.Passcode;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds what makes a passcode easy to guess: the fingerprints in git are only as strong as the
 * passcodes without a key, and a port-out fraudster guesses too. Names the rules a passcode breaks,
 * never the passcode.
 */
final class WeakPasscodes {
  static final int MIN_STRONG_LENGTH = 8;

  private WeakPasscodes() {}

  /** The rules {@code passcode} breaks, in words ("it is all digits"); empty when none. */
  static List<String> rules(Passcode passcode, NumberSet numbers) {
    String value = passcode.reveal();
    List<String> rules = new ArrayList<>();
    boolean digits = true;
    boolean oneCharacter = !value.isEmpty();
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      digits &= c >= '0' && c <= '9';
      oneCharacter &= c == value.charAt(0);
    }
    if (digits) {
      rules.add("it is all digits");
    }
    if (value.length() < MIN_STRONG_LENGTH) {
      rules.add("it has fewer than " + MIN_STRONG_LENGTH + " characters");
    }
    if (oneCharacter) {
      rules.add("it is one character repeated");
    } else if (isSequence(value)) {
      rules.add("it is a sequence (like 1234, abcd or 9876)");
    }
    if (digits && endsSomeNumber(Long.parseLong(value), value.length(), numbers)) {
      rules.add("it is the last digits of one of the group's own numbers");
    }
    return rules;
  }

  /** Each character one up (or each one down) from the last: 1234, abcd, 9876, 7890. */
  private static boolean isSequence(String value) {
    String lower = value.toLowerCase(java.util.Locale.ROOT);
    return steps(lower, 1) || steps(lower, -1);
  }

  private static boolean steps(String value, int step) {
    for (int i = 1; i < value.length(); i++) {
      char previous = value.charAt(i - 1);
      char c = value.charAt(i);
      boolean sameKind = Character.isDigit(previous) == Character.isDigit(c);
      int diff = c - previous;
      boolean wraps = Character.isDigit(c) && diff == -9 * step; // 7890, 2109
      if (!sameKind || (diff != step && !wraps)) {
        return false;
      }
    }
    return true;
  }

  private static boolean endsSomeNumber(long value, int length, NumberSet numbers) {
    long modulus = 1;
    for (int i = 0; i < length; i++) {
      modulus *= 10;
    }
    for (int i = 0; i < numbers.size(); i++) {
      if (numbers.get(i) % modulus == value) {
        return true;
      }
    }
    return false;
  }
}
