package io.portlock.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import org.junit.jupiter.api.Test;

class FingerprinterTest {
  private static final KdfParameters FIXED = new KdfParameters(
      KdfParameters.PBKDF2_HMAC_SHA256, 100_000, "cG9ydGxvY2stdGVzdC1zYWx0", 32);

  @Test
  void matchesTheJdkPbkdf2ForTheSameParameters() throws Exception {
    SecretKeyFactory jdk = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256");
    byte[] expected = jdk.generateSecret(
        new PBEKeySpec("a1b2c3".toCharArray(), FIXED.saltBytes(), 100_000, 256)).getEncoded();

    Fingerprint fp = new Fingerprinter(FIXED).fingerprint(Passcode.of("a1b2c3"));

    assertThat(fp.hex()).isEqualTo(HexFormat.of().formatHex(expected));
  }

  @Test
  void rfc7914TestVectorForPbkdf2HmacSha256() {
    // RFC 7914 section 11: P="passwd", S="salt", c=1, dkLen=64 (first 32 bytes checked).
    byte[] derived = Fingerprinter.pbkdf2("passwd".getBytes(java.nio.charset.StandardCharsets.US_ASCII),
        "salt".getBytes(java.nio.charset.StandardCharsets.US_ASCII), 1, 32);
    assertThat(HexFormat.of().formatHex(derived))
        .isEqualTo("55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc");
  }

  @Test
  void sameSaltGivesTheSameFingerprintAcrossRuns() {
    Fingerprint first = new Fingerprinter(FIXED).fingerprint(Passcode.of("Secret42"));
    Fingerprint second = new Fingerprinter(FIXED).fingerprint(Passcode.of("Secret42"));
    assertThat(first).isEqualTo(second);
  }

  @Test
  void anotherSaltGivesAnotherFingerprint() {
    KdfParameters other = KdfParameters.generate();
    assertThat(new Fingerprinter(other).fingerprint(Passcode.of("Secret42")))
        .isNotEqualTo(new Fingerprinter(FIXED).fingerprint(Passcode.of("Secret42")));
  }

  @Test
  void fingerprintAllDerivesEachDistinctPasscodeOnce() {
    Map<Passcode, Fingerprint> all = new Fingerprinter(FIXED).fingerprintAll(
        List.of(Passcode.of("aaaa1"), Passcode.of("bbbb2"), Passcode.of("aaaa1")));
    assertThat(all).hasSize(2);
    assertThat(all.get(Passcode.of("aaaa1")))
        .isEqualTo(new Fingerprinter(FIXED).fingerprint(Passcode.of("aaaa1")));
    assertThat(all.values()).extracting(Fingerprint::hex)
        .noneMatch(hex -> hex.contains("aaaa1") || hex.contains("bbbb2"));
  }
}
