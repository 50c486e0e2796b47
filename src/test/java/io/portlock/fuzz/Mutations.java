package io.portlock.fuzz;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Byte-level mutations of valid inputs, as a coverage-guided fuzzer would make them: bit flips,
 * byte and token insertions, deletions, duplicated chunks and truncation. Positions are drawn as
 * plain ints and taken modulo the input's length, so that jqwik can shrink them towards 0.
 */
final class Mutations {
  private Mutations() {}

  /** One edit of an input. */
  record Mutation(Kind kind, int position, int length, int value) {
    @Override
    public String toString() {
      return kind + "@" + position + "/" + length + ":" + value;
    }
  }

  enum Kind {
    FLIP_BIT,
    SET_BYTE,
    INSERT_BYTE,
    INSERT_TOKEN,
    DELETE,
    DUPLICATE,
    TRUNCATE
  }

  /** Bytes that mean something to YAML, XML or the numbers syntax, or break decoding. */
  static final byte[] INTERESTING_BYTES = {
    0,
    1,
    7,
    9,
    10,
    13,
    27,
    ' ',
    '"',
    '#',
    '%',
    '&',
    '\'',
    '*',
    ',',
    '-',
    '.',
    '/',
    ':',
    '<',
    '>',
    '?',
    '@',
    '[',
    ']',
    '`',
    '{',
    '|',
    '}',
    '~',
    '!',
    '+',
    '(',
    ')',
    '0',
    '9',
    '\\',
    (byte) 0x7f,
    (byte) 0x80,
    (byte) 0xbf,
    (byte) 0xc3,
    (byte) 0xe2,
    (byte) 0xef,
    (byte) 0xfe,
    (byte) 0xff
  };

  /** Fragments that change what YAML or XML mean rather than just break the syntax. */
  static final List<String> TOKENS =
      List.of(
          "&a ",
          "*a",
          "*b",
          "<<: ",
          "!!binary ",
          "!!map ",
          "!!set ",
          "!java.io.File ",
          "? ",
          "--- ",
          "...",
          "{",
          "}",
          "[",
          "]",
          "..",
          "9999999999",
          "2018551020..2099999999",
          "0x1F",
          "~",
          "null",
          "true",
          "1e9",
          "-1",
          "\"\\x00\"",
          "\"\\uD800\"",
          "\u00e9",
          "\uFEFF",
          "\r",
          "\t",
          "\n  - ",
          "\n    ",
          ": ",
          "%YAML 1.1\n",
          "%TAG ! tag:x,2000:\n",
          "'",
          "|\n",
          ">-\n",
          "../../../../etc/passwd",
          "/etc/passwd",
          "{file: /etc/hostname}",
          "{env: HOME}",
          "<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>",
          "&e;",
          "&amp;",
          "&#0;",
          "<![CDATA[",
          "]]>",
          "<?x?>",
          "<!--",
          "-->",
          "</",
          "/>",
          "xmlns:x=\"y\" ",
          "\u0000",
          "\uFFFF",
          "\uD83D\uDE00");

  static Arbitrary<Mutation> mutation() {
    return Combinators.combine(
            Arbitraries.of(Kind.class),
            Arbitraries.integers().between(0, Integer.MAX_VALUE),
            Arbitraries.integers().between(1, 64),
            Arbitraries.integers().between(0, Integer.MAX_VALUE))
        .as(Mutation::new);
  }

  static Arbitrary<List<Mutation>> mutations() {
    return mutation().list().ofMinSize(1).ofMaxSize(8);
  }

  static byte[] apply(byte[] input, List<Mutation> mutations) {
    byte[] out = input;
    for (Mutation m : mutations) {
      out = apply(out, m);
    }
    return out;
  }

  static byte[] apply(byte[] in, Mutation m) {
    int n = in.length;
    int at = n == 0 ? 0 : m.position() % (n + 1);
    switch (m.kind()) {
      case FLIP_BIT -> {
        if (n == 0) {
          return in;
        }
        byte[] out = in.clone();
        out[at % n] ^= (byte) (1 << (m.value() % 8));
        return out;
      }
      case SET_BYTE -> {
        if (n == 0) {
          return in;
        }
        byte[] out = in.clone();
        out[at % n] = INTERESTING_BYTES[m.value() % INTERESTING_BYTES.length];
        return out;
      }
      case INSERT_BYTE -> {
        return splice(
            in,
            at,
            at,
            new byte[] {
              m.value() % 2 == 0
                  ? INTERESTING_BYTES[m.value() % INTERESTING_BYTES.length]
                  : (byte) m.value()
            });
      }
      case INSERT_TOKEN -> {
        byte[] token = TOKENS.get(m.value() % TOKENS.size()).getBytes(StandardCharsets.UTF_8);
        return splice(in, at, at, token);
      }
      case DELETE -> {
        return splice(in, at, Math.min(n, at + m.length()), new byte[0]);
      }
      case DUPLICATE -> {
        int from = n == 0 ? 0 : m.value() % n;
        int to = Math.min(n, from + m.length());
        byte[] chunk = java.util.Arrays.copyOfRange(in, from, to);
        return splice(in, at, at, chunk);
      }
      default -> {
        return java.util.Arrays.copyOf(in, at);
      }
    }
  }

  private static byte[] splice(byte[] in, int from, int to, byte[] insert) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(in.length + insert.length);
    out.write(in, 0, from);
    out.write(insert, 0, insert.length);
    out.write(in, to, in.length - to);
    return out.toByteArray();
  }

  /** The input as a string for failure messages, with control characters escaped. */
  static String show(byte[] bytes) {
    String text = new String(bytes, 0, Math.min(bytes.length, 4000), StandardCharsets.UTF_8);
    StringBuilder sb = new StringBuilder();
    text.codePoints()
        .forEach(
            c -> {
              if (c == '\n') {
                sb.append("\\n\n");
              } else if (c < 0x20 || c == 0x7f || c == 0xfffd) {
                sb.append(String.format("\\u%04x", c));
              } else {
                sb.appendCodePoint(c);
              }
            });
    return bytes.length > 4000 ? sb + "... (" + bytes.length + " bytes)" : sb.toString();
  }
}
