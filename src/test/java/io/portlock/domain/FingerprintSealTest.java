package io.portlock.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FingerprintSealTest {
  private static final KdfParameters KDF = KdfParameters.generate(null);
  private static final Fingerprinter FINGERPRINTER = new Fingerprinter(KDF);
  private static final Passcode HQ = Passcode.of("Harbor4417");
  private static final Passcode FIELD = Passcode.of("Meadow8820");

  private static Map<String, Passcode> config(Passcode hq, Passcode field) {
    Map<String, Passcode> byGroup = new LinkedHashMap<>();
    byGroup.put("hq", hq);
    byGroup.put("field", field);
    return byGroup;
  }

  private static FingerprintSeal sealOf(Fingerprinter fingerprinter, Map<String, Passcode> config) {
    return Fingerprinter.seal(
        fingerprinter.sealKey(config), fingerprinter.fingerprintGroups(config));
  }

  @Test
  void opensToTheFingerprintsItSealedForTheSamePasscodesInAnyOrder() {
    FingerprintSeal seal = sealOf(FINGERPRINTER, config(HQ, FIELD));
    Map<String, Passcode> reordered = new LinkedHashMap<>();
    reordered.put("field", FIELD);
    reordered.put("hq", HQ);

    assertThat(Fingerprinter.open(FINGERPRINTER.sealKey(reordered), seal))
        .hasValue(FINGERPRINTER.fingerprintGroups(config(HQ, FIELD)));
  }

  @Test
  void staysShutWhenOnePasscodeChanged() {
    FingerprintSeal seal = sealOf(FINGERPRINTER, config(HQ, FIELD));

    assertThat(
            Fingerprinter.open(FINGERPRINTER.sealKey(config(HQ, Passcode.of("Meadow8821"))), seal))
        .isEmpty();
  }

  @Test
  void staysShutWhenTwoGroupsSwapTheirPasscodes() {
    FingerprintSeal seal = sealOf(FINGERPRINTER, config(HQ, FIELD));

    assertThat(Fingerprinter.open(FINGERPRINTER.sealKey(config(FIELD, HQ)), seal)).isEmpty();
  }

  @Test
  void staysShutWhenAGroupIsAddedRemovedOrRenamed() {
    FingerprintSeal seal = sealOf(FINGERPRINTER, config(HQ, FIELD));
    Map<String, Passcode> added = config(HQ, FIELD);
    added.put("lab", HQ);
    Map<String, Passcode> renamed = new LinkedHashMap<>();
    renamed.put("hq", HQ);
    renamed.put("fields", FIELD);

    assertThat(Fingerprinter.open(FINGERPRINTER.sealKey(added), seal)).isEmpty();
    assertThat(Fingerprinter.open(FINGERPRINTER.sealKey(Map.of("hq", HQ)), seal)).isEmpty();
    assertThat(Fingerprinter.open(FINGERPRINTER.sealKey(renamed), seal)).isEmpty();
  }

  @Test
  void staysShutWhenAFingerprintInItWasEdited() {
    // Someone who can write the state but does not know the passcodes must not be able to make a
    // plan compare against fingerprints of their choosing (an old passcode's, to hide a change).
    FingerprintSeal seal = sealOf(FINGERPRINTER, config(HQ, FIELD));
    Map<String, Fingerprint> edited = new LinkedHashMap<>(seal.groups());
    edited.put("field", FINGERPRINTER.fingerprint("field", Passcode.of("Meadow8821")));

    assertThat(
            Fingerprinter.open(
                FINGERPRINTER.sealKey(config(HQ, FIELD)), new FingerprintSeal(edited, seal.mac())))
        .isEmpty();
  }

  @Test
  void staysShutUnderAnotherSaltOrKey() {
    FingerprintSeal seal = sealOf(FINGERPRINTER, config(HQ, FIELD));
    FingerprintKey key = FingerprintKey.of("k".repeat(43));
    KdfParameters keyed =
        new KdfParameters(
            KDF.algorithm(), KDF.iterations(), KDF.salt(), KDF.lengthBytes(), true, key.id());

    assertThat(
            Fingerprinter.open(
                new Fingerprinter(KdfParameters.generate(null)).sealKey(config(HQ, FIELD)), seal))
        .isEmpty();
    assertThat(Fingerprinter.open(new Fingerprinter(keyed, key).sealKey(config(HQ, FIELD)), seal))
        .isEmpty();
  }

  @Test
  void staysShutUnderParametersThatDifferOnlyInTheSaltsPerGroupOrTheLength() {
    // A state rewritten in the first format keeps its salt, but its fingerprints are not the ones
    // sealed: a seal that opened there would hand out fingerprints of another format.
    FingerprintSeal seal = sealOf(FINGERPRINTER, config(HQ, FIELD));
    KdfParameters firstFormat =
        new KdfParameters(KDF.algorithm(), KDF.iterations(), KDF.salt(), KDF.lengthBytes());
    KdfParameters shorter =
        new KdfParameters(KDF.algorithm(), KDF.iterations(), KDF.salt(), 16, true, null);

    assertThat(Fingerprinter.open(new Fingerprinter(firstFormat).sealKey(config(HQ, FIELD)), seal))
        .isEmpty();
    assertThat(Fingerprinter.open(new Fingerprinter(shorter).sealKey(config(HQ, FIELD)), seal))
        .isEmpty();
  }

  @Test
  void aSealOfOneGroupIsNotThatGroupsFingerprint() {
    // The seal key has a salt and an input of its own: it is never a fingerprint in another form.
    FingerprintSeal seal = sealOf(FINGERPRINTER, Map.of("hq", HQ));

    assertThat(seal.mac()).isNotEqualTo(FINGERPRINTER.fingerprint("hq", HQ).hex());
    assertThat(seal.mac()).hasSize(64);
  }

  @Test
  void showsNoPasscodeNorItsKey() {
    FingerprintSeal seal = sealOf(FINGERPRINTER, config(HQ, FIELD));
    Fingerprinter.SealKey key = FINGERPRINTER.sealKey(config(HQ, FIELD));

    assertThat(seal.toString() + key).doesNotContain("Harbor4417", "Meadow8820");
    assertThat(key.toString()).isEqualTo("SealKey(2 groups)");
  }

  @Test
  void refusesToSealFingerprintsOfOtherGroupsThanTheKeys() {
    Fingerprinter.SealKey key = FINGERPRINTER.sealKey(config(HQ, FIELD));

    assertThatThrownBy(
            () -> Fingerprinter.seal(key, Map.of("hq", FINGERPRINTER.fingerprint("hq", HQ))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("2 sealed groups");
  }

  @Test
  void refusesAMacThatIsNotSixtyFourHexDigits() {
    Map<String, Fingerprint> groups = Map.of("hq", FINGERPRINTER.fingerprint("hq", HQ));

    assertThatThrownBy(() -> new FingerprintSeal(groups, "ABC"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageNotContaining("ABC");
    assertThatThrownBy(() -> new FingerprintSeal(Map.of(), "0".repeat(64)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
