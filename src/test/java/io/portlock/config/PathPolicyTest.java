package io.portlock.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.portlock.domain.NumberSet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The config reads files only from its own folder and from folders allowed explicitly. */
class PathPolicyTest {
  @TempDir Path root;
  private Path configFolder;
  private Path outside;

  @BeforeEach
  void folders() throws IOException {
    configFolder = Files.createDirectories(root.resolve("config"));
    outside = Files.createDirectories(root.resolve("outside"));
    Files.writeString(outside.resolve("hq.txt"), "2018551020\n");
    Files.writeString(outside.resolve("pass.txt"), "hq2024ab\n");
  }

  private static String config(String numbersFile, String passcode) {
    return """
        version: 1
        account: "9900000"
        groups:
          hq:
            passcode: %s
            numbers_file: %s
        """
        .formatted(passcode, numbersFile);
  }

  private Fixture fixture() {
    return new Fixture(configFolder).env(Map.of("HQ", "hq2024ab"));
  }

  @Test
  void numbersFileInASubfolderIsRead() {
    Fixture fixture = fixture();
    fixture.write("numbers/hq.txt", "2018551020\n");

    assertThat(fixture.load(config("numbers/hq.txt", "{env: HQ}")).groups().get(0).numbers())
        .isEqualTo(NumberSet.of(2018551020L));
  }

  @Test
  void relativePathLeavingTheConfigFolderIsRefusedWithTheWayToAllowIt() {
    Fixture fixture = new Fixture(root).env(Map.of("HQ", "hq2024ab"));
    Path file = fixture.write("config/portlock.yaml", config("../outside/hq.txt", "{env: HQ}"));

    assertThat(fixture.diagnosticsOf(file))
        .containsExactly(
            "config/portlock.yaml:6:19: error: numbers_file of group 'hq': '../outside/hq.txt'"
                + " resolves to outside/hq.txt, outside the config's folder config; portlock reads"
                + " only files there so that a config cannot leak other files; move the file, or"
                + " pass --allow-read outside to allow it");
  }

  @Test
  void absolutePathOutsideIsRefused() {
    Fixture fixture = new Fixture(root).env(Map.of("HQ", "hq2024ab"));
    Path file =
        fixture.write(
            "config/portlock.yaml", config(outside.resolve("hq.txt").toString(), "{env: HQ}"));

    assertThat(fixture.diagnosticsOf(file))
        .containsExactly(
            "config/portlock.yaml:6:19: error: numbers_file of group 'hq': 'outside/hq.txt'"
                + " resolves to outside/hq.txt, outside the config's folder config; portlock reads"
                + " only files there so that a config cannot leak other files; move the file, or"
                + " pass --allow-read outside to allow it");
  }

  @Test
  void passcodeFileOutsideIsRefused() {
    Fixture fixture = new Fixture(root).env(Map.of("HQ", "hq2024ab"));
    fixture.write("config/numbers.txt", "2018551020\n");
    Path file = fixture.write("config/portlock.yaml", config("numbers.txt", "{file: /etc/passwd}"));

    assertThat(fixture.diagnosticsOf(file))
        .containsExactly(
            "config/portlock.yaml:5:22: error: passcode of group 'hq' from file /etc/passwd:"
                + " '/etc/passwd' resolves to /etc/passwd, outside the config's folder config;"
                + " portlock reads only files there so that a config cannot leak other files; move"
                + " the file, or pass --allow-read /etc to allow it");
  }

  @Test
  void allowedRootsLetTheConfigReadOutsideItsFolder() {
    Config config =
        fixture().allow(outside).load(config("../outside/hq.txt", "{file: ../outside/pass.txt}"));

    assertThat(config.groups().get(0).numbers()).isEqualTo(NumberSet.of(2018551020L));
    assertThat(config.groups().get(0).source())
        .isEqualTo(new SecretSource.File(Path.of("../outside/pass.txt")));
  }

  @Test
  void refusalNamesTheAllowedRootsThatDidNotMatch() throws IOException {
    Path other = Files.createDirectories(root.resolve("other"));
    Fixture fixture = new Fixture(root).env(Map.of("HQ", "hq2024ab")).allow(other);
    Path file = fixture.write("config/portlock.yaml", config("../outside/hq.txt", "{env: HQ}"));

    assertThat(fixture.diagnosticsOf(file))
        .containsExactly(
            "config/portlock.yaml:6:19: error: numbers_file of group 'hq': '../outside/hq.txt'"
                + " resolves to outside/hq.txt, outside the config's folder config and the"
                + " --allow-read folders other; portlock reads only files there so that a config"
                + " cannot leak other files; move the file, or pass --allow-read outside to allow"
                + " it");
  }

