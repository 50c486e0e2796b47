package io.portlock.bandwidth;

import io.portlock.domain.Passcode;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.regex.Pattern;

/**
 * Makes text from answers safe to put in a message: short, printable, passcodes masked. Masking is
 * by value ({@link Passcode#scrub}: every passcode this run knows, in any markup); the element
 * pattern is a second net for passcodes the run has not seen.
 */
final class Excerpts {
  private static final Pattern SECRET_ELEMENT =
      Pattern.compile(
          "(<\\s*(?:PortOutPasscode|Passcode)\\b[^>]*>)[^<]*", Pattern.CASE_INSENSITIVE);
  static final int MAX = 100;

  private Excerpts() {}

  /** The start of a body, whitespace collapsed, passcode elements masked. */
  static String of(byte[] body) {
    if (body == null || body.length == 0) {
      return "";
    }
    // Decode a little more than needed: the mask must see whole elements to work.
    int length = Math.min(body.length, 4 * MAX);
    String text = Passcode.scrub(new String(body, 0, length, StandardCharsets.UTF_8));
    if (length < body.length) {
      // A passcode cut in two by the window would not be recognised: drop the window's tail.
      text = text.substring(0, Math.max(0, text.length() - 10));
    }
    text = SECRET_ELEMENT.matcher(text).replaceAll("$1***");
    return clean(text, MAX);
  }

  /** {@code text} without control characters, whitespace collapsed, cut at {@code max}. */
  static String clean(String text, int max) {
    text = Passcode.scrub(text);
    StringBuilder sb = new StringBuilder();
    boolean space = false;
    for (int i = 0; i < text.length() && sb.length() < max; i++) {
      char c = text.charAt(i);
      if (Character.isWhitespace(c) || Character.isISOControl(c)) {
        space = sb.length() > 0;
        continue;
      }
      if (space) {
        sb.append(' ');
        space = false;
      }
      sb.append(c);
    }
    return sb.length() >= max ? sb + "…" : sb.toString();
  }

  /**
   * Replaces each of {@code secrets}, and every passcode the run knows, wherever it stands in
   * {@code text}: Bandwidth's descriptions may quote the passcode that was refused (error 5193).
   */
  static String redact(String text, Collection<String> secrets) {
    if (text == null) {
      return null;
    }
    String out = text;
    for (String secret : secrets) {
      out = out.replace(secret, Passcode.REDACTED);
    }
    return Passcode.scrub(out);
  }
}
