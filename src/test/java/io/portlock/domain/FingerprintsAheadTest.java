package io.portlock.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FingerprintsAheadTest {
  private static final Passcode HQ = Passcode.of("Harbor4417");
  private static final Passcode FIELD = Passcode.of("Meadow8820");

  private static Map<String, Passcode> passcodes(Passcode hq, Passcode field) {
    Map<String, Passcode> byGroup = new LinkedHashMap<>();
    byGroup.put("hq", hq);
    byGroup.put("field", field);
    return byGroup;
  }

  @Test
  void startsEachGroupOnceBothThePasscodesAndTheParametersAreKnown() {
    KdfParameters kdf = KdfParameters.generate(null);
    FingerprintsAhead ahead = FingerprintsAhead.withKey(null);

    ahead.passcodes(passcodes(HQ, FIELD));
    assertThat(ahead.derivesAhead(kdf, "hq")).isFalse();
    ahead.parameters(kdf, false);

    assertThat(ahead.derivesAhead(kdf, "hq")).isTrue();
    assertThat(ahead.derivesAhead(kdf, "field")).isTrue();
  }

  @Test
  void givesTheSameFingerprintsAsDerivingThemWhenAsked() {
    KdfParameters kdf = KdfParameters.generate(null);
    FingerprintsAhead ahead = FingerprintsAhead.withKey(null);
    ahead.parameters(kdf, false);
    ahead.passcodes(passcodes(HQ, FIELD));

    Fingerprinter fingerprinter = new Fingerprinter(kdf, null);
    assertThat(ahead.fingerprints(fingerprinter, passcodes(HQ, FIELD)))
        .isEqualTo(fingerprinter.fingerprintGroups(passcodes(HQ, FIELD)))
        .containsOnlyKeys("hq", "field");
  }

  @Test
  void aStaleHintIsReplacedByTheStatesOwnParameters() {
    // The hint comes from the state file's head; its journal may have rekeyed it since.
    KdfParameters hint = KdfParameters.generate(null);
    KdfParameters state = KdfParameters.generate(null);
    FingerprintsAhead ahead = FingerprintsAhead.withKey(null);
    ahead.parameters(hint, false);
    ahead.passcodes(Map.of("hq", HQ));
    ahead.stateRead(state, null);

    assertThat(ahead.derivesAhead(state, "hq")).isTrue();
    Fingerprinter fingerprinter = new Fingerprinter(state, null);
    assertThat(ahead.fingerprints(fingerprinter, Map.of("hq", HQ)).get("hq"))
        .isEqualTo(fingerprinter.fingerprint("hq", HQ));
  }

  @Test
  void fingerprintsUnderOtherParametersAreDerivedWhenAsked() {
    FingerprintsAhead ahead = FingerprintsAhead.withKey(null);
    ahead.parameters(KdfParameters.generate(null), false);
    ahead.passcodes(Map.of("hq", HQ));

    Fingerprinter other = new Fingerprinter(KdfParameters.generate(null), null);
    assertThat(ahead.fingerprints(other, Map.of("hq", HQ)).get("hq"))
        .isEqualTo(other.fingerprint("hq", HQ));
  }

  @Test
  void aPasscodeThatDiffersFromTheOneDerivedAheadIsDerivedAgain() {
    KdfParameters kdf = KdfParameters.generate(null);
    FingerprintsAhead ahead = FingerprintsAhead.withKey(null);
    ahead.parameters(kdf, false);
    ahead.passcodes(Map.of("hq", HQ));

    Fingerprinter fingerprinter = new Fingerprinter(kdf, null);
    Map<String, Fingerprint> fingerprints =
        ahead.fingerprints(fingerprinter, passcodes(FIELD, FIELD));
    assertThat(fingerprints.get("hq")).isEqualTo(fingerprinter.fingerprint("hq", FIELD));
    assertThat(fingerprints.get("field")).isEqualTo(fingerprinter.fingerprint("field", FIELD));
  }

  @Test
  void aKeyThatDoesNotFitTheParametersDerivesNothingAheadAndLeavesTheErrorToTheRealDerivation() {
    FingerprintKey key = FingerprintKey.of("k".repeat(43));
    KdfParameters unkeyed = KdfParameters.generate(null);
    FingerprintsAhead ahead = FingerprintsAhead.withKey(key);
    ahead.parameters(unkeyed, false);
    ahead.passcodes(Map.of("hq", HQ));

    assertThat(ahead.derivesAhead(unkeyed, "hq")).isFalse();
    assertThatThrownBy(() -> new Fingerprinter(unkeyed, key))
        .isInstanceOf(FingerprintKey.MismatchException.class);
  }

  @Test
  void withoutAStateTheNewStateGetsTheParametersTheFingerprintsStartedUnder() {
    FingerprintsAhead ahead = FingerprintsAhead.withKey(null);
    ahead.passcodes(Map.of("hq", HQ));
    ahead.noState();

    KdfParameters fresh = ahead.parametersForNewState(() -> KdfParameters.generate(null));
    assertThat(ahead.parametersForNewState(() -> KdfParameters.generate(null))).isEqualTo(fresh);
    assertThat(ahead.derivesAhead(fresh, "hq")).isTrue();
  }

  @Test
  void noneNeverDerivesAheadAndStillGivesEveryFingerprint() {
    KdfParameters kdf = KdfParameters.generate(null);
    FingerprintsAhead none = FingerprintsAhead.none();
    none.parameters(kdf, false);
    none.passcodes(Map.of("hq", HQ));
    none.noState();

    assertThat(none.derivesAhead(kdf, "hq")).isFalse();
    Fingerprinter fingerprinter = new Fingerprinter(kdf, null);
    assertThat(none.fingerprints(fingerprinter, Map.of("hq", HQ)).get("hq"))
        .isEqualTo(fingerprinter.fingerprint("hq", HQ));
  }

  private static FingerprintSeal sealOf(KdfParameters kdf, Map<String, Passcode> config) {
    Fingerprinter fingerprinter = new Fingerprinter(kdf, null);
    return Fingerprinter.seal(
        fingerprinter.sealKey(config), fingerprinter.fingerprintGroups(config));
  }

  @Test
  void aSealedStateDerivesOnlyTheSealsKeyAheadAndTheSealGivesEveryFingerprint() {
    KdfParameters kdf = KdfParameters.generate(null);
    FingerprintSeal seal = sealOf(kdf, passcodes(HQ, FIELD));
    FingerprintsAhead ahead = FingerprintsAhead.withKey(null);
    ahead.passcodes(passcodes(HQ, FIELD));
    ahead.parameters(kdf, true);
    ahead.stateRead(kdf, seal);

    assertThat(ahead.derivesSealKeyAhead(kdf)).isTrue();
    Fingerprinter fingerprinter = new Fingerprinter(kdf, null);
    assertThat(ahead.fingerprints(fingerprinter, passcodes(HQ, FIELD), seal))
        .isEqualTo(seal.groups())
        .containsOnlyKeys("hq", "field");
    assertThat(ahead.derivesAhead(kdf, "hq")).isFalse();
    assertThat(ahead.derivesAhead(kdf, "field")).isFalse();
  }

  @Test
  void aSealThatStaysShutStartsEveryGroupAndTheDerivedFingerprintsAreGiven() {
    KdfParameters kdf = KdfParameters.generate(null);
    FingerprintSeal old = sealOf(kdf, passcodes(HQ, Passcode.of("Meadow0000")));
    FingerprintsAhead ahead = FingerprintsAhead.withKey(null);
    ahead.passcodes(passcodes(HQ, FIELD));
    ahead.parameters(kdf, true);
    ahead.stateRead(kdf, old);

    Fingerprinter fingerprinter = new Fingerprinter(kdf, null);
    Map<String, Fingerprint> fingerprints =
        ahead.fingerprints(fingerprinter, passcodes(HQ, FIELD), old);
    assertThat(fingerprints).isEqualTo(fingerprinter.fingerprintGroups(passcodes(HQ, FIELD)));
    assertThat(fingerprints.get("field")).isNotEqualTo(old.groups().get("field"));
    assertThat(ahead.derivesAhead(kdf, "hq")).isTrue();
    assertThat(ahead.derivesAhead(kdf, "field")).isTrue();
  }

  @Test
  void aStateReadWithoutTheSealItsHintPromisedStartsEveryGroup() {
    // The hint comes from the file's head; a journal line may still change what the state holds.
    KdfParameters kdf = KdfParameters.generate(null);
    FingerprintsAhead ahead = FingerprintsAhead.withKey(null);
    ahead.passcodes(passcodes(HQ, FIELD));
    ahead.parameters(kdf, true);
    assertThat(ahead.derivesAhead(kdf, "hq")).isFalse();

    ahead.stateRead(kdf, null);

    assertThat(ahead.derivesAhead(kdf, "hq")).isTrue();
    assertThat(ahead.derivesAhead(kdf, "field")).isTrue();
  }

  @Test
  void theSealsKeyDerivedAheadIsTheOneForTheSamePasscodesOnly() {
    KdfParameters kdf = KdfParameters.generate(null);
    FingerprintsAhead ahead = FingerprintsAhead.withKey(null);
    ahead.passcodes(passcodes(HQ, FIELD));
    ahead.parameters(kdf, true);
    Fingerprinter fingerprinter = new Fingerprinter(kdf, null);
    FingerprintSeal seal = sealOf(kdf, passcodes(HQ, FIELD));

    assertThat(Fingerprinter.open(ahead.sealKey(fingerprinter, passcodes(HQ, FIELD)), seal))
        .isPresent();
    assertThat(Fingerprinter.open(ahead.sealKey(fingerprinter, passcodes(FIELD, HQ)), seal))
        .isEmpty();
  }

  @Test
  void withoutDerivingAheadASealStillGivesTheFingerprints() {
    KdfParameters kdf = KdfParameters.generate(null);
    FingerprintSeal seal = sealOf(kdf, passcodes(HQ, FIELD));
    Fingerprinter fingerprinter = new Fingerprinter(kdf, null);

    assertThat(FingerprintsAhead.none().fingerprints(fingerprinter, passcodes(HQ, FIELD), seal))
        .isEqualTo(fingerprinter.fingerprintGroups(passcodes(HQ, FIELD)));
  }
}
