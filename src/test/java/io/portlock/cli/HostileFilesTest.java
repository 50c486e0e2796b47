package io.portlock.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a file planted in the repository (or a CI artifact) can make portlock do: write through a
 * symbolic link, print a secret file's text, or exhaust memory and CPU. None of it may work.
 */
class HostileFilesTest {
  private static final String SECRET = "Zq9Xk2Lm";
  private static final String SALT = "AAAAAAAAAAAAAAAAAAAAAA==";
  private static final String FINGERPRINT = "ab".repeat(32);

  @TempDir Path dir;
  @TempDir Path elsewhere;
  CliHarness cli;

  @BeforeEach
  void config() {
    cli = new CliHarness(dir);
    cli.env.put("HQ_PASSCODE", "Hq7seCret");
    cli.write(
        "portlock.yaml",
        """
        version: 1
        account: "9900000"
        groups:
          hq:
            passcode: {env: HQ_PASSCODE}
            numbers: ["2018551020..2018551029"]
        """);
  }

  private static String state(int formatVersion, int iterations, String numbers) {
    return """
        {"format_version": %d, "lineage": "l1", "serial": 1, "account": "9900000",
         "kdf": {"algorithm": "PBKDF2-HMAC-SHA256", "iterations": %d, "salt": "%s", "length": 32},
         "entries": [{"group": "hq", "fingerprint": "%s", "applied_at": null, "order_id": null,
                      "customer_order_id": null, "numbers": [%s]}],
         "journal": []}
        """
        .formatted(formatVersion, iterations, SALT, FINGERPRINT, numbers);
  }

  private void validState() {
    cli.write("portlock.state.json", state(1, 100_000, "\"2018551020..2018551029\""));
  }

  private Path victim() throws IOException {
    Path victim = elsewhere.resolve("victim.txt");
    Files.writeString(victim, "precious\n");
    return victim;
  }

  @Test
  void aLockFileLinkedToAnotherFileIsRefusedAndThatFileKeepsItsContent() throws IOException {
    validState();
    Path victim = victim();
    Files.createSymbolicLink(dir.resolve("portlock.state.json.lock"), victim);

    CliHarness.Result run = cli.run("state", "rm", "2018551020");

    assertThat(run.exitCode()).as(run.all()).isEqualTo(ExitCodes.ERROR);
    assertThat(run.err())
        .contains("portlock.state.json.lock")
        .contains("is a symbolic link, not a regular file");
    assertThat(Files.readString(victim)).isEqualTo("precious\n");
    assertThat(Files.readString(dir.resolve("portlock.state.json"))).contains("2018551020..");
  }

  @Test
  void aDanglingLockLinkDoesNotCreateItsTarget() throws IOException {
    validState();
    Path target = elsewhere.resolve("created-by-portlock");
    Files.createSymbolicLink(dir.resolve("portlock.state.json.lock"), target);

    CliHarness.Result run = cli.run("state", "rm", "2018551020");

    assertThat(run.exitCode()).as(run.all()).isEqualTo(ExitCodes.ERROR);
    assertThat(run.err()).contains("is a symbolic link, not a regular file");
    assertThat(target).doesNotExist();
  }

  @Test
  void aBackupLinkedToAnotherFileIsRefusedBeforeAnythingIsWritten() throws IOException {
    validState();
    Path victim = victim();
    Files.createSymbolicLink(dir.resolve("portlock.state.json.backup"), victim);

    CliHarness.Result run = cli.run("state", "rm", "2018551020");

    assertThat(run.exitCode()).as(run.all()).isEqualTo(ExitCodes.ERROR);
    assertThat(run.err())
        .contains("portlock.state.json.backup")
        .contains("is a symbolic link, not a regular file");
    assertThat(Files.readString(victim)).isEqualTo("precious\n");
    assertThat(Files.readString(dir.resolve("portlock.state.json"))).contains("2018551020..");
  }

