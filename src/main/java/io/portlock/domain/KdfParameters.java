package io.portlock.domain;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * How fingerprints are derived: algorithm, iteration count, salt (base64) and output length.
 * Recorded in the state so that the parameters can change later without breaking old states.
 */
public record KdfParameters(String algorithm, int iterations, String salt, int lengthBytes) {

  public static final String PBKDF2_HMAC_SHA256 = "PBKDF2-HMAC-SHA256";
  public static final int DEFAULT_ITERATIONS = 100_000;
  public static final int MIN_ITERATIONS = 100_000;

  public KdfParameters {
    if (!PBKDF2_HMAC_SHA256.equals(algorithm)) {
      throw new IllegalArgumentException(
          "expected kdf algorithm " + PBKDF2_HMAC_SHA256 + " but was " + algorithm);
    }
    if (iterations < MIN_ITERATIONS) {
      throw new IllegalArgumentException(
          "expected at least " + MIN_ITERATIONS + " kdf iterations but was " + iterations);
    }
    if (lengthBytes < 16 || lengthBytes > 32) {
      throw new IllegalArgumentException(
          "expected a kdf output length of 16 to 32 bytes but was " + lengthBytes);
    }
    byte[] decoded;
    try {
      decoded = Base64.getDecoder().decode(salt == null ? "" : salt);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("expected the kdf salt in base64 but it is not", e);
    }
    if (decoded.length < 16) {
      throw new IllegalArgumentException(
          "expected a kdf salt of at least 16 bytes but was " + decoded.length);
    }
  }

  /** Fresh parameters with a random 16-byte salt. */
  public static KdfParameters generate() {
    byte[] salt = new byte[16];
    new SecureRandom().nextBytes(salt);
    return new KdfParameters(
        PBKDF2_HMAC_SHA256, DEFAULT_ITERATIONS, Base64.getEncoder().encodeToString(salt), 32);
  }

  public byte[] saltBytes() {
    return Base64.getDecoder().decode(salt);
  }
}
