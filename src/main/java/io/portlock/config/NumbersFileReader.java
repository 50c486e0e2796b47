package io.portlock.config;

import io.portlock.domain.TelephoneNumber;
import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Streams a numbers file: one number or range per line (ended by LF, CRLF or CR), {@code #} starts
 * a comment, blank lines are fine. Reads through a fixed buffer and caps line length, so that
 * neither a 100 MB file nor one without line breaks is ever held in memory.
 *
 * <p>Lines are split as bytes: the line ends and {@code #} are ASCII, which UTF-8 never uses inside
 * another character. A line of ASCII, which is every line of a real numbers file, is parsed from
 * the bytes themselves, with no decoding and no String; any other line is decoded as UTF-8
 * (malformed bytes become U+FFFD, then reported as binary) and read as before.
 */
final class NumbersFileReader {
  /** Longer lines are refused: a number with a comment fits easily, garbage does not. */
  static final int MAX_LINE = 1000;

  /** A UTF-8 character takes at most 4 bytes: more bytes than this are more than MAX_LINE. */
  private static final int MAX_LINE_BYTES = 4 * MAX_LINE;

  private final NumberEntry.Sink sink;
  private final NumberEntry.Errors errors;
  private final byte[] line = new byte[MAX_LINE_BYTES];
  private final AsciiText ascii = new AsciiText(line);

  /** Made for the first line that is not ASCII: most files have none. */
  private CharsetDecoder utf8;

  private int length;
  // What the byte loop learnt of the line so far, for the fast path of plainNumber.
  private long value;
  private int digits;

  /** The column of the line's first character other than a blank; 0 while there is none. */
  private int first;

  /** Whether the line holds only digits, blanks and {@code - ( )}. */
  private boolean plain = true;

  private boolean nonAscii;
  private boolean inComment;
  private boolean tooLong;

  private NumbersFileReader(NumberEntry.Sink sink, NumberEntry.Errors errors) {
    this.sink = sink;
    this.errors = errors;
  }

  /** Reads {@code file}, handing every entry to {@code sink} and every bad line to errors. */
  static void read(Path file, NumberEntry.Sink sink, NumberEntry.Errors errors) throws IOException {
    new NumbersFileReader(sink, errors).readAll(file);
  }

  /**
   * The read buffer of the file read last on this thread, kept for the next: a config names a file
   * per group, and a new 64 KiB array for each (allocated outside the thread's TLAB and zeroed)
   * took longer than reading a small file. Taken while in use, so a read inside a read would get an
   * array of its own.
   */
  private static final ThreadLocal<byte[]> SPARE_BUFFER = new ThreadLocal<>();

  private void readAll(Path file) throws IOException {
    byte[] buffer = SPARE_BUFFER.get();
    if (buffer == null) {
      buffer = new byte[1 << 16];
    } else {
      SPARE_BUFFER.set(null);
    }
    try {
      readAll(file, buffer);
    } finally {
      SPARE_BUFFER.set(buffer);
    }
  }

  private void readAll(Path file, byte[] buffer) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      int lineNumber = 1;
      boolean atStart = true;
      boolean afterCr = false;
      int read;
      while ((read = in.readNBytes(buffer, 0, buffer.length)) > 0) {
        int i = 0;
        if (atStart
            && read >= 3
            && buffer[0] == (byte) 0xEF
            && buffer[1] == (byte) 0xBB
            && buffer[2] == (byte) 0xBF) {
          i = 3; // a byte-order mark, as some Windows editors write: not part of the first line
        }
        atStart = false;
        for (; i < read; i++) {
          byte b = buffer[i];
          if (length == 0 && !inComment && !tooLong) {
            int end = numberLines(buffer, i, read, lineNumber);
            if (end > i) {
              // The lines were one number each: on with the line after the last of them.
              lineNumber += runLines;
              afterCr = buffer[end] == '\r';
              i = end;
              continue;
            }
          }
          if (b >= '0' && b <= '9') {
            // Most bytes of a numbers file: taken first, with the fewest tests.
            afterCr = false;
            if (!inComment) {
              digit(b);
            }
            continue;
          }
          boolean crlf = afterCr && b == '\n';
          afterCr = b == '\r';
          if (crlf) {
            // The second half of a Windows line ending: the line ended at the '\r'.
          } else if (b == '\n' || b == '\r') {
            // A lone '\r' ends a line too (spreadsheets on macOS export "CSV (Macintosh)" so):
            // read as part of the line, it would let a comment swallow every number after it.
            endLine(lineNumber++);
          } else if (b == '#') {
            inComment = true;
          } else if (!inComment) {
            if (length < MAX_LINE_BYTES) {
              line[length++] = b;
            } else {
              tooLong = true;
            }
            if (b == '-' || b == '(' || b == ')') {
              first = first == 0 ? length : first;
            } else if (b != ' ' && b != '\t') {
              plain = false;
              nonAscii |= b < 0;
            }
          }
        }
      }
      if (length > 0 || tooLong) {
        endLine(lineNumber);
      }
    }
  }

  /** Eight bytes of the buffer as one little-endian long: the first byte lowest. */
  private static final VarHandle EIGHT_BYTES =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private static final long ZEROS = 0x3030303030303030L;
  private static final long HIGH_NIBBLES = 0xF0F0F0F0F0F0F0F0L;

  /** Numbers of the lines {@link #numberLines} read, handed on together. */
  private final long[] run = new long[512];

  /** How many lines the last {@link #numberLines} read. */
  private int runLines;

  /** The first six digits of the last number {@link #numberLines} found valid, or -1. */
  private int validBlock = -1;

  /**
   * The fastest path, for lines that are nothing but a valid 10-digit number (as exported lists
   * are), read straight from the buffer from {@code from} on for as long as the lines are such
   * lines: hands their numbers on (in runs, see {@link NumberEntry.Sink#numbers}) and returns the
   * index of the last one's line end, with the count of lines in {@link #runLines}. Returns {@code
   * from} when the first line is any other line, which is then read byte by byte.
   *
   * <p>The first eight digits are tested and converted as one long (SWAR: each byte must be
   * 0x30-0x39, then three multiply-and-shift steps pair digits into 2, 4 and 8-digit values), which
   * takes the per-byte tests out of the loop that reads millions of lines. A line that ends with
   * '\r' ends the run: the byte loop then tells CRLF from a lone CR.
   */
  private int numberLines(byte[] buffer, int from, int read, int lineNumber) {
    long[] numbers = run;
    int count = 0;
    int firstLine = lineNumber;
    int lines = 0;
    int start = from;
    int last = from;
    while (true) {
      int end = start + 10;
      if (end >= read) {
        break; // near the buffer's end: read byte by byte
      }
      long chunk = (long) EIGHT_BYTES.get(buffer, start);
      if ((chunk & HIGH_NIBBLES) != ZEROS
          || ((chunk + 0x0606060606060606L) & HIGH_NIBBLES) != ZEROS) {
        break;
      }
      int ninth = buffer[start + 8] - '0';
      int tenth = buffer[start + 9] - '0';
      byte after = buffer[end];
      if (ninth < 0 || ninth > 9 || tenth < 0 || tenth > 9 || (after != '\n' && after != '\r')) {
        break;
      }
      long v = chunk - ZEROS; // each byte a digit, the first one lowest
      v = (v * 10 + (v >>> 8)) & 0x00FF00FF00FF00FFL; // pairs: 10 * first + second
      v = (v * 100 + (v >>> 16)) & 0x0000FFFF0000FFFFL; // four digits
      v = (v * 10000 + (v >>> 32)) & 0xFFFFFFFFL; // eight digits
      long number = v * 100 + ninth * 10 + tenth;
      // Validity depends only on the first six digits (NPA and NXX, see TelephoneNumber), the
      // same for all the numbers of a block: the block of the last valid number is not checked
      // again.
      int block = (int) v / 100;
      if (block != validBlock) {
        if (TelephoneNumber.problemWith(number) != null) {
          break;
        }
        validBlock = block;
      }
      numbers[count++] = number;
      lines++;
      last = end;
      if (count == numbers.length) {
        sink.numbers(numbers, count, firstLine);
        firstLine += count;
        count = 0;
      }
      if (after != '\n') {
        break;
      }
      start = end + 1;
    }
    if (count > 0) {
      sink.numbers(numbers, count, firstLine);
    }
    runLines = lines;
    return last;
  }

  private void digit(byte b) {
    if (length < MAX_LINE_BYTES) {
      line[length++] = b;
    } else {
      tooLong = true;
    }
    value = value * 10 + (b - '0');
    digits++;
    first = first == 0 ? length : first;
  }

  private void endLine(int lineNumber) {
    try {
      if (plain && !tooLong && length <= MAX_LINE && plainNumber(lineNumber)) {
        return;
      }
      CharSequence text = nonAscii && !tooLong ? decoded() : ascii.window(0, length);
      if (tooLong || text.length() > MAX_LINE) {
        errors.error(
            lineNumber,
            1,
            "the line is longer than "
                + MAX_LINE
                + " characters; expected one number or range per line");
        return;
      }
      int start = 0;
      int end = text.length();
      while (start < end && isBlank(text.charAt(start))) {
        start++;
      }
      while (end > start && isBlank(text.charAt(end - 1))) {
        end--;
      }
      if (start == end) {
        return;
      }
      int binary = firstBinary(text, start, end);
      if (binary >= 0) {
        errors.error(
            lineNumber,
            start + 1,
            "the line holds binary data (character "
                + String.format("\\u%04x", (int) text.charAt(binary))
                + " at column "
                + (binary + 1)
                + "), not a number or range; is this a numbers file?");
        return;
      }
      CharSequence entry = text == ascii ? ascii.window(start, end) : text.subSequence(start, end);
      try {
        NumberEntry.parse(entry, lineNumber, start + 1, sink);
      } catch (TelephoneNumber.NotANumberException e) {
        // Never the text: a numbers_file named by mistake may be the passcode file.
        errors.error(
            lineNumber,
            start + 1,
            "the entry is not a telephone number or range: "
                + e.reason()
                + " (the text is not shown, in case the file holds a secret); write one"
                + " number or range per line, such as 2018551020 or 2018551030..2018551039");
      } catch (IllegalArgumentException e) {
        // The other problems quote only digits that parsed as numbers (a toll-free number, a
        // range too large), never other text.
        errors.error(lineNumber, start + 1, e.getMessage());
      }
    } finally {
      length = 0;
      value = 0;
      digits = 0;
      first = 0;
      plain = true;
      nonAscii = false;
      inComment = false;
      tooLong = false;
    }
  }

  /**
   * The fast path, for a line of digits, blanks and {@code - ( )} only, parsed while it was read: a
   * blank line, or a valid number handed on. False sends the line to the full parse, which finds
   * what is wrong with it and says so.
   */
  private boolean plainNumber(int lineNumber) {
    if (first == 0) {
      return true; // nothing but blanks
    }
    long number =
        digits == 10
            ? value
            : digits == 11 && value / 10_000_000_000L == 1 ? value - 10_000_000_000L : -1;
    if (number < 0 || TelephoneNumber.problemWith(number) != null) {
      return false;
    }
    sink.entry(number, number, lineNumber, first);
    return true;
  }

  /** The line's bytes as UTF-8, each malformed sequence replaced by U+FFFD. */
  private CharSequence decoded() {
    if (utf8 == null) {
      utf8 =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPLACE)
              .onUnmappableCharacter(CodingErrorAction.REPLACE);
    }
    utf8.reset();
    try {
      return utf8.decode(ByteBuffer.wrap(line, 0, length));
    } catch (java.nio.charset.CharacterCodingException e) {
      throw new IllegalStateException("a replacing UTF-8 decoder failed", e);
    }
  }

  private static int firstBinary(CharSequence text, int start, int end) {
    for (int i = start; i < end; i++) {
      char c = text.charAt(i);
      if ((c < 0x20 && c != '\t') || c == 0x7f || c == '\uFFFD') {
        return i;
      }
    }
    return -1;
  }

  private static boolean isBlank(char c) {
    return c == ' ' || c == '\t' || c == '\r';
  }

  /**
   * ASCII bytes read as characters, through a window that moves instead of a String made per line.
   * Only {@link #toString} and {@link #subSequence} copy, for the rare message or range.
   */
  private static final class AsciiText implements CharSequence {
    private final byte[] bytes;
    private int from;
    private int to;

    AsciiText(byte[] bytes) {
      this.bytes = bytes;
    }

    AsciiText window(int from, int to) {
      this.from = from;
      this.to = to;
      return this;
    }

    @Override
    public int length() {
      return to - from;
    }

    @Override
    public char charAt(int index) {
      return (char) bytes[from + index];
    }

    @Override
    public CharSequence subSequence(int start, int end) {
      return new String(bytes, from + start, end - start, StandardCharsets.US_ASCII);
    }

    @Override
    public String toString() {
      return new String(bytes, from, to - from, StandardCharsets.US_ASCII);
    }
  }
}
