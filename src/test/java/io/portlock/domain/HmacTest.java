package io.portlock.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Random;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** The HMAC-SHA256 of fingerprint keys and seals, against RFC 4231 and the JDK's own Mac. */
class HmacTest {
  private static String hmac(byte[] key, byte[] data) {
    return HexFormat.of().formatHex(HmacSha256.mac(key, data));
  }

  @Test
  void matchesTheTestCasesOfRfc4231() {
    // Test case 1: a 20-byte key of 0x0b, "Hi There".
    assertThat(hmac(bytes(20, 0x0b), "Hi There".getBytes(StandardCharsets.US_ASCII)))
        .isEqualTo("b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
    // Test case 2: key "Jefe".
    assertThat(
            hmac(
                "Jefe".getBytes(StandardCharsets.US_ASCII),
                "what do ya want for nothing?".getBytes(StandardCharsets.US_ASCII)))
        .isEqualTo("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    // Test case 6: a 131-byte key, longer than a block, is hashed first.
    assertThat(
            hmac(
                bytes(131, 0xaa),
                "Test Using Larger Than Block-Size Key - Hash Key First"
                    .getBytes(StandardCharsets.US_ASCII)))
        .isEqualTo("60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
  }

  @Test
  void matchesTheJdksMacForKeysAroundTheBlockSize() throws Exception {
    Random random = new Random(7);
    for (int length : new int[] {1, 16, 32, 63, 64, 65, 200}) {
      byte[] key = new byte[length];
      byte[] data = new byte[random.nextInt(300)];
      random.nextBytes(key);
      random.nextBytes(data);
      Mac jdk = Mac.getInstance("HmacSHA256");
      jdk.init(new SecretKeySpec(key, "HmacSHA256"));
      assertThat(hmac(key, data))
          .as("key of %d bytes", length)
          .isEqualTo(HexFormat.of().formatHex(jdk.doFinal(data)));
    }
  }

  private static byte[] bytes(int length, int value) {
    byte[] out = new byte[length];
    java.util.Arrays.fill(out, (byte) value);
    return out;
  }
}
