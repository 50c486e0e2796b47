package io.portlock.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import java.util.Map;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import org.junit.jupiter.api.Test;

class FingerprinterTest {
  private static final KdfParameters FIXED =
      new KdfParameters(KdfParameters.PBKDF2_HMAC_SHA256, 100_000, "cG9ydGxvY2stdGVzdC1zYWx0", 32);

  @Test
  void matchesTheJdkPbkdf2ForTheSameParameters() throws Exception {
    SecretKeyFactory jdk = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256");
    byte[] expected =
        jdk.generateSecret(new PBEKeySpec("a1b2c3".toCharArray(), FIXED.saltBytes(), 100_000, 256))
            .getEncoded();

    Fingerprint fp = new Fingerprinter(FIXED).fingerprint("hq", Passcode.of("a1b2c3"));

    assertThat(fp.hex()).isEqualTo(HexFormat.of().formatHex(expected));
  }

  @Test
  void rfc7914TestVectorForPbkdf2HmacSha256() {
    // RFC 7914 section 11: P="passwd", S="salt", c=1, dkLen=64 (first 32 bytes checked).
    byte[] derived =
        Fingerprinter.pbkdf2(
            "passwd".getBytes(java.nio.charset.StandardCharsets.US_ASCII),
            "salt".getBytes(java.nio.charset.StandardCharsets.US_ASCII),
            1,
            32);
    assertThat(HexFormat.of().formatHex(derived))
        .isEqualTo("55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc");
  }

  @Test
  void sameSaltGivesTheSameFingerprintAcrossRuns() {
    KdfParameters fresh = KdfParameters.generate(null);
    Fingerprint first = new Fingerprinter(fresh, null).fingerprint("hq", Passcode.of("Secret42"));
    Fingerprint second = new Fingerprinter(fresh, null).fingerprint("hq", Passcode.of("Secret42"));
    assertThat(first).isEqualTo(second);
  }

  @Test
  void anotherSaltGivesAnotherFingerprint() {
    KdfParameters other = KdfParameters.generate(null);
    assertThat(new Fingerprinter(other, null).fingerprint("hq", Passcode.of("Secret42")))
        .isNotEqualTo(new Fingerprinter(FIXED).fingerprint("hq", Passcode.of("Secret42")));
  }

  @Test
  void equalPasscodesInTwoGroupsOfANewStateHaveDifferentFingerprints() {
    // One salt for the whole state let one pass over the key space crack every group at once,
    // and showed which groups share a passcode.
    Fingerprinter fingerprinter = new Fingerprinter(KdfParameters.generate(null), null);
    assertThat(fingerprinter.fingerprint("hq", Passcode.of("Secret42")))
        .isNotEqualTo(fingerprinter.fingerprint("sales", Passcode.of("Secret42")));
  }

  @Test
  void aKeyedFingerprintCannotBeReproducedWithoutTheKey() {
    FingerprintKey key = FingerprintKey.of("0123456789abcdef0123456789abcdef");
    KdfParameters keyed = KdfParameters.generate(key);
    KdfParameters sameSaltUnkeyed =
        new KdfParameters(
            keyed.algorithm(), keyed.iterations(), keyed.salt(), keyed.lengthBytes(), true, null);

    Fingerprint withKey = new Fingerprinter(keyed, key).fingerprint("hq", Passcode.of("123456"));

    assertThat(keyed.keyId()).isEqualTo(key.id()).hasSize(12);
    assertThat(withKey)
        .isNotEqualTo(
            new Fingerprinter(sameSaltUnkeyed, null).fingerprint("hq", Passcode.of("123456")));
    FingerprintKey other = FingerprintKey.of("fedcba9876543210fedcba9876543210");
    assertThat(other.id()).isNotEqualTo(key.id());
    assertThat(key.toString()).doesNotContain("0123456789abcdef");
  }

  @Test
  void aKeyedStateNeedsItsKeyAndNamesTheKeyIdsInsteadOfGivingOtherFingerprints() {
    FingerprintKey key = FingerprintKey.of("0123456789abcdef0123456789abcdef");
    KdfParameters keyed = KdfParameters.generate(key);
    FingerprintKey other = FingerprintKey.of("fedcba9876543210fedcba9876543210");

    org.assertj.core.api.Assertions.assertThatThrownBy(() -> new Fingerprinter(keyed, null))
        .isInstanceOf(FingerprintKey.MismatchException.class)
        .hasMessage(
            "the fingerprints are keyed with key id "
                + key.id()
                + " but"
                + " PORTLOCK_FINGERPRINT_KEY is not set; set it from the secret store that holds"
                + " that key");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> new Fingerprinter(keyed, other))
        .isInstanceOf(FingerprintKey.MismatchException.class)
        .hasMessage(
            "the fingerprints are keyed with key id "
                + key.id()
                + " but"
                + " PORTLOCK_FINGERPRINT_KEY has key id "
                + other.id()
                + "; set the key they were"
                + " made with, or run 'portlock refresh --rekey' to fingerprint them again with this"
                + " one from Bandwidth's read-back");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> new Fingerprinter(KdfParameters.generate(null), key))
        .isInstanceOf(FingerprintKey.MismatchException.class)
        .hasMessage(
            "the fingerprints are not keyed but PORTLOCK_FINGERPRINT_KEY is set; run"
                + " 'portlock refresh --rekey' once to fingerprint them again with the key from"
                + " Bandwidth's read-back (it sends no order), or unset the variable");
  }

  @Test
  void aShortKeyIsRefusedWithoutQuotingIt() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> FingerprintKey.of("short-key"))
        .hasMessage(
            "PORTLOCK_FINGERPRINT_KEY has 9 characters; expected at least 16, such as the"
                + " 64 hex digits of 'openssl rand -hex 32'");
  }

  @Test
  void fingerprintGroupsDerivesEachGroupOnceAndLegacyStatesEachDistinctPasscodeOnce() {
    Map<String, Passcode> groups = new java.util.LinkedHashMap<>();
    groups.put("a", Passcode.of("aaaa1"));
    groups.put("b", Passcode.of("bbbb2"));
    groups.put("c", Passcode.of("aaaa1"));
    Map<String, Fingerprint> legacy = new Fingerprinter(FIXED).fingerprintGroups(groups);
    assertThat(legacy).containsOnlyKeys("a", "b", "c");
    assertThat(legacy.get("a"))
        .isEqualTo(legacy.get("c"))
        .isEqualTo(new Fingerprinter(FIXED).fingerprint("x", Passcode.of("aaaa1")));
    assertThat(legacy.values())
        .extracting(Fingerprint::hex)
        .noneMatch(hex -> hex.contains("aaaa1") || hex.contains("bbbb2"));
  }
}
