package io.portlock.plan;

import io.portlock.config.Config;
import io.portlock.config.GroupConfig;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A digest of what the config asks for (account, API endpoints, order size, safety limits, groups,
 * passcode sources, numbers), not of its text: comments and formatting do not make a saved plan
 * stale, but raising a safety limit after review does. Passcodes are left out; a saved plan checks
 * them through their fingerprints instead.
 */
public final class ConfigDigest {
  private ConfigDigest() {}

  public static String of(Config config) {
    MessageDigest sha = sha256();
    update(sha, "portlock-config-v2");
    update(sha, config.account().value());
    update(sha, String.valueOf(config.api()));
    update(sha, Integer.toString(config.maxNumbers()));
    update(sha, String.valueOf(config.safety()));
    ByteBuffer buffer = ByteBuffer.allocate(8 * 4096);
    for (GroupConfig group : config.groups()) {
      update(sha, group.name());
      update(sha, group.source().toString());
      update(sha, Integer.toString(group.numbers().size()));
      for (int i = 0; i < group.numbers().size(); i++) {
        if (!buffer.hasRemaining()) {
          sha.update(buffer.flip());
          buffer.clear();
        }
        buffer.putLong(group.numbers().get(i));
      }
      sha.update(buffer.flip());
      buffer.clear();
    }
    return "sha256:" + HexFormat.of().formatHex(sha.digest());
  }

  private static void update(MessageDigest sha, String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    sha.update(ByteBuffer.allocate(4).putInt(bytes.length).array());
    sha.update(bytes);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("this JVM has no SHA-256", e);
    }
  }
}