  @Test
  void symbolicLinkPointingOutsideIsRefused() throws IOException {
    Files.createSymbolicLink(configFolder.resolve("link.txt"), outside.resolve("hq.txt"));
    Fixture fixture = new Fixture(root).env(Map.of("HQ", "hq2024ab"));
    Path file = fixture.write("config/portlock.yaml", config("link.txt", "{env: HQ}"));

    assertThat(fixture.diagnosticsOf(file))
        .containsExactly(
            "config/portlock.yaml:6:19: error: numbers_file of group 'hq': 'link.txt' resolves to"
                + " outside/hq.txt, outside the config's folder config; portlock reads only files"
                + " there so that a config cannot leak other files; move the file, or pass"
                + " --allow-read outside to allow it");
  }

  @Test
  void linkedFileInAFolderAlreadyReadIsStillRefused() throws IOException {
    // The folder is resolved once for both files; the second file, a link, still is in full.
    Fixture fixture = new Fixture(root).env(Map.of("HQ", "hq2024ab"));
    fixture.write("config/secrets/hq.txt", "hq2024ab\n");
    Files.createSymbolicLink(configFolder.resolve("secrets/link.txt"), outside.resolve("hq.txt"));
    Path file =
        fixture.write("config/portlock.yaml", config("secrets/link.txt", "{file: secrets/hq.txt}"));

    assertThat(fixture.diagnosticsOf(file))
        .containsExactly(
            "config/portlock.yaml:6:19: error: numbers_file of group 'hq': 'secrets/link.txt'"
                + " resolves to outside/hq.txt, outside the config's folder config; portlock reads"
                + " only files there so that a config cannot leak other files; move the file, or"
                + " pass --allow-read outside to allow it");
  }

  @Test
  void everyFileInALinkedFolderPointingOutsideIsRefused() throws IOException {
    Files.createSymbolicLink(configFolder.resolve("shared"), outside);
    Fixture fixture = new Fixture(root).env(Map.of("HQ", "hq2024ab"));
    Path file =
        fixture.write("config/portlock.yaml", config("shared/hq.txt", "{file: shared/pass.txt}"));

    assertThat(fixture.diagnosticsOf(file))
        .containsExactly(
            "config/portlock.yaml:5:22: error: passcode of group 'hq' from file shared/pass.txt:"
                + " 'shared/pass.txt' resolves to outside/pass.txt, outside the config's folder"
                + " config; portlock reads only files there so that a config cannot leak other"
                + " files; move the file, or pass --allow-read outside to allow it",
            "config/portlock.yaml:6:19: error: numbers_file of group 'hq': 'shared/hq.txt'"
                + " resolves to outside/hq.txt, outside the config's folder config; portlock reads"
                + " only files there so that a config cannot leak other files; move the file, or"
                + " pass --allow-read outside to allow it");
  }

  @Test
  void linkInsideTheFolderToAFileInsideIsRead() throws IOException {
    Fixture fixture = fixture();
    fixture.write("numbers/hq.txt", "2018551020\n");
    Files.createSymbolicLink(
        configFolder.resolve("hq.txt"), configFolder.resolve("numbers/hq.txt"));

    assertThat(fixture.load(config("hq.txt", "{env: HQ}")).groups().get(0).numbers())
        .isEqualTo(NumberSet.of(2018551020L));
  }

  @Test
  void missingNumbersFileSaysTheResolvedPathAndTheReason() {
    assertThat(fixture().diagnostics(config("numbers/hq.txt", "{env: HQ}")))
        .containsExactly(
            "portlock.yaml:6:19: error: numbers_file of group 'hq': cannot read numbers/hq.txt: no"
                + " such file");
  }

  @Test
  void unreadableNumbersFileSaysPermissionDenied() throws IOException {
    Fixture fixture = fixture();
    Path numbers = fixture.write("hq.txt", "2018551020\n");
    numbers.toFile().setReadable(false);
    // Root reads every file whatever its mode; the reason cannot be tested then.
    org.junit.jupiter.api.Assumptions.assumeFalse(Files.isReadable(numbers));

    assertThat(fixture.diagnostics(config("hq.txt", "{env: HQ}")))
        .containsExactly(
            "portlock.yaml:6:19: error: numbers_file of group 'hq': cannot read hq.txt: permission"
                + " denied");
  }

  @Test
  void numbersFileThatIsAFolderIsAnError() {
    Fixture fixture = fixture();
    fixture.write("numbers/hq.txt", "2018551020\n");

    assertThat(fixture.diagnostics(config("numbers", "{env: HQ}")))
        .containsExactly(
            "portlock.yaml:6:19: error: numbers_file of group 'hq': cannot read numbers: it is a"
                + " folder, not a file");
  }

  @Test
  void numbersFileThatIsALinkToAFolderIsAnError() throws IOException {
    Fixture fixture = fixture();
    fixture.write("numbers/hq.txt", "2018551020\n");
    Files.createSymbolicLink(configFolder.resolve("linked"), configFolder.resolve("numbers"));

    assertThat(fixture.diagnostics(config("linked", "{env: HQ}")))
        .containsExactly(
            "portlock.yaml:6:19: error: numbers_file of group 'hq': cannot read numbers: it is a"
                + " folder, not a file");
  }
}
