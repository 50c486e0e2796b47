package io.portlock.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import io.portlock.config.Config;
import io.portlock.config.ConfigException;
import io.portlock.config.LoadOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tag;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * A config cannot make portlock read a file outside its folder ({@code ../}, absolute paths,
 * symbolic links pointing out) for {@code numbers_file} or {@code {file:}} passcodes, unless the
 * folder is allowed with {@code --allow-read} ({@link LoadOptions#allowedRoots()}). The outside
 * file's content never appears in a message.
 */
@Tag(FuzzSettings.SLOW)
@AddLifecycleHook(FuzzSettings.class)
class PathEscapeFuzzTest {
  static final String SEED = "20240614";
  static final String OUTSIDE_PASSCODE = "0utside77";
  static final String OUTSIDE_NUMBER = "9195550177";

  static Path root;
  static Path folder;
  static Path outside;

  @BeforeContainer
  static void createFolders() throws Exception {
    root = ConfigContract.createTempDir("portlock-path-fuzz").toRealPath();
    folder = Files.createDirectories(root.resolve("config"));
    outside = Files.createDirectories(root.resolve("outside"));
    Files.createDirectories(folder.resolve("sub"));
    Files.writeString(outside.resolve("secret.txt"), OUTSIDE_PASSCODE + "\n");
    Files.writeString(outside.resolve("numbers.txt"), OUTSIDE_NUMBER + "\n");
    Files.createSymbolicLink(folder.resolve("link-dir"), outside);
    Files.createSymbolicLink(folder.resolve("link-secret"), outside.resolve("secret.txt"));
    Files.createSymbolicLink(folder.resolve("link-numbers"), outside.resolve("numbers.txt"));
    Files.createSymbolicLink(folder.resolve("sub/up"), root);
  }

  @AfterContainer
  static void deleteFolders() {
    ConfigContract.deleteTree(root);
  }

  static Object load(boolean numbersFile, String path, LoadOptions options) {
    String quoted = "\"" + path.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    String yaml =
        "version: 1\naccount: \"9900000\"\ngroups:\n  hq:\n"
            + (numbersFile
                ? "    passcode: \"abcd\"\n    numbers_file: " + quoted + "\n"
                : "    passcode: {file: " + quoted + "}\n    numbers: [\"2018551020\"]\n");
    Path config = folder.resolve("portlock.yaml");
    ConfigContract.write(config, yaml.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    return ConfigContract.check(config, options, yaml);
  }

  @Property(tries = 300, seed = SEED)
  void pathsOutsideTheConfigsFolderAreRefused(
      @ForAll boolean numbersFile, @ForAll("outsidePaths") String path) {
    Object outcome = load(numbersFile, path, ConfigContract.options());

    // "link-dir/../x" is normalised as text before links are resolved, so it names
    // config/x, which does not exist: not read either, and the message says so.
    assertThat(outcome)
        .isInstanceOfSatisfying(
            ConfigException.class,
            e -> {
              assertThat(e.getMessage())
                  .containsAnyOf("--allow-read", "no such file", "is a folder")
                  .doesNotContain(OUTSIDE_PASSCODE)
                  .doesNotContain(OUTSIDE_NUMBER);
            });
  }

  @Example
  void anAllowedFolderMayBeReadThroughEverySpelling() {
    LoadOptions allowed = ConfigContract.options().withAllowedRoots(List.of(outside));
    for (String name : List.of("secret.txt", "numbers.txt")) {
      boolean numbersFile = name.equals("numbers.txt");
      for (String path :
          List.of(
              "../outside/" + name,
              outside.resolve(name).toString(),
              "link-dir/" + name,
              numbersFile ? "link-numbers" : "link-secret",
              "sub/up/outside/" + name)) {
        Object outcome = load(numbersFile, path, allowed);
        assertThat(outcome).as(path).isInstanceOf(Config.class);
        Config config = (Config) outcome;
        if (numbersFile) {
          assertThat(config.groups().get(0).numbers().contains(Long.parseLong(OUTSIDE_NUMBER)))
              .isTrue();
        } else {
          assertThat(config.groups().get(0).passcode().reveal()).isEqualTo(OUTSIDE_PASSCODE);
        }
      }
    }
  }

  /** Spellings of the two outside files: relative, absolute, through links, with detours. */
  @Provide
  Arbitrary<String> outsidePaths() {
    Arbitrary<String> target =
        Arbitraries.of(
            "../outside/secret.txt",
            "../outside/numbers.txt",
            "link-dir/secret.txt",
            "link-dir/numbers.txt",
            "link-secret",
            "link-numbers",
            "sub/up/outside/secret.txt",
            "sub/../../outside/numbers.txt",
            "link-dir/../outside/secret.txt",
            "../../../../../../" + "ABS/outside/secret.txt",
            "ABS/outside/numbers.txt",
            "ABS/config/../outside/secret.txt",
            "ABS/config/link-secret",
            "..",
            "../outside",
            "link-dir",
            "/",
            "/etc/passwd",
            "../config/../outside/numbers.txt");
    Arbitrary<String> detour = Arbitraries.of("", "", "./", "sub/../", "././", "sub/./../");
    Arbitrary<String> slashes = Arbitraries.of("/", "/", "//");
    return Combinators.combine(detour, target, slashes)
        .as(
            (d, t, s) -> {
              String absolute = root.toString();
              String path =
                  t.startsWith("../../../../../../ABS")
                      ? t.replace("ABS", absolute.substring(1))
                      : t.replace("ABS", absolute);
              path = path.startsWith("/") ? path : d + path;
              return path.replace("/", s).replaceFirst("^//", "/");
            });
  }
}
