package io.portlock.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portlock.domain.Fingerprint;
import io.portlock.domain.FingerprintKey;
import io.portlock.domain.Fingerprinter;
import io.portlock.domain.KdfParameters;
import io.portlock.domain.Passcode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An attacker with the git history holds every state and plan file. With PORTLOCK_FINGERPRINT_KEY
 * set, those files must be useless for testing passcode guesses; a missing or wrong key must be a
 * clear error, and adding or changing the key has a clean path.
 */
class FingerprintKeyTest {
  private static final String HQ = "Hq7seCret";
  private static final String SUPPORT = "Sup9port";
  private static final String KEY = "k3y-from-the-ci-secret-store-0123456789";
  private static final String OTHER_KEY = "another-key-from-the-secret-store-987";
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  SandboxCli env;

  @AfterEach
  void tearDown() {
    if (env != null) {
      env.close();
    }
  }

  private CliHarness start() {
    env = new SandboxCli(dir, SandboxCli.fast());
    env.cli.env.put("HQ_PASSCODE", HQ);
    env.cli.env.put("SUPPORT_PASSCODE", SUPPORT);
    config("\"2018551020..2018551029\"");
    return env.cli;
  }

  private void config(String hqNumbers) {
    env.cli.write(
        "portlock.yaml",
        """
        version: 1
        account: "9900000"
        groups:
          hq:
            passcode: {env: HQ_PASSCODE}
            numbers: [%s]
          sales:
            passcode: {env: HQ_PASSCODE}
            numbers: ["2018551050..2018551054"]
          support:
            passcode: {env: SUPPORT_PASSCODE}
            numbers: ["2125550100..2125550104"]
        """
            .formatted(hqNumbers));
  }

  private JsonNode stateJson() throws IOException {
    return JSON.readTree(dir.resolve("portlock.state.json").toFile());
  }

  private static KdfParameters kdfOf(JsonNode kdf, boolean withKeyId) {
    return new KdfParameters(
        kdf.path("algorithm").asText(),
        kdf.path("iterations").asInt(),
        kdf.path("salt").asText(),
        kdf.path("length").asInt(),
        kdf.path("salt_per_group").asBoolean(),
        withKeyId && kdf.path("key_id").isTextual() ? kdf.path("key_id").asText() : null);
  }

  /** What an attacker who read the state can test offline: each guess under the file's salts. */
  private static List<String> crack(JsonNode state, List<String> guesses) {
    KdfParameters unkeyed = kdfOf(state.path("kdf"), false);
    KdfParameters oneSalt =
        new KdfParameters(
            unkeyed.algorithm(), unkeyed.iterations(), unkeyed.salt(), unkeyed.lengthBytes());
    List<String> cracked = new ArrayList<>();
    for (JsonNode entry : state.path("entries")) {
      String group = entry.path("group").asText();
      for (String guess : guesses) {
        for (KdfParameters kdf : List.of(unkeyed, oneSalt)) {
          Fingerprint fp = new Fingerprinter(kdf, null).fingerprint(group, Passcode.of(guess));
          if (fp.hex().equals(entry.path("fingerprint").asText())) {
            cracked.add(group);
          }
        }
      }
    }
    return cracked;
  }

  @Test
  void withAKeyTheCommittedStateCrackesNoGroupAndEqualPasscodesDoNotShow() throws Exception {
    CliHarness cli = start();
    cli.env.put("PORTLOCK_FINGERPRINT_KEY", KEY);
    CliHarness.Result apply = cli.run("apply", "--auto-approve");
    assertThat(apply.exitCode()).as(apply.all()).isZero();
    JsonNode state = stateJson();

    assertThat(state.path("format_version").asInt()).isEqualTo(2);
    assertThat(state.path("kdf").path("key_id").asText()).isEqualTo(FingerprintKey.of(KEY).id());
    assertThat(state.path("kdf").path("salt_per_group").asBoolean()).isTrue();
    assertThat(crack(state, List.of("123456", SUPPORT, HQ))).as("guesses that match").isEmpty();
    List<String> fingerprints = new ArrayList<>();
    state.path("entries").forEach(e -> fingerprints.add(e.path("fingerprint").asText()));
    assertThat(fingerprints)
        .as("hq and sales share a passcode, not a fingerprint")
        .doesNotHaveDuplicates()
        .hasSize(3);
    assertThat(Files.readString(dir.resolve("portlock.state.json"))).doesNotContain(KEY);
  }

