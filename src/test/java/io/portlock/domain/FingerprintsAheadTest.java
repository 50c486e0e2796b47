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
  void startsEachGroupOnceBothItsPasscodeAndTheParametersAreKnownInEitherOrder() {
    KdfParameters kdf = KdfParameters.generate(null);
    FingerprintsAhead ahead = FingerprintsAhead.withKey(null);

    ahead.passcode("hq", HQ);
    assertThat(ahead.derivesAhead(kdf, "hq")).isFalse();
    ahead.parameters(kdf);
    ahead.passcode("field", FIELD);

    assertThat(ahead.derivesAhead(kdf, "hq")).isTrue();
    assertThat(ahead.derivesAhead(kdf, "field")).isTrue();
  }

  @Test
  void givesTheSameFingerprintsAsDerivingThemWhenAsked() {
    KdfParameters kdf = KdfParameters.generate(null);
    FingerprintsAhead ahead = FingerprintsAhead.withKey(null);
    ahead.parameters(kdf);
    ahead.passcode("hq", HQ);
    ahead.passcode("field", FIELD);

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
    ahead.parameters(hint);
    ahead.passcode("hq", HQ);
    ahead.parameters(state);

    assertThat(ahead.derivesAhead(state, "hq")).isTrue();
    Fingerprinter fingerprinter = new Fingerprinter(state, null);
    assertThat(ahead.fingerprints(fingerprinter, Map.of("hq", HQ)).get("hq"))
        .isEqualTo(fingerprinter.fingerprint("hq", HQ));
  }

  @Test
  void fingerprintsUnderOtherParametersAreDerivedWhenAsked() {
    FingerprintsAhead ahead = FingerprintsAhead.withKey(null);
    ahead.parameters(KdfParameters.generate(null));
    ahead.passcode("hq", HQ);

    Fingerprinter other = new Fingerprinter(KdfParameters.generate(null), null);
    assertThat(ahead.fingerprints(other, Map.of("hq", HQ)).get("hq"))
        .isEqualTo(other.fingerprint("hq", HQ));
  }

  @Test
  void aPasscodeThatDiffersFromTheOneDerivedAheadIsDerivedAgain() {
    KdfParameters kdf = KdfParameters.generate(null);
    FingerprintsAhead ahead = FingerprintsAhead.withKey(null);
    ahead.parameters(kdf);
    ahead.passcode("hq", HQ);

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
    ahead.parameters(unkeyed);
    ahead.passcode("hq", HQ);

    assertThat(ahead.derivesAhead(unkeyed, "hq")).isFalse();
    assertThatThrownBy(() -> new Fingerprinter(unkeyed, key))
        .isInstanceOf(FingerprintKey.MismatchException.class);
  }

  @Test
  void withoutAStateTheNewStateGetsTheParametersTheFingerprintsStartedUnder() {
    FingerprintsAhead ahead = FingerprintsAhead.withKey(null);
    ahead.passcode("hq", HQ);
    ahead.noState();

    KdfParameters fresh = ahead.parametersForNewState(() -> KdfParameters.generate(null));
    assertThat(ahead.parametersForNewState(() -> KdfParameters.generate(null))).isEqualTo(fresh);
    assertThat(ahead.derivesAhead(fresh, "hq")).isTrue();
  }

  @Test
  void noneNeverDerivesAheadAndStillGivesEveryFingerprint() {
    KdfParameters kdf = KdfParameters.generate(null);
    FingerprintsAhead none = FingerprintsAhead.none();
    none.parameters(kdf);
    none.passcode("hq", HQ);
    none.noState();

    assertThat(none.derivesAhead(kdf, "hq")).isFalse();
    Fingerprinter fingerprinter = new Fingerprinter(kdf, null);
    assertThat(none.fingerprints(fingerprinter, Map.of("hq", HQ)).get("hq"))
        .isEqualTo(fingerprinter.fingerprint("hq", HQ));
  }
}
