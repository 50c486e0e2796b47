package io.portlock.cli;

import io.portlock.domain.NumberRange;
import io.portlock.domain.NumberSet;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads {@code portlock sandbox --inventory FILE}: one number or range per line, optionally
 * followed by {@code tier=N} (off-net when not 0); toll-free numbers are taken as they are (the
 * sandbox refuses their passcodes with 5126), and numbers outside NANP are written in E.164 ({@code
 * +44 20 7183 8750}). Blank lines and {@code #} comments are skipped.
 */
final class SandboxInventoryFile {
  private SandboxInventoryFile() {}

  /**
   * @throws IllegalArgumentException as {@code FILE:LINE:COLUMN: message}
   */
  static SandboxCommand.InventorySeed read(Path file) {
    NumberSet.Builder numbers = new NumberSet.Builder();
    Map<Long, Integer> tiers = new TreeMap<>();
    List<String> others = new ArrayList<>();
    try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      int lineNumber = 0;
      while ((line = reader.readLine()) != null) {
        lineNumber++;
        int hash = line.indexOf('#');
        String text = hash >= 0 ? line.substring(0, hash) : line;
        if (text.isBlank()) {
          continue;
        }
        String where = file + ":" + lineNumber + ":";
        int attribute = firstAttribute(text);
        String numberText = (attribute < 0 ? text : text.substring(0, attribute)).trim();
        int tier = 0;
        if (attribute >= 0) {
          String rest = text.substring(attribute).trim();
          if (!rest.matches("tier=[0-9]{1,2}")) {
            throw new IllegalArgumentException(
                where
                    + (attribute + 1)
                    + ": expected tier=N (N"
                    + " from 0 to 99) after the number but found '"
                    + rest
                    + "'");
          }
          tier = Integer.parseInt(rest.substring(5));
        }
        try {
          if (numberText.startsWith("+")
              && !numberText.replaceAll("[ .()-]", "").startsWith("+1")) {
            if (tier != 0) {
              throw new IllegalArgumentException("a tier is for NANP numbers only");
            }
            others.add(e164(numberText));
            continue;
          }
          add(numbers, tiers, numberText, tier);
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException(where + "1: " + e.getMessage(), e);
        }
      }
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage());
    }
    return new SandboxCommand.InventorySeed(numbers.build(), tiers, others);
  }

  /** Where the attributes start: the first space-separated word after the number(s). */
  private static int firstAttribute(String text) {
    int equals = text.indexOf('=');
    if (equals < 0) {
      return -1;
    }
    int space = text.lastIndexOf(' ', equals);
    return space < 0 ? 0 : space + 1;
  }

  /** {@code A} or {@code A..B}; unlike a config, toll-free numbers are accepted. */
  private static void add(
      NumberSet.Builder numbers, Map<Long, Integer> tiers, String text, int tier) {
    int dots = text.indexOf("..");
    long first = nanp(dots < 0 ? text : text.substring(0, dots));
    long last = dots < 0 ? first : nanp(text.substring(dots + 2));
    if (last < first || last - first >= NumberRange.MAX_SIZE) {
      throw new IllegalArgumentException(
          "range "
              + text
              + " must run from a lower to a higher"
              + " number and hold at most "
              + NumberRange.MAX_SIZE
              + " numbers");
    }
    for (long n = first; n <= last; n++) {
      numbers.add(n);
      if (tier != 0) {
        tiers.put(n, tier);
      }
    }
  }

  private static long nanp(String text) {
    String digits = text.trim().replaceAll("[ .()-]", "");
    if (digits.startsWith("+1")) {
      digits = digits.substring(2);
    } else if (digits.length() == 11 && digits.startsWith("1")) {
      digits = digits.substring(1);
    }
    if (!digits.matches("[2-9][0-9]{2}[2-9][0-9]{6}")) {
      throw new IllegalArgumentException(
          "'"
              + text.trim()
              + "' is not a NANP number: expected 10"
              + " digits whose area code and exchange start with 2-9, such as 2018551020");
    }
    return Long.parseLong(digits);
  }

  private static String e164(String text) {
    String digits = text.substring(1).replaceAll("[ .()-]", "");
    if (!digits.matches("[2-9][0-9]{6,14}")) {
      throw new IllegalArgumentException(
          "'"
              + text
              + "' is not an E.164 number: expected + and"
              + " 7 to 15 digits, such as +442071838750");
    }
    return "+" + digits;
  }
}
