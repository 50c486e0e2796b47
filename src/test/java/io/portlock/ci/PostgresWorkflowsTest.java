package io.portlock.ci;

import static io.portlock.ci.WorkflowFilesTest.GITHUB_POSTGRES;
import static io.portlock.ci.WorkflowFilesTest.GITLAB_POSTGRES;
import static io.portlock.ci.WorkflowFilesTest.load;
import static io.portlock.ci.WorkflowFilesTest.map;
import static io.portlock.ci.WorkflowFilesTest.steps;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The CI variants with the state in PostgreSQL: nothing is committed back, the URL reaches only the
 * steps that run portlock and only from the secret store, and apply waits for the shared lock.
 */
class PostgresWorkflowsTest {
  @Test
  void neitherVariantCommitsOrPushesTheStateNorWatchesAStateFile() throws IOException {
    for (var file : List.of(GITHUB_POSTGRES, GITLAB_POSTGRES)) {
      String text = Files.readString(file);
      String code =
          text.lines().filter(l -> !l.trim().startsWith("#")).reduce("", (a, b) -> a + b + "\n");
      assertThat(code)
          .as(file.toString())
          .doesNotContain("git push", "git commit", "git add", "portlock.state.json");
    }
    assertThat(map(map(map(load(GITHUB_POSTGRES).get("jobs")).get("apply")).get("permissions")))
        .containsEntry("contents", "read");
  }

  @Test
  void theGithubStateUrlComesFromTheSecretStoreIntoEveryStepThatReadsTheState() {
    Map<String, Object> workflow = load(GITHUB_POSTGRES);
    assertThat(String.valueOf(workflow.get("env"))).doesNotContain("PORTLOCK_STATE_URL");
    for (String job : List.of("plan", "apply", "drift")) {
      for (Map<String, Object> step : steps(workflow, job)) {
        String run = String.valueOf(step.get("run"));
        boolean readsState =
            run.contains("\"$PORTLOCK\" plan") || run.contains("\"$PORTLOCK\" apply");
        if (readsState) {
          assertThat(map(step.get("env")))
              .as(job + " / " + step.get("name"))
              .containsEntry("PORTLOCK_STATE_URL", "${{ secrets.PORTLOCK_STATE_URL }}");
        }
      }
    }
  }

  @Test
  void applyWaitsForTheSharedLockInBothVariants() {
    for (var file : List.of(GITHUB_POSTGRES, GITLAB_POSTGRES)) {
      assertThat(WorkflowFilesTest.invocations(file))
          .as(file.toString())
          .anySatisfy(
              inv ->
                  assertThat(inv.args())
                      .startsWith("apply")
                      .containsSubsequence("--lock-timeout", "10m")
                      .endsWith("portlock.plan"));
    }
  }
}