  @Test
  void aStateThatLinksToASecretFileIsRefusedWithoutPrintingIt() throws IOException {
    Path secret = elsewhere.resolve("passcode.txt");
    Files.writeString(secret, SECRET + "\n");
    Files.createSymbolicLink(dir.resolve("portlock.state.json"), secret);

    CliHarness.Result run = cli.run("state", "list", "--debug");

    assertThat(run.exitCode()).as(run.all()).isEqualTo(ExitCodes.ERROR);
    assertThat(run.err()).contains("is a symbolic link, not a regular file");
    assertThat(run.all()).doesNotContain(SECRET);
  }

  @Test
  void aPlanSavedOntoALinkDoesNotReplaceTheLinkOrItsTarget() throws IOException {
    Path victim = victim();
    Files.createSymbolicLink(dir.resolve("p.plan"), victim);

    CliHarness.Result run = cli.run("plan", "--out", "p.plan");

    assertThat(run.exitCode()).as(run.all()).isEqualTo(ExitCodes.ERROR);
    assertThat(run.err()).contains("p.plan").contains("is a symbolic link, not a regular file");
    assertThat(Files.isSymbolicLink(dir.resolve("p.plan"))).isTrue();
    assertThat(Files.readString(victim)).isEqualTo("precious\n");
  }

  @Test
  void aStateOutsideTheConfigFolderNeedsAllowRead() throws IOException {
    Path real = elsewhere.toRealPath();
    Path outside = elsewhere.resolve("other.state.json");

    CliHarness.Result refused = cli.run("state", "list", "--state", outside.toString());
    CliHarness.Result allowed =
        cli.run(
            "state", "list", "--state", outside.toString(), "--allow-read", elsewhere.toString());

    assertThat(refused.exitCode()).as(refused.all()).isEqualTo(ExitCodes.ERROR);
    assertThat(refused.err())
        .contains("resolves to " + real.resolve("other.state.json"))
        .contains("--allow-read " + real);
    assertThat(allowed.err()).doesNotContain("--allow-read");
  }

  @Test
  void aNumbersFileThatIsThePasscodeFileIsReportedByPlaceNotByText() {
    cli.write("secret.txt", SECRET + "\n");
    cli.write(
        "portlock.yaml",
        """
        version: 1
        account: "9900000"
        groups:
          hq:
            passcode: {file: secret.txt}
            numbers_file: secret.txt
        """);

    CliHarness.Result run = cli.run("validate", "--debug");

    assertThat(run.exitCode()).as(run.all()).isEqualTo(ExitCodes.ERROR);
    assertThat(run.all())
        .doesNotContain(SECRET)
        .contains("secret.txt:1:1")
        .contains("is not a telephone number or range");
  }

  @Test
  void aStateThatIsASecretFileIsReportedWithoutItsText() {
    cli.write("portlock.state.json", SECRET.substring(0, 6) + "\n");

    CliHarness.Result run = cli.run("plan", "--debug");

    assertThat(run.exitCode()).as(run.all()).isEqualTo(ExitCodes.ERROR);
    assertThat(run.err()).contains("the state file is corrupt (not valid JSON at line 1, column");
    assertThat(run.all()).doesNotContain(SECRET.substring(0, 6));
  }

  @Test
  void aStateWhoseFieldsHoldASecretIsReportedWithoutIt() {
    List<String> bad =
        List.of(
            state(1, 100_000, "\"" + SECRET + "\""),
            state(1, 100_000, "\"2018551020\"")
                .replace("\"l1\"", "\"l1\", \"x\": 1")
                .replace("\"applied_at\": null", "\"applied_at\": \"" + SECRET + "\""),
            state(1, 100_000, "\"2018551020\"").replace(FINGERPRINT, SECRET),
            state(1, 100_000, "\"2018551020\"").replace("\"9900000\"", "\"" + SECRET + "\""));
    for (String text : bad) {
      cli.write("portlock.state.json", text);

      CliHarness.Result run = cli.run("state", "list", "--debug");

      assertThat(run.exitCode()).as(run.all()).isEqualTo(ExitCodes.ERROR);
      assertThat(run.err()).contains("the state file is corrupt (").contains("at line ");
      assertThat(run.all()).doesNotContain(SECRET);
    }
  }