  @Test
  void withoutAKeyTheFilesAreOnlyAsStrongAsThePasscodesAndPlanSaysSoOnce() throws Exception {
    CliHarness cli = start();
    assertThat(cli.run("apply", "--auto-approve").exitCode()).isZero();

    assertThat(crack(stateJson(), List.of("123456", HQ))).containsExactlyInAnyOrder("hq", "sales");
    CliHarness.Result plan = cli.run("plan");
    assertThat(plan.err())
        .containsOnlyOnce(
            "Note: PORTLOCK_FINGERPRINT_KEY is not set, so the"
                + " fingerprints in the state and plan files are only as strong as the passcodes");
    cli.env.put("PORTLOCK_FINGERPRINT_KEY", KEY);
    assertThat(cli.run("validate").err()).doesNotContain("only as strong");
  }

  @Test
  void aMissingOrWrongKeyIsAClearErrorAndNotAMassDrift() {
    CliHarness cli = start();
    cli.env.put("PORTLOCK_FINGERPRINT_KEY", KEY);
    assertThat(cli.run("apply", "--auto-approve").exitCode()).isZero();
    String id = FingerprintKey.of(KEY).id();
    String state = dir.resolve("portlock.state.json").toString();

    cli.env.remove("PORTLOCK_FINGERPRINT_KEY");
    CliHarness.Result missing = cli.run("plan", "--detailed-exitcode");
    assertThat(missing.exitCode()).isEqualTo(1);
    assertThat(missing.err())
        .contains(
            "Error: "
                + state
                + ": the fingerprints are keyed with key"
                + " id "
                + id
                + " but PORTLOCK_FINGERPRINT_KEY is not set; set it from the secret store"
                + " that holds that key\n");

    cli.env.put("PORTLOCK_FINGERPRINT_KEY", OTHER_KEY);
    CliHarness.Result wrong = cli.run("apply", "--auto-approve");
    assertThat(wrong.exitCode()).isEqualTo(1);
    assertThat(wrong.err())
        .contains(
            "the fingerprints are keyed with key id "
                + id
                + " but"
                + " PORTLOCK_FINGERPRINT_KEY has key id "
                + FingerprintKey.of(OTHER_KEY).id());
    assertThat(env.sandbox.receivedOrders()).as("no repair of a false drift").hasSize(1);
    assertThat(missing.all() + wrong.all()).doesNotContain(KEY).doesNotContain(OTHER_KEY);
  }

  @Test
  void refreshRekeyAddsAndChangesTheKeyFromTheReadBackWithoutSendingAnOrder() throws Exception {
    CliHarness cli = start();
    assertThat(cli.run("apply", "--auto-approve").exitCode()).isZero();
    cli.env.put("PORTLOCK_FINGERPRINT_KEY", KEY);
    CliHarness.Result refused = cli.run("plan");
    assertThat(refused.exitCode()).isEqualTo(1);
    assertThat(refused.err())
        .contains(
            "the fingerprints are not keyed but"
                + " PORTLOCK_FINGERPRINT_KEY is set; run 'portlock refresh --rekey' once");

    CliHarness.Result rekey = cli.run("refresh", "--rekey");

    assertThat(rekey.exitCode()).as(rekey.all()).isZero();
    assertThat(rekey.out())
        .isEqualTo(
            "Rekeyed the state: 20 numbers fingerprinted again from"
                + " Bandwidth's read-back, salted per group, keyed with key id "
                + FingerprintKey.of(KEY).id()
                + "; 0 numbers with no passcode or no longer on the"
                + " account dropped. No order was sent.\n");
    assertThat(stateJson().path("kdf").path("key_id").asText())
        .isEqualTo(FingerprintKey.of(KEY).id());
    assertThat(cli.run("plan", "--detailed-exitcode").exitCode()).isZero();

    cli.env.put("PORTLOCK_FINGERPRINT_KEY", OTHER_KEY);
    assertThat(cli.run("refresh", "--rekey").exitCode()).isZero();
    assertThat(cli.run("plan", "--detailed-exitcode").exitCode()).isZero();
    assertThat(env.sandbox.receivedOrders()).hasSize(1);
  }

