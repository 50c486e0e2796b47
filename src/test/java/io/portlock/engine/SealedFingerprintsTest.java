package io.portlock.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.portlock.apply.ApplyResult;
import io.portlock.config.ConfigLoader;
import io.portlock.config.LoadOptions;
import io.portlock.domain.Fingerprint;
import io.portlock.domain.FingerprintSeal;
import io.portlock.domain.Fingerprinter;
import io.portlock.domain.Passcode;
import io.portlock.plan.Change;
import io.portlock.plan.Plan;
import io.portlock.state.FileStateStore;
import io.portlock.state.State;
import io.portlock.state.StateChange;
import io.portlock.state.StateSession;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fingerprint seal through the use cases: apply records it, a plan with the same passcodes
 * takes its fingerprints from it, and anything else (another passcode, an edited seal) is derived.
 */
class SealedFingerprintsTest {
  private static final String HQ = "Hq7seCret";
  private static final String FIELD = "F1eldWork";

  @TempDir Path dir;
  private EngineSandbox engine;

  @BeforeEach
  void start() {
    engine = new EngineSandbox();
  }

  @AfterEach
  void stop() {
    engine.close();
  }

  private Project project(String hq, String field) throws Exception {
    Files.writeString(
        dir.resolve("portlock.yaml"),
        """
        version: 1
        account: "9900000"
        groups:
          hq:
            passcode: {env: HQ_PASSCODE}
            numbers: ["2018551020..2018551024"]
          field:
            passcode: {env: FIELD_PASSCODE}
            numbers: ["2018551030..2018551032"]
        """);
    var config =
        ConfigLoader.load(
            dir.resolve("portlock.yaml"),
            new LoadOptions(Map.of("HQ_PASSCODE", hq, "FIELD_PASSCODE", field), List.of()));
    return new Project(config, new FileStateStore(dir.resolve("portlock.state.json")), null, dir);
  }

  private ApplyResult apply(Project project) {
    return engine.apply(project, false);
  }

  private Plan plan(Project project) {
    return new Planning(project).plan(project.read(), null).plan();
  }

  private static Map<String, Passcode> passcodes(String hq, String field) {
    Map<String, Passcode> byGroup = new LinkedHashMap<>();
    byGroup.put("hq", Passcode.of(hq));
    byGroup.put("field", Passcode.of(field));
    return byGroup;
  }

  private void commitSeal(Project project, FingerprintSeal seal) {
    try (StateSession session = project.open("test", Duration.ZERO)) {
      session.commit(new StateChange.FingerprintsSealed(seal));
    }
  }

  @Test
  void anApplySealsEachGroupsFingerprintAndTheNextPlanHasNoChanges() throws Exception {
    Project project = project(HQ, FIELD);

    assertThat(apply(project).complete()).isTrue();

    State state = project.read().orElseThrow();
    Fingerprinter fingerprinter = new Fingerprinter(state.kdf());
    assertThat(state.seal()).isNotNull();
    assertThat(state.seal().groups())
        .isEqualTo(fingerprinter.fingerprintGroups(passcodes(HQ, FIELD)));
    assertThat(Fingerprinter.open(fingerprinter.sealKey(passcodes(HQ, FIELD)), state.seal()))
        .isPresent();
    assertThat(plan(project(HQ, FIELD)).hasChanges()).isFalse();
    assertThat(Files.readString(dir.resolve("portlock.state.json"))).doesNotContain(HQ, FIELD);
  }

  @Test
  void aPlanTakesItsFingerprintsFromASealThatOpens() throws Exception {
    // A seal made with the config's passcodes over fingerprints that are not theirs: the plan
    // follows it, which shows it is read (portlock itself only ever seals the derived ones).
    Project project = project(HQ, FIELD);
    apply(project);
    State state = project.read().orElseThrow();
    Fingerprinter fingerprinter = new Fingerprinter(state.kdf());
    Map<String, Fingerprint> others = new LinkedHashMap<>();
    others.put("hq", fingerprinter.fingerprint("hq", Passcode.of("Other1111")));
    others.put("field", state.seal().groups().get("field"));
    commitSeal(project, Fingerprinter.seal(fingerprinter.sealKey(passcodes(HQ, FIELD)), others));

    Plan plan = plan(project(HQ, FIELD));

    assertThat(plan.changes())
        .singleElement()
        .isInstanceOfSatisfying(
            Change.Modify.class,
            m -> {
              assertThat(m.group()).isEqualTo("hq");
              assertThat(m.numbers().size()).isEqualTo(5);
            });
  }

  @Test
  void aRotatedPasscodeIsPlannedAndAppliedDespiteTheSealOfTheOldOne() throws Exception {
    apply(project(HQ, FIELD));
    FingerprintSeal old = project(HQ, FIELD).read().orElseThrow().seal();
    Project rotated = project(HQ, "N3wField9");

    Plan plan = plan(rotated);
    assertThat(plan.changes())
        .singleElement()
        .isInstanceOfSatisfying(
            Change.Modify.class,
            m -> {
              assertThat(m.group()).isEqualTo("field");
              assertThat(m.numbers().size()).isEqualTo(3);
            });
    assertThat(apply(rotated).complete()).isTrue();

    FingerprintSeal now = rotated.read().orElseThrow().seal();
    assertThat(now).isNotEqualTo(old);
    assertThat(now.groups().get("hq")).isEqualTo(old.groups().get("hq"));
    assertThat(engine.sandbox.passcodes()).containsEntry(2018551030L, "N3wField9");
    assertThat(plan(project(HQ, "N3wField9")).hasChanges()).isFalse();
  }

  @Test
  void anEditedSealIsIgnoredAndTheFingerprintsAreDerived() throws Exception {
    // Someone who can write the state but does not know the passcodes swaps in a fingerprint to
    // make the plan compare against it: the mac no longer matches, so it is not used.
    Project project = project(HQ, FIELD);
    apply(project);
    State state = project.read().orElseThrow();
    Map<String, Fingerprint> edited = new LinkedHashMap<>(state.seal().groups());
    edited.put("hq", new Fingerprinter(state.kdf()).fingerprint("hq", Passcode.of("Other1111")));
    commitSeal(project, new FingerprintSeal(edited, state.seal().mac()));

    assertThat(plan(project(HQ, FIELD)).hasChanges()).isFalse();
  }
}