  @Test
  void showOfASecretFileDoesNotPrintIt() {
    cli.write("secret.txt", SECRET + "\n");
    cli.write("numbers.plan", "{\"format_version\": 4, \"plan_id\": \"" + SECRET + "\"}");

    CliHarness.Result text = cli.run("show", "secret.txt", "--debug");
    CliHarness.Result field = cli.run("show", "numbers.plan", "--debug");

    assertThat(text.exitCode()).isEqualTo(ExitCodes.ERROR);
    assertThat(text.err()).contains("secret.txt is not a portlock plan (not valid JSON at line 1");
    assertThat(field.exitCode()).isEqualTo(ExitCodes.ERROR);
    assertThat(field.err()).contains("numbers.plan is not a portlock plan");
    assertThat(text.all() + field.all()).doesNotContain(SECRET);
  }

  @Test
  void aStateOfMoreThanTenMillionNumbersIsRefusedBeforeItIsHeld() {
    List<String> ranges = new ArrayList<>();
    for (int npa = 201; ranges.size() < 11; npa++) {
      ranges.add("\"" + npa + "2000000.." + npa + "2999999\"");
    }
    cli.write("portlock.state.json", state(1, 100_000, String.join(", ", ranges)));

    CliHarness.Result run = cli.run("state", "list");

    assertThat(run.exitCode()).as(run.all()).isEqualTo(ExitCodes.ERROR);
    assertThat(run.err()).contains("holds more than 10000000 numbers");
  }

  @Test
  void aPlanOfMoreThanTwiceTenMillionNumbersIsRefused() {
    List<String> ranges = new ArrayList<>();
    // A plan holds its changes and its read-back, each up to all 10,000,000 numbers.
    for (int npa = 201; ranges.size() < 21; npa++) {
      ranges.add("\"" + npa + "2000000+999999\""); // the packed form of a plan file
    }
    cli.write(
        "big.plan",
        "{\"format_version\": 4, \"left_account\": [" + String.join(", ", ranges) + "]}");

    CliHarness.Result run = cli.run("show", "big.plan");

    assertThat(run.exitCode()).as(run.all()).isEqualTo(ExitCodes.ERROR);
    assertThat(run.err()).contains("holds more than 20000000 numbers");
  }

  @Test
  @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // before: 40 CPU-minutes
  void aStateAskingForBillionsOfKdfIterationsIsRefused() {
    cli.write("portlock.state.json", state(1, Integer.MAX_VALUE, "\"2018551020\""));

    CliHarness.Result run = cli.run("plan");

    assertThat(run.exitCode()).as(run.all()).isEqualTo(ExitCodes.ERROR);
    assertThat(run.err()).contains("expected at most 10000000 kdf iterations but was 2147483647");
  }

  @Test
  void aStateFromANewerPortlockSaysSoInsteadOfCorrupt() {
    cli.write("portlock.state.json", state(7, 100_000, "\"2018551020\""));

    CliHarness.Result run = cli.run("state", "list");

    assertThat(run.exitCode()).as(run.all()).isEqualTo(ExitCodes.ERROR);
    assertThat(run.err())
        .contains("was written by a newer portlock (format_version 7")
        .doesNotContain("corrupt");
  }

  @Test
  void aPlanFromANewerPortlockSaysSo() {
    cli.write("new.plan", "{\"format_version\": 7}");

    CliHarness.Result run = cli.run("show", "new.plan");

    assertThat(run.exitCode()).as(run.all()).isEqualTo(ExitCodes.ERROR);
    assertThat(run.err()).contains("was written by a newer portlock (format_version 7");
  }
}
