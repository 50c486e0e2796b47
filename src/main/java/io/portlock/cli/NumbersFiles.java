package io.portlock.cli;

import io.portlock.domain.NumberRange;
import io.portlock.domain.NumberSet;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a list of numbers named on the command line ({@code import --numbers}, {@code sandbox
 * --inventory}): one number or range per line, blank lines and {@code #} comments skipped. (Numbers
 * files of a config go through the config loader instead.)
 */
final class NumbersFiles {
  private NumbersFiles() {}

  /**
   * @throws IllegalArgumentException as {@code FILE:LINE:1: message}
   */
  static NumberSet read(Path file) {
    NumberSet.Builder numbers = new NumberSet.Builder();
    try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      int lineNumber = 0;
      while ((line = reader.readLine()) != null) {
        lineNumber++;
        int hash = line.indexOf('#');
        String text = (hash >= 0 ? line.substring(0, hash) : line).trim();
        if (text.isEmpty()) {
          continue;
        }
        try {
          numbers.addRange(NumberRange.parse(text));
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException(file + ":" + lineNumber + ":1: " + e.getMessage());
        }
      }
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage());
    }
    return numbers.build();
  }
}
