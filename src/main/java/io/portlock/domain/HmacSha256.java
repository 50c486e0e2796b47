package io.portlock.domain;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * HMAC-SHA256 (RFC 2104) over the SHA-256 {@link MessageDigest}, which the KDF loads anyway: the
 * JCA's {@code Mac} would first load and search every security provider, about 50 ms of a cold
 * start spent on the way to the plan. PBKDF2 starts from the same two padded states.
 */
final class HmacSha256 {
  /** The block size of SHA-256, in bytes. */
  private static final int BLOCK = 64;

  private HmacSha256() {}

  /** HMAC-SHA256 of {@code data} under {@code key}. */
  static byte[] mac(byte[] key, byte[] data) {
    MessageDigest[] padded = padded(key);
    padded[0].update(data);
    padded[1].update(padded[0].digest());
    return padded[1].digest();
  }

  /**
   * The two SHA-256 states every HMAC under {@code key} starts from: after the inner pad block and
   * after the outer one (a key longer than a block is hashed first).
   */
  static MessageDigest[] padded(byte[] key) {
    byte[] k = key.length > BLOCK ? sha256().digest(key) : key;
    byte[] ipad = new byte[BLOCK];
    byte[] opad = new byte[BLOCK];
    for (int i = 0; i < BLOCK; i++) {
      byte b = i < k.length ? k[i] : 0;
      ipad[i] = (byte) (b ^ 0x36);
      opad[i] = (byte) (b ^ 0x5c);
    }
    MessageDigest inner = sha256();
    MessageDigest outer = sha256();
    inner.update(ipad);
    outer.update(opad);
    return new MessageDigest[] {inner, outer};
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("this JVM has no SHA-256", e);
    }
  }
}