  @Test
  void aStateOfTheFirstFormatStillPlansWithoutChangesAndRekeysToTheNewOne() throws Exception {
    CliHarness cli = start();
    assertThat(cli.run("apply", "--auto-approve").exitCode()).isZero();
    // Rewrite the state as portlock 1 wrote it: one salt for every group, no key fields.
    ObjectNode state = (ObjectNode) stateJson();
    state.put("format_version", 1);
    ObjectNode kdf = (ObjectNode) state.path("kdf");
    kdf.remove("salt_per_group");
    kdf.remove("key_id");
    KdfParameters legacy = kdfOf(kdf, false);
    for (JsonNode entry : state.path("entries")) {
      String passcode = entry.path("group").asText().equals("support") ? SUPPORT : HQ;
      ((ObjectNode) entry)
          .put(
              "fingerprint",
              new Fingerprinter(legacy).fingerprint("ignored", Passcode.of(passcode)).hex());
    }
    Files.writeString(dir.resolve("portlock.state.json"), state.toPrettyString());

    CliHarness.Result plan = cli.run("plan", "--detailed-exitcode");
    assertThat(plan.exitCode()).as(plan.all()).isZero();

    assertThat(cli.run("refresh", "--rekey").exitCode()).isZero();
    assertThat(stateJson().path("format_version").asInt()).isEqualTo(2);
    assertThat(stateJson().path("kdf").path("salt_per_group").asBoolean()).isTrue();
    assertThat(cli.run("plan", "--detailed-exitcode").exitCode()).isZero();
    assertThat(env.sandbox.receivedOrders()).hasSize(1);
  }

  @Test
  void aKeyedPlanFileCarriesAMacAndAnyEditOrARemovedMacIsRefused() throws Exception {
    CliHarness cli = start();
    cli.env.put("PORTLOCK_FINGERPRINT_KEY", KEY);
    assertThat(cli.run("apply", "--auto-approve").exitCode()).isZero();
    config("\"2018551020..2018551030\"");
    assertThat(cli.run("plan", "--out", "p.plan").exitCode()).isZero();
    Path file = dir.resolve("p.plan");
    String original = Files.readString(file);
    ObjectNode plan = (ObjectNode) JSON.readTree(original);
    assertThat(plan.path("mac").asText()).matches("hmac-sha256:[0-9a-f]{64}");

    plan.put("git_commit", "0000000000000000000000000000000000000000");
    Files.writeString(file, plan.toPrettyString());
    CliHarness.Result edited = cli.run("apply", "p.plan");
    assertThat(edited.exitCode()).isEqualTo(1);
    assertThat(edited.err())
        .startsWith(
            "Error: the plan file p.plan was edited or damaged: its"
                + " MAC does not match its content under key id "
                + FingerprintKey.of(KEY).id()
                + "; nothing was sent.");

    plan.remove("mac");
    Files.writeString(file, plan.toPrettyString());
    CliHarness.Result stripped = cli.run("apply", "p.plan");
    assertThat(stripped.exitCode()).isEqualTo(1);
    assertThat(stripped.err())
        .startsWith(
            "Error: the plan file p.plan carries no MAC, but its" + " fingerprints are keyed");
    assertThat(env.sandbox.receivedOrders()).hasSize(1);

    Files.writeString(file, original);
    CliHarness.Result untouched = cli.run("apply", "p.plan");
    assertThat(untouched.exitCode()).as(untouched.all()).isZero();
    assertThat(env.sandbox.passcodes()).containsEntry(2018551030L, HQ);
  }

  @Test
  void neitherTheKeyNorAPasscodeAppearsInAnyOutputOrFileOfAKeyedRun() throws Exception {
    CliHarness cli = start();
    cli.env.put("PORTLOCK_FINGERPRINT_KEY", KEY);
    StringBuilder all = new StringBuilder();
    for (String[] args :
        new String[][] {
          {"validate", "--debug"},
          {"plan", "--out", "p.plan", "--debug"},
          {"show", "p.plan", "--format", "json", "--debug"},
          {"apply", "p.plan", "--debug"},
          {"plan", "--format", "markdown", "--debug"},
          {"state", "list", "--debug"}
        }) {
      all.append(cli.run(args).all());
    }
    cli.env.put("PORTLOCK_FINGERPRINT_KEY", OTHER_KEY);
    all.append(cli.run("plan", "--debug").all());
    all.append(cli.run("refresh", "--rekey", "--debug").all());
    cli.env.remove("PORTLOCK_FINGERPRINT_KEY");
    all.append(cli.run("apply", "p.plan", "--debug").all());

    for (String secret : List.of(KEY, OTHER_KEY, HQ, SUPPORT)) {
      assertThat(all.toString()).doesNotContain(secret);
      cli.files()
          .forEach(
              (path, text) -> {
                if (!path.toString().equals("portlock.yaml")) {
                  assertThat(text).as(path.toString()).doesNotContain(secret);
                }
              });
    }
  }
}
