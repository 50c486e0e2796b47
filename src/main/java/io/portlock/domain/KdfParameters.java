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
public record KdfParameters(
    String algorithm,
    int iterations,
    String salt,
    int lengthBytes,
    boolean saltPerGroup,
    String keyId) {

  public static final String PBKDF2_HMAC_SHA256 = "PBKDF2-HMAC-SHA256";
  public static final int DEFAULT_ITERATIONS = 100_000;
  public static final int MIN_ITERATIONS = 100_000;

  /**
   * More is refused: a state or plan is input, and 2^31 iterations would hold the lock for 40
   * CPU-minutes per passcode.
   */
  public static final int MAX_ITERATIONS = 10_000_000;

  /** Salts are 16 bytes when portlock makes them; a longer one is accepted up to this. */
  public static final int MAX_SALT_BYTES = 64;

  public KdfParameters {
    if (!PBKDF2_HMAC_SHA256.equals(algorithm)) {
      throw new IllegalArgumentException(
          "expected kdf algorithm " + PBKDF2_HMAC_SHA256 + " but was " + algorithm);
    }
    if (iterations < MIN_ITERATIONS) {
      throw new IllegalArgumentException(
          "expected at least " + MIN_ITERATIONS + " kdf iterations but was " + iterations);
    }
    if (iterations > MAX_ITERATIONS) {
      throw new IllegalArgumentException(
          "expected at most " + MAX_ITERATIONS + " kdf iterations but was " + iterations);
    }
    if (lengthBytes < 16 || lengthBytes > 32) {
      throw new IllegalArgumentException(
          "expected a kdf output length of 16 to 32 bytes but was " + lengthBytes);
    }
    if (salt != null && salt.length() > 4 * MAX_SALT_BYTES) {
      throw new IllegalArgumentException(
          "expected a kdf salt of at most "
              + MAX_SALT_BYTES
              + " bytes but it has "
              + salt.length()
              + " characters");
    }
    byte[] decoded;
    try {
      decoded = Base64.getDecoder().decode(salt == null ? "" : salt);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("expected the kdf salt in base64 but it is not", e);
    }
    if (decoded.length < 16 || decoded.length > MAX_SALT_BYTES) {
      throw new IllegalArgumentException(
          "expected a kdf salt of 16 to " + MAX_SALT_BYTES + " bytes but was " + decoded.length);
    }
    if (keyId != null && !keyId.matches("[0-9a-f]{12}")) {
      throw new IllegalArgumentException(
          // Not quoted: it is read from files that may be secrets planted under a state's name.
          "expected a key id of 12 lower-case hex digits but found another value (not shown)");
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
    return new KdfParameters(
        PBKDF2_HMAC_SHA256,
        DEFAULT_ITERATIONS,
        Base64.getEncoder().encodeToString(salt),
        32,
        true,
        key == null ? null : key.id());
  }

  public boolean keyed() {
    return keyId != null;
  }

  public byte[] saltBytes() {
    return Base64.getDecoder().decode(salt);
  }
}
