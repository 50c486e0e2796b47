package io.portlock.sandbox;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;

/** Decodes and compares HTTP Basic credentials. */
final class BasicCredentials {
  private BasicCredentials() {}

  /** {@code [user, password]} from an {@code Authorization: Basic …} header, or null. */
  static String[] parse(String header) {
    if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
      return null;
    }
    String decoded;
    try {
      decoded =
          new String(
              Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return null;
    }
    int colon = decoded.indexOf(':');
    return colon < 0
        ? null
        : new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)};
  }

  /** Compares in constant time, so response timing does not reveal how much of a secret matched. */
  static boolean matches(String[] credentials, String user, String password) {
    if (credentials == null
        || credentials[0] == null
        || credentials[1] == null
        || user == null
        || password == null) {
      return false;
    }
    boolean userOk = MessageDigest.isEqual(bytes(credentials[0]), bytes(user));
    boolean passwordOk = MessageDigest.isEqual(bytes(credentials[1]), bytes(password));
    return userOk & passwordOk;
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
