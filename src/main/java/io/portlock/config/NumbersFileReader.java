package io.portlock.config;

import io.portlock.domain.TelephoneNumber;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Streams a numbers file: one number or range per line (ended by LF, CRLF or CR), {@code #}
 * starts a comment, blank lines are fine. Reads through a fixed buffer and caps line length, so that neither a 100 MB file
 * nor one without line breaks is ever held in memory.
 */
final class NumbersFileReader {
  /** Longer lines are refused: a number with a comment fits easily, garbage does not. */
  static final int MAX_LINE = 1000;

  private final NumberEntry.Sink sink;
  private final NumberEntry.Errors errors;
  private final char[] line = new char[MAX_LINE];
  private int length;
  private boolean inComment;
  private boolean tooLong;

  private NumbersFileReader(NumberEntry.Sink sink, NumberEntry.Errors errors) {
    this.sink = sink;
    this.errors = errors;
  }

  /** Reads {@code file}, handing every entry to {@code sink} and every bad line to errors. */
  static void read(Path file, NumberEntry.Sink sink, NumberEntry.Errors errors)
      throws IOException {
    new NumbersFileReader(sink, errors).readAll(file);
  }

  private void readAll(Path file) throws IOException {
    // InputStreamReader replaces malformed UTF-8 with U+FFFD, which is then reported as binary.
    try (Reader reader = new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8)) {
      char[] buffer = new char[1 << 16];
      int lineNumber = 1;
      boolean atStart = true;
      boolean afterCr = false;
      int read;
      while ((read = reader.read(buffer)) > 0) {
        for (int i = 0; i < read; i++) {
          char c = buffer[i];
          boolean crlf = afterCr && c == '\n';
          afterCr = c == '\r';
          if (crlf) {
            // The second half of a Windows line ending: the line ended at the '\r'.
          } else if (c == '\n' || c == '\r') {
            // A lone '\r' ends a line too (spreadsheets on macOS export "CSV (Macintosh)" so):
            // read as part of the line, it would let a comment swallow every number after it.
            endLine(lineNumber++);
          } else if (atStart && c == '\uFEFF') {
            // A byte-order mark, as some Windows editors write: not part of the first line.
          } else if (c == '#') {
            inComment = true;
          } else if (!inComment) {
            if (length < MAX_LINE) {
              line[length++] = c;
            } else {
              tooLong = true;
            }
          }
          atStart = false;
        }
      }
      if (length > 0 || tooLong) {
        endLine(lineNumber);
      }
    }
  }

  private void endLine(int lineNumber) {
    try {
      if (tooLong) {
        errors.error(lineNumber, 1, "the line is longer than " + MAX_LINE
            + " characters; expected one number or range per line");
        return;
      }
      int start = 0;
      int end = length;
      while (start < end && isBlank(line[start])) {
        start++;
      }
      while (end > start && isBlank(line[end - 1])) {
        end--;
      }
      if (start == end) {
        return;
      }
      int binary = firstBinary(start, end);
      if (binary >= 0) {
        errors.error(lineNumber, start + 1, "the line holds binary data (character "
            + String.format("\\u%04x", (int) line[binary]) + " at column " + (binary + 1)
            + "), not a number or range; is this a numbers file?");
        return;
      }
      try {
        NumberEntry.parse(new String(line, start, end - start), lineNumber, start + 1, sink);
      } catch (TelephoneNumber.NotANumberException e) {
        // Never the text: a numbers_file named by mistake may be the passcode file.
        errors.error(lineNumber, start + 1, "the entry is not a telephone number or range: "
            + e.reason() + " (the text is not shown, in case the file holds a secret); write one"
            + " number or range per line, such as 2018551020 or 2018551030..2018551039");
      } catch (IllegalArgumentException e) {
        // The other problems quote only digits that parsed as numbers (a toll-free number, a
        // range too large), never other text.
        errors.error(lineNumber, start + 1, e.getMessage());
      }
    } finally {
      length = 0;
      inComment = false;
      tooLong = false;
    }
  }

  private int firstBinary(int start, int end) {
    for (int i = start; i < end; i++) {
      char c = line[i];
      if ((c < 0x20 && c != '\t') || c == 0x7f || c == '\uFFFD') {
        return i;
      }
    }
    return -1;
  }

  private static boolean isBlank(char c) {
    return c == ' ' || c == '\t' || c == '\r';
  }
}
