package io.portlock.domain;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * How fingerprints are derived: algorithm, iteration count, salt (base64), output length, whether
 * each group gets its own salt (derived from this one and the group's name), and the id of the
 * {@link FingerprintKey} that keys them, if any. Recorded in the state so that the parameters can
 * change later without breaking old states.
 *
 * @param saltPerGroup false only for states written before salts were per group (format 1)
 * @param keyId the {@link FingerprintKey#id()} of the key, or null for unkeyed fingerprints
 */
public record KdfParameters(String algorithm, int iterations, String salt, int lengthBytes,
    boolean saltPerGroup, String keyId) {

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
    if (keyId != null && !keyId.matches("[0-9a-f]{12}")) {
      throw new IllegalArgumentException(
          "expected a key id of 12 lower-case hex digits but was \"" + keyId + "\"");
    }
  }

  /** Parameters of the first format: one salt for every group, no key. */
  public KdfParameters(String algorithm, int iterations, String salt, int lengthBytes) {
    this(algorithm, iterations, salt, lengthBytes, false, null);
  }

  /** Fresh unkeyed parameters with a random 16-byte salt, salted per group. */
  public static KdfParameters generate() {
    return generate(null);
  }

  /** Fresh parameters with a random 16-byte salt, salted per group, keyed with {@code key}. */
  public static KdfParameters generate(FingerprintKey key) {
    byte[] salt = new byte[16];
    new SecureRandom().nextBytes(salt);
    return new KdfParameters(PBKDF2_HMAC_SHA256, DEFAULT_ITERATIONS,
        Base64.getEncoder().encodeToString(salt), 32, true, key == null ? null : key.id());
  }

  public boolean keyed() {
    return keyId != null;
  }

  public byte[] saltBytes() {
    return Base64.getDecoder().decode(salt);
  }
}
