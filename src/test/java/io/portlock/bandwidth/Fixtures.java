package io.portlock.bandwidth;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Reads the wire samples copied from /work/shared/bandwidth/fixtures into test resources. Each
 * file's first line names its source and is stripped; {@code .http} files hold a whole request or
 * response, whose body follows the first blank line.
 */
final class Fixtures {
  private Fixtures() {}

  /** The sample without its source line (for .http files: the body only). */
  static String body(String name) {
    String text = withoutSourceLine(name);
    if (name.endsWith(".http")) {
      int blank = text.indexOf("\n\n");
      return blank < 0 ? "" : text.substring(blank + 2);
    }
    return text;
  }

  static byte[] bytes(String name) {
    return body(name).getBytes(StandardCharsets.UTF_8);
  }

  /** For .http files: the start line and headers. */
  static String head(String name) {
    String text = withoutSourceLine(name);
    int blank = text.indexOf("\n\n");
    return blank < 0 ? text : text.substring(0, blank);
  }

  private static String withoutSourceLine(String name) {
    try (InputStream in = Fixtures.class.getResourceAsStream("/fixtures/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + name);
      }
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("\r\n", "\n");
      int newline = text.indexOf('\n');
      return text.substring(newline + 1).strip() + "\n";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
