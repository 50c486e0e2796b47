package io.portlock.state;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

/**
 * A state or plan file cannot be read. The message gives the place and the kind of problem but
 * never the file's text: the file may be a secret (a passcode file named by mistake, or planted by
 * a link), and a parser's message quotes whatever it tripped over.
 */
public final class FileFormatException extends IllegalArgumentException {
  /** At most this many numbers in one file, as for configs: more is a crafted file. */
  public static final long MAX_NUMBERS = 10_000_000;

  private final boolean newer;
  private final boolean older;

  public FileFormatException(String message) {
    this(message, false, false);
  }

  private FileFormatException(String message, boolean newer, boolean older) {
    super(message, null);
    this.newer = newer;
    this.older = older;
  }

  /** The file has a format version later than this portlock knows. */
  public static FileFormatException newer(String what, int found, int known) {
    return new FileFormatException(
        what
            + " was written by a newer portlock (format_version "
            + found
            + "; this portlock reads format_version "
            + known
            + "); upgrade portlock to read"
            + " it",
        true,
        false);
  }

  /**
   * The file has a format version this portlock no longer reads; {@code message} says which and
   * what to do instead.
   */
  public static FileFormatException older(String message) {
    return new FileFormatException(message, false, true);
  }

  /** Whether a newer portlock wrote the file (so it is not corrupt, only unknown). */
  public boolean isNewer() {
    return newer;
  }

  /** Whether an older portlock wrote the file (so it is not corrupt, only to be made again). */
  public boolean isOlder() {
    return older;
  }

  /**
   * What went wrong while reading, in words that quote none of the file: the message of a {@code
   * FileFormatException}, the place of a JSON syntax error, or only the kind of failure.
   */
  public static String describe(Throwable e) {
    if (e instanceof FileFormatException f) {
      return f.getMessage();
    }
    if (e instanceof StreamConstraintsException) {
      return "the document is nested too deeply or holds a value that is too long"
          + at(((JsonProcessingException) e).getLocation());
    }
    if (e instanceof MismatchedInputException m) {
      return "expected "
          + path(m)
          + " to be "
          + kind(m.getTargetType())
          + " but it is not"
          + at(m.getLocation())
          + " (the value is not shown, in case the file holds a secret)";
    }
    if (e instanceof InputCoercionException c) {
      return "a number is out of the range portlock writes" + at(c.getLocation());
    }
    if (e instanceof JsonProcessingException j) {
      String original = j.getOriginalMessage();
      String kind =
          original != null && original.startsWith("Unexpected end-of-input")
              ? "the file ends in the middle of the JSON document"
              : "not valid JSON";
      return kind + at(j.getLocation());
    }
    return "a value is not of the expected kind (" + e.getClass().getSimpleName() + ")";
  }

  /** Where a value is, by field names and indexes: {@code "entries[2].serial"}. */
  private static String path(MismatchedInputException e) {
    StringBuilder path = new StringBuilder();
    for (com.fasterxml.jackson.databind.JsonMappingException.Reference r : e.getPath()) {
      if (r.getFieldName() != null) {
        path.append(path.length() == 0 ? "" : ".").append(r.getFieldName());
      } else if (r.getIndex() >= 0) {
        path.append('[').append(r.getIndex()).append(']');
      }
    }
    return path.length() == 0 ? "the document" : "\"" + path + "\"";
  }

  private static String kind(Class<?> type) {
    if (type == null) {
      return "of the expected kind";
    }
    if (type == String.class) {
      return "a string";
    }
    if (Number.class.isAssignableFrom(type) || type.isPrimitive() && type != boolean.class) {
      return "a whole number";
    }
    if (type == Boolean.class || type == boolean.class) {
      return "true or false";
    }
    if (java.util.Collection.class.isAssignableFrom(type)) {
      return "an array";
    }
    return "an object";
  }

  private static String at(JsonLocation location) {
    return location == null
        ? ""
        : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
  }

  /** Counts the numbers a file holds and refuses it beyond {@link #MAX_NUMBERS}. */
  public static final class NumberCount {
    private final String what;
    private final long limit;
    private long count;

    public NumberCount(String what) {
      this(what, MAX_NUMBERS);
    }

    /** A file that may hold each number more than once, as a plan its changes and its read-back. */
    public NumberCount(String what, long limit) {
      this.what = what;
      this.limit = limit;
    }

    public void add(long numbers) {
      count += numbers;
      if (count > limit) {
        throw new FileFormatException(
            what
                + " holds more than "
                + limit
                + " numbers, "
                + (limit == MAX_NUMBERS
                    ? "the most portlock manages"
                    : "more than "
                        + limit / MAX_NUMBERS
                        + " times the "
                        + MAX_NUMBERS
                        + " portlock manages")
                + "; it was not written by portlock");
      }
    }
  }
}
