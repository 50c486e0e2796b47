package io.portlock.domain;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * The secret that keys every fingerprint ({@code PORTLOCK_FINGERPRINT_KEY}, from a CI secret
 * store): with it, a state or plan file in git is useless for testing passcode guesses offline.
 * Files name it only by its {@link #id()}, a short HMAC of a constant, never by its value; {@code
 * toString} shows neither.
 */
public final class FingerprintKey {
  public static final String VARIABLE = "PORTLOCK_FINGERPRINT_KEY";
  static final int MIN_LENGTH = 16;

  private final byte[] key;
  private final String id;

  private FingerprintKey(byte[] key) {
    this.key = key;
    this.id =
        HexFormat.of()
            .formatHex(HmacSha256.mac(key, bytes("portlock-fingerprint-key-id-v1")))
            .substring(0, 12);
  }

  /** The key from its text form. */
  public static FingerprintKey of(String text) {
    if (text == null || text.length() < MIN_LENGTH) {
      throw new IllegalArgumentException(
          VARIABLE
              + " has "
              + (text == null ? 0 : text.length())
              + " characters; expected at least "
              + MIN_LENGTH
              + ", such as the 64 hex digits of"
              + " 'openssl rand -hex 32'");
    }
    return new FingerprintKey(text.getBytes(StandardCharsets.UTF_8));
  }

  /** The key in {@code environment}, or null when the variable is unset or empty. */
  public static FingerprintKey fromEnvironment(java.util.Map<String, String> environment) {
    String value = environment.get(VARIABLE);
    return value == null || value.isEmpty() ? null : of(value);
  }

  /** 12 hex digits that name this key in state and plan files, revealing nothing of it. */
  public String id() {
    return id;
  }

  /** HMAC-SHA256 of {@code data} under a key derived from this one for {@code purpose}. */
  public byte[] mac(String purpose, byte[] data) {
    return HmacSha256.mac(HmacSha256.mac(key, bytes(purpose)), data);
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    return "FingerprintKey(id " + id + ")";
  }

  /** The key given does not fit the fingerprints: missing, another one, or none expected. */
  public static final class MismatchException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    MismatchException(String message) {
      super(message);
    }
  }

  /** Checks that {@code key} is the one {@code kdf} was keyed with (or none for none). */
  static void check(KdfParameters kdf, FingerprintKey key) {
    if (kdf.keyId() != null && key == null) {
      throw new MismatchException(
          "the fingerprints are keyed with key id "
              + kdf.keyId()
              + " but "
              + VARIABLE
              + " is not set; set it from the secret store that holds that key");
    }
    if (kdf.keyId() != null && !kdf.keyId().equals(key.id())) {
      throw new MismatchException(
          "the fingerprints are keyed with key id "
              + kdf.keyId()
              + " but "
              + VARIABLE
              + " has key id "
              + key.id()
              + "; set the key they were made with,"
              + " or run 'portlock refresh --rekey' to fingerprint them again with this one from"
              + " Bandwidth's read-back");
    }
    if (kdf.keyId() == null && key != null) {
      throw new MismatchException(
          "the fingerprints are not keyed but "
              + VARIABLE
              + " is set;"
              + " run 'portlock refresh --rekey' once to fingerprint them again with the key from"
              + " Bandwidth's read-back (it sends no order), or unset the variable");
    }
  }
}
