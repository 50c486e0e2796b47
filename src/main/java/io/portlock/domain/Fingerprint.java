package io.portlock.domain;

/**
 * The slow, salted digest of a passcode (see {@link Fingerprinter}) as lower-case hex: what the
 * state and plans record instead of the passcode.
 */
public record Fingerprint(String hex) {

  public Fingerprint {
    if (hex == null || !hex.matches("[0-9a-f]{16,128}")) {
      throw new IllegalArgumentException(
          "expected a fingerprint of 16 to 128 lower-case hex digits but was "
              + (hex == null ? "nothing" : "\"" + hex + "\""));
    }
  }

  /** The first six hex digits, as shown to people: {@code 3fa9c1…}. */
  public String shortForm() {
    return hex.substring(0, 6) + "\u2026";
  }

  @Override
  public String toString() {
    return hex;
  }
}
