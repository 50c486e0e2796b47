package io.portlock.ci;

import static org.assertj.core.api.Assertions.assertThat;

import io.portlock.cli.Main;
import io.portlock.cli.Terminal;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/**
 * The CI examples in examples/ci name only portlock commands and options that exist, and keep the
 * properties the README promises: a sticky plan comment, the reviewed plan applied in a protected
 * environment one at a time, the state committed back, a nightly drift check.
 */
class WorkflowFilesTest {
  static final Path GITHUB = Path.of("examples/ci/github-actions.yml");
  static final Path GITLAB = Path.of("examples/ci/gitlab-ci.yml");

  /** The variants that keep the state in PostgreSQL (no commit-back). */
  static final Path GITHUB_POSTGRES = Path.of("examples/ci/github-actions-postgresql.yml");

  static final Path GITLAB_POSTGRES = Path.of("examples/ci/gitlab-ci-postgresql.yml");

  @TempDir Path workDir;

  // ---------------------------------------------------------------- parsing and invocations

  @Test
  void bothFilesParseAsYaml() {
    assertThat(load(GITHUB)).containsKeys("name", "jobs", "permissions");
    assertThat(load(GITLAB))
        .containsKeys("stages", "portlock:plan", "portlock:apply", "portlock:drift");
  }

  @TestFactory
  Stream<DynamicTest> everyPortlockInvocationExistsWithItsOptions() {
    return Stream.of(GITHUB, GITLAB, GITHUB_POSTGRES, GITLAB_POSTGRES)
        .flatMap(
            file ->
                invocations(file).stream()
                    .map(
                        inv ->
                            DynamicTest.dynamicTest(
                                file.getFileName() + ": " + inv.source(),
                                () -> {
                                  List<String> args = new ArrayList<>(inv.args());
                                  args.add("--help");
                                  Run run = runPortlock(args);
                                  assertThat(run.code())
                                      .as(
                                          "'portlock %s' in %s (%s) must name an existing command and options:\n%s",
                                          String.join(" ", inv.args()),
                                          file,
                                          inv.where(),
                                          run.err())
                                      .isZero();
                                  assertThat(run.out())
                                      .as("help of %s", inv.args().get(0))
                                      .contains("portlock " + inv.args().get(0));
                                })));
  }

  @Test
  void theExtractorFindsTheWholeLoopInBothFiles() throws IOException {
    for (Path file : List.of(GITHUB, GITLAB)) {
      List<List<String>> found = invocations(file).stream().map(Invocation::args).toList();
      assertThat(found.stream().map(a -> a.get(0)).collect(Collectors.toSet()))
          .as(file.toString())
          .contains("validate", "plan", "show", "apply");
      assertThat(found)
          .as(file + ": the pull-request plan")
          .anySatisfy(
              a ->
                  assertThat(a)
                      .containsSubsequence("plan", "--format", "markdown")
                      .contains("--detailed-exitcode")
                      .containsSubsequence("--out", "portlock.plan"));
      assertThat(found)
          .as(file + ": apply of the saved plan")
          .anySatisfy(
              a ->
                  assertThat(a)
                      .startsWith("apply")
                      .endsWith("portlock.plan")
                      .doesNotContain("--auto-approve", "--force"));
      assertThat(Files.readString(file).lines().filter(l -> l.contains("--force")))
          .as(file + ": --force is passed only for the portlock-force label")
          .allSatisfy(l -> assertThat(l).containsAnyOf("$FORCE", "portlock-force"));
      assertThat(found)
          .as(file + ": every invocation names the config")
          .allSatisfy(a -> assertThat(a.get(0).equals("show") || a.contains("-c")).isTrue());
    }
  }

  // ---------------------------------------------------------------- GitHub structure

  @Test
  void githubTriggersPullRequestsPushesToMainAndASchedule() {
    Map<String, Object> on = map(onKey(load(GITHUB)));
    assertThat(on).containsKey("pull_request");
    assertThat(list(map(on.get("push")).get("branches"))).containsExactly("main");
    assertThat(list(on.get("schedule")))
        .singleElement()
        .satisfies(s -> assertThat(map(s).get("cron")).asString().matches("\\S+( \\S+){4}"));
  }

  @Test
  void githubPermissionsAreMinimal() {
    Map<String, Object> workflow = load(GITHUB);
    assertThat(map(workflow.get("permissions"))).isEmpty();
    Map<String, Object> jobs = map(workflow.get("jobs"));
    assertThat(map(map(jobs.get("plan")).get("permissions")))
        .containsExactlyInAnyOrderEntriesOf(Map.of("contents", "read", "pull-requests", "write"));
    assertThat(map(map(jobs.get("drift")).get("permissions")))
        .containsExactlyInAnyOrderEntriesOf(Map.of("contents", "read"));
    assertThat(map(map(jobs.get("apply")).get("permissions")))
        .containsEntry("contents", "write")
        .doesNotContainEntry("pull-requests", "write");
    jobs.forEach(
        (name, job) -> {
          if (!name.equals("apply")) {
            assertThat(map(map(job).get("permissions")))
                .as(name)
                .doesNotContainEntry("contents", "write");
          }
        });
  }

  @Test
  void githubPlanJobPostsAStickyCommentAndUploadsThePlanByHeadSha() {
    List<Map<String, Object>> steps = steps(load(GITHUB), "plan");
    Map<String, Object> comment = stepNamed(steps, "sticky plan comment");
    String script = String.valueOf(map(comment.get("with")).get("script"));
    assertThat(script)
        .contains("<!-- portlock-plan -->", "updateComment", "createComment", "paginate");
    Map<String, Object> upload = stepUsing(steps, "actions/upload-artifact@");
    assertThat(map(upload.get("with")).get("name"))
        .isEqualTo("portlock-plan-${{ github.event.pull_request.head.sha }}");
    assertThat(String.valueOf(map(upload.get("with")).get("path"))).contains("portlock.plan");
  }

  @Test
  void githubApplyJobIsProtectedSerializedAndAppliesTheDownloadedReviewedPlan() {
    Map<String, Object> apply = map(map(load(GITHUB).get("jobs")).get("apply"));
    assertThat(apply.get("environment")).isEqualTo("production");
    assertThat(map(apply.get("concurrency")))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("group", "portlock-apply", "cancel-in-progress", false));
    List<Map<String, Object>> steps = steps(load(GITHUB), "apply");
    String find =
        String.valueOf(map(stepUsing(steps, "actions/github-script@").get("with")).get("script"));
    assertThat(find)
        .contains(
            "listPullRequestsAssociatedWithCommit",
            "portlock-plan-${pr.head.sha}",
            "setOutput('run-id'");
    Map<String, Object> download = map(stepUsing(steps, "actions/download-artifact@").get("with"));
    assertThat(download).containsKeys("name", "run-id", "github-token");
    int downloadAt = indexOfStepUsing(steps, "actions/download-artifact@");
    int applyAt = indexOfRunContaining(steps, "apply -c");
    int commitAt = indexOfRunContaining(steps, "git push");
    assertThat(downloadAt).isLessThan(applyAt);
    assertThat(applyAt).isLessThan(commitAt);
    String commit = String.valueOf(steps.get(commitAt).get("run"));
    assertThat(commit)
        .contains(
            "git add portlock.state.json",
            "git commit -m \"[skip ci] portlock state after apply $GITHUB_SHA\"",
            "git pull --rebase");
    assertThat(commit.indexOf("git pull --rebase")).isLessThan(commit.indexOf("git push"));
    assertThat(String.valueOf(steps.get(commitAt).get("if"))).contains("always()");
  }

  @Test
  void githubDriftJobRunsOnTheScheduleAndFailsOnExitTwo() {
    Map<String, Object> drift = map(map(load(GITHUB).get("jobs")).get("drift"));
    assertThat(String.valueOf(drift.get("if"))).contains("'schedule'");
    assertThat(invocations(GITHUB))
        .anySatisfy(
            inv -> {
              assertThat(inv.where()).startsWith("drift");
              assertThat(inv.args()).startsWith("plan").contains("--detailed-exitcode");
            });
  }

  @Test
  void githubSecretsReachOnlyPortlockStepsThroughEnvAndAreNeverEchoed() {
    Map<String, Object> jobs = map(load(GITHUB).get("jobs"));
    Set<String> required = Set.of("BANDWIDTH_CLIENT_ID", "BANDWIDTH_CLIENT_SECRET");
    boolean anyCredentials = false;
    for (String job : jobs.keySet()) {
      for (Map<String, Object> step : steps(load(GITHUB), job)) {
        String run = String.valueOf(step.getOrDefault("run", ""));
        assertThat(run)
            .as("secrets are never interpolated into a script")
            .doesNotContain("secrets.");
        assertThat(String.valueOf(step.get("with"))).doesNotContain("secrets.");
        Map<String, Object> env = step.containsKey("env") ? map(step.get("env")) : Map.of();
        boolean secret =
            env.values().stream().anyMatch(v -> String.valueOf(v).contains("secrets."));
        if (secret) {
          assertThat(run).as("%s: a step given secrets runs portlock", job).contains("$PORTLOCK\"");
          for (String line : run.lines().toList()) {
            if (line.contains("echo") || line.contains("printf")) {
              env.keySet().forEach(name -> assertThat(line).doesNotContain("$" + name));
            }
          }
          anyCredentials |= env.keySet().containsAll(required);
        }
      }
      assertThat(map(jobs.get(job))).doesNotContainKey("env");
    }
    assertThat(load(GITHUB).get("env").toString()).doesNotContain("secrets.");
    assertThat(anyCredentials).isTrue();
  }

  @Test
  void everyGithubStepThatFingerprintsGetsTheFingerprintKey() {
    // Without the key, a state committed back to git can be searched offline for short passcodes.
    Map<String, Object> jobs = map(load(GITHUB).get("jobs"));
    int keyed = 0;
    for (String job : jobs.keySet()) {
      for (Map<String, Object> step : steps(load(GITHUB), job)) {
        String run = String.valueOf(step.getOrDefault("run", ""));
        Map<String, Object> env = step.containsKey("env") ? map(step.get("env")) : Map.of();
        if (run.matches("(?s).*\\$PORTLOCK\" (validate|plan|apply|show|refresh).*")) {
          assertThat(env)
              .as("%s: step '%s' runs portlock with the fingerprint key", job, step.get("name"))
              .containsEntry("PORTLOCK_FINGERPRINT_KEY", "${{ secrets.PORTLOCK_FINGERPRINT_KEY }}");
          keyed++;
        }
      }
    }
    assertThat(keyed).isGreaterThanOrEqualTo(4);
    assertThat(readString(GITLAB)).contains("PORTLOCK_FINGERPRINT_KEY");
  }

  // ---------------------------------------------------------------- issue 9, item 8

  @Test
  void githubPlanReportsOnEveryPullRequestAndEndsEarlyWhenNoPortlockFileChanged() {
    Map<String, Object> on = map(onKey(load(GITHUB)));
    assertThat(map(on.get("pull_request")))
        .as("a paths filter leaves a required check pending")
        .doesNotContainKeys("paths", "paths-ignore");
    List<Map<String, Object>> steps = steps(load(GITHUB), "plan");
    assertThat(steps.get(0).get("id")).isEqualTo("changes");
    assertThat(String.valueOf(map(steps.get(0).get("with")).get("script")))
        .contains("pulls.listFiles", "portlock\\.yaml", "setOutput('portlock'");
    for (Map<String, Object> step : steps.subList(1, steps.size())) {
      assertThat(String.valueOf(step.get("if")))
          .as(String.valueOf(step.get("name")))
          .containsAnyOf("steps.changes.outputs.portlock == 'true'", "steps.plan.outputs.exitcode");
    }
  }

  @Test
  void githubKeepsTheStateWhateverTheApplysOutcomeCancellationIncluded() {
    List<Map<String, Object>> steps = steps(load(GITHUB), "apply");
    Map<String, Object> commit = steps.get(indexOfRunContaining(steps, "git push"));
    Map<String, Object> upload = stepUsing(steps, "actions/upload-artifact@");
    for (Map<String, Object> step : List.of(commit, upload)) {
      assertThat(step.get("if"))
          .as(String.valueOf(step.get("name")))
          .isEqualTo("always() && steps.apply.outcome != 'skipped'");
    }
    assertThat(String.valueOf(map(upload.get("with")).get("path"))).contains("portlock.state.json");
  }

  @Test
  void githubSaysNotCancelledWithTheFunctionNotByComparingAnOutcome() throws IOException {
    String text = Files.readString(GITHUB);
    assertThat(text).doesNotContain("outcome != 'cancelled'").contains("!cancelled()");
  }

  @Test
  void aForceLabelPassesForceAndThePlanCommentNamesTheLabelAPlanNeeds() throws IOException {
    List<Map<String, Object>> plan = steps(load(GITHUB), "plan");
    String planRun =
        String.valueOf(plan.get(indexOfRunContaining(plan, "--out portlock.plan")).get("run"));
    assertThat(planRun)
        .contains(
            "show portlock.plan --format json",
            "\"portlock-force\"",
            "\"portlock-allow-removals\"",
            "labels=");
    String comment =
        String.valueOf(map(stepNamed(plan, "sticky plan comment").get("with")).get("script"));
    assertThat(comment).contains("process.env.LABELS", "Apply will refuse this plan unless");
    List<Map<String, Object>> apply = steps(load(GITHUB), "apply");
    assertThat(
            String.valueOf(
                map(stepUsing(apply, "actions/github-script@").get("with")).get("script")))
        .contains("labels.includes('portlock-force')");
    assertThat(String.valueOf(apply.get(indexOfRunContaining(apply, "apply -c")).get("run")))
        .contains("if [ \"$FORCE\" = true ]; then flags+=(--force); fi");

    String gitlab = String.join("\n", scripts(load(GITLAB), "portlock:plan"));
    assertThat(gitlab)
        .contains(
            "\"portlock-force\"",
            "\"portlock-allow-removals\"",
            "Apply will refuse this plan unless");
    assertThat(String.join("\n", scripts(load(GITLAB), "portlock:apply")))
        .contains("index(\"portlock-force\")", "flags=\"$flags --force\"");
  }

  @Test
  void forkPullRequestsGetAVisibleNeutralResultNotASilentPass() {
    Map<String, Object> github = load(GITHUB);
    assertThat(map(onKey(github))).containsKey("pull_request_target");
    Map<String, Object> notice = map(map(github.get("jobs")).get("fork-notice"));
    assertThat(String.valueOf(notice.get("if")))
        .contains("pull_request_target", "head.repo.full_name != github.repository");
    assertThat(map(notice.get("permissions")))
        .containsExactlyInAnyOrderEntriesOf(Map.of("checks", "write"));
    List<Map<String, Object>> steps = steps(github, "fork-notice");
    assertThat(steps)
        .as("code of a fork is never checked out under pull_request_target")
        .noneSatisfy(s -> assertThat(String.valueOf(s.get("uses"))).contains("checkout"));
    assertThat(String.valueOf(map(steps.get(0).get("with")).get("script")))
        .contains("checks.create", "conclusion: 'neutral'");

    Map<String, Object> plan = map(load(GITLAB).get("portlock:plan"));
    assertThat(map(plan.get("allow_failure")).get("exit_codes").toString()).contains("78");
    assertThat(
            String.join(
                "\n", list(plan.get("before_script")).stream().map(String::valueOf).toList()))
        .contains("CI_MERGE_REQUEST_SOURCE_PROJECT_ID", "exit 78");
  }

  @Test
  void gitlabTokensAreSplitSoAMergeRequestPipelineCannotPush() throws IOException {
    Map<String, Object> ci = load(GITLAB);
    String plan = String.join("\n", scripts(ci, "portlock:plan"));
    String apply = String.join("\n", scripts(ci, "portlock:apply"));
    assertThat(plan).contains("$PORTLOCK_NOTE_TOKEN").doesNotContain("PORTLOCK_PUSH_TOKEN");
    assertThat(apply).contains("$PORTLOCK_PUSH_TOKEN").doesNotContain("PORTLOCK_NOTE_TOKEN");
    String text = Files.readString(GITLAB);
    assertThat(text)
        .doesNotContain("PORTLOCK_GITLAB_TOKEN")
        .contains("PORTLOCK_PUSH_TOKEN, masked, protected, environment scope \"production\"")
        .contains("PORTLOCK_NOTE_TOKEN, masked: a project access token with role Reporter");
  }

  @Test
  void gitlabPlansEveryMergeRequestAndAFailingValidateStillPostsANote() {
    Map<String, Object> ci = load(GITLAB);
    Map<String, Object> plan = map(ci.get("portlock:plan"));
    assertThat(plan.get("rules").toString()).doesNotContain("changes");
    String script = String.join("\n", scripts(ci, "portlock:plan"));
    assertThat(script).contains("$PORTLOCK validate -c \"$PORTLOCK_CONFIG\" || code=$?");
    assertThat(script.indexOf("validate -c")).isLessThan(script.indexOf("/notes"));
  }

  @Test
  void gitlabCommitsTheStateAfterACancelledOrFailedApplyToo() {
    Map<String, Object> apply = map(load(GITLAB).get("portlock:apply"));
    assertThat(String.valueOf(list(apply.get("after_script")).get(0)))
        .contains("git add portlock.state.json", "git push");
    assertThat(map(apply.get("artifacts")).get("when")).isEqualTo("always");
  }

  // ---------------------------------------------------------------- GitLab structure

  @Test
  void gitlabHasTheMergeRequestPlanTheProtectedApplyAndTheScheduledDriftCheck() {
    Map<String, Object> ci = load(GITLAB);
    Map<String, Object> plan = map(ci.get("portlock:plan"));
    assertThat(plan.get("rules").toString()).contains("merge_request_event");
    assertThat(list(map(plan.get("artifacts")).get("paths"))).contains("portlock.plan");
    String planScript = String.join("\n", scripts(ci, "portlock:plan"));
    assertThat(planScript).contains("$PLAN_MARKER", "/notes", "-X PUT", "-X POST");
    assertThat(map(ci.get("variables")).get("PLAN_MARKER")).isEqualTo("<!-- portlock-plan -->");

    Map<String, Object> apply = map(ci.get("portlock:apply"));
    assertThat(map(apply.get("environment")).get("name")).isEqualTo("production");
    assertThat(apply.get("resource_group")).isEqualTo("portlock-apply");
    assertThat(apply.get("rules").toString()).contains("when=manual", "CI_DEFAULT_BRANCH");
    String applyScript = String.join("\n", scripts(ci, "portlock:apply"));
    assertThat(applyScript)
        .contains(
            "/artifacts/portlock.plan",
            "git add portlock.state.json",
            "[skip ci] portlock state after apply",
            "git pull -q --rebase");
    assertThat(applyScript.indexOf("git pull -q --rebase"))
        .isLessThan(applyScript.indexOf("git push"));

    Map<String, Object> drift = map(ci.get("portlock:drift"));
    assertThat(drift.get("rules").toString()).contains("schedule");
    assertThat(invocations(GITLAB))
        .anySatisfy(
            inv -> {
              assertThat(inv.where()).startsWith("portlock:drift");
              assertThat(inv.args()).startsWith("plan").contains("--detailed-exitcode");
            });
  }

  // ---------------------------------------------------------------- the extractor itself

  @Test
  void extractorSplitsLikeAShellAndDropsRedirectionsPipesAndFollowingCommands() {
    Map<String, String> vars =
        Map.of("PORTLOCK", "./portlock/bin/portlock", "PORTLOCK_CONFIG", "portlock.yaml");
    assertThat(
            Shell.invocations(
                "code=0; \"$PORTLOCK\" plan -c \"$PORTLOCK_CONFIG\" --out"
                    + " 'my plan' > plan.md 2>&1 || code=$?",
                vars))
        .containsExactly(List.of("plan", "-c", "portlock.yaml", "--out", "my plan"));
    assertThat(Shell.invocations("bin/portlock show x.plan --format json | jq . >out", vars))
        .containsExactly(List.of("show", "x.plan", "--format", "json"));
    assertThat(Shell.invocations("if ! ${PORTLOCK} validate; then exit 1; fi", vars))
        .containsExactly(List.of("validate"));
    assertThat(Shell.invocations("FOO=1 portlock apply \\\n  --auto-approve p  # portlock x", vars))
        .containsExactly(List.of("apply", "--auto-approve", "p"));
    assertThat(Shell.invocations("git clone x portlock; cd portlock; echo \"portlock plan\"", vars))
        .isEmpty();
    assertThat(Shell.invocations("$PORTLOCK plan>plan.md&&portlock show a.plan", vars))
        .containsExactly(List.of("plan"), List.of("show", "a.plan"));
  }

  // ---------------------------------------------------------------- helpers

  record Invocation(String where, String source, List<String> args) {}

  record Run(int code, String out, String err) {}

  private Run runPortlock(List<String> args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Terminal terminal =
        new Terminal(
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            new BufferedReader(new StringReader("")),
            Map.of(),
            workDir,
            false);
    int code = new Main(terminal).run(args.toArray(String[]::new));
    return new Run(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /** Every portlock invocation in a file's run: / script: blocks, variables resolved. */
  static List<Invocation> invocations(Path file) {
    Map<String, Object> yaml = load(file);
    List<Invocation> found = new ArrayList<>();
    if (file.getFileName().toString().startsWith("github")) {
      Map<String, String> workflowEnv = strings(yaml.get("env"));
      map(yaml.get("jobs"))
          .forEach(
              (jobName, job) -> {
                Map<String, String> jobEnv = new LinkedHashMap<>(workflowEnv);
                jobEnv.putAll(strings(map(job).get("env")));
                for (Map<String, Object> step : steps(yaml, jobName)) {
                  if (step.get("run") instanceof String run) {
                    Map<String, String> env = new LinkedHashMap<>(jobEnv);
                    env.putAll(strings(step.get("env")));
                    collect(jobName + " / " + step.getOrDefault("name", "run"), run, env, found);
                  }
                }
              });
    } else {
      Map<String, String> globalVars = strings(yaml.get("variables"));
      yaml.forEach(
          (jobName, job) -> {
            if (job instanceof Map<?, ?>
                && !jobName.equals("variables")
                && !jobName.equals("workflow")
                && !jobName.equals("default")) {
              Map<String, String> vars = new LinkedHashMap<>(globalVars);
              vars.putAll(strings(map(job).get("variables")));
              for (String script : scripts(yaml, jobName)) {
                collect(jobName, script, vars, found);
              }
            }
          });
    }
    return found;
  }

  private static void collect(
      String where, String script, Map<String, String> vars, List<Invocation> found) {
    assertThat(vars).as("%s: PORTLOCK is defined", where).containsKey("PORTLOCK");
    for (List<String> args : Shell.invocations(script, vars)) {
      found.add(new Invocation(where, "portlock " + String.join(" ", args), args));
    }
  }

  /** A job's script, before_script and after_script entries (lists may nest, as GitLab allows). */
  static List<String> scripts(Map<String, Object> ci, String jobName) {
    List<String> all = new ArrayList<>();
    for (String key : List.of("before_script", "script", "after_script")) {
      flatten(map(ci.get(jobName)).get(key), all);
    }
    return all;
  }

  private static void flatten(Object value, List<String> into) {
    if (value instanceof List<?> items) {
      items.forEach(item -> flatten(item, into));
    } else if (value != null) {
      into.add(String.valueOf(value));
    }
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> load(Path file) {
    try {
      // YAML merge keys and anchors resolved; GitLab's `extends` is not, so hidden jobs count
      // as jobs of their own, which is what the invocation check wants.
      return (Map<String, Object>) new Yaml().load(Files.readString(file));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** SnakeYAML reads YAML 1.1, where a bare `on` key is the boolean true. */
  private static Object onKey(Map<String, Object> workflow) {
    Object on = workflow.containsKey("on") ? workflow.get("on") : ((Map<?, ?>) workflow).get(true);
    assertThat(on).as("the workflow's on:").isNotNull();
    return on;
  }

  static List<Map<String, Object>> steps(Map<String, Object> workflow, String job) {
    return list(map(map(workflow.get("jobs")).get(job)).get("steps")).stream()
        .map(WorkflowFilesTest::map)
        .toList();
  }

  private static Map<String, Object> stepUsing(List<Map<String, Object>> steps, String action) {
    return steps.get(indexOfStepUsing(steps, action));
  }

  private static Map<String, Object> stepNamed(List<Map<String, Object>> steps, String name) {
    return steps.stream()
        .filter(s -> name.equals(s.get("name")))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no step named " + name));
  }

  private static int indexOfStepUsing(List<Map<String, Object>> steps, String action) {
    for (int i = 0; i < steps.size(); i++) {
      if (String.valueOf(steps.get(i).get("uses")).startsWith(action)) {
        return i;
      }
    }
    throw new AssertionError("no step uses " + action);
  }

  private static int indexOfRunContaining(List<Map<String, Object>> steps, String text) {
    for (int i = 0; i < steps.size(); i++) {
      if (String.valueOf(steps.get(i).get("run")).contains(text)) {
        return i;
      }
    }
    throw new AssertionError("no step runs " + text);
  }

  private static String readString(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Object value) {
    assertThat(value).isInstanceOf(Map.class);
    return (Map<String, Object>) value;
  }

  @SuppressWarnings("unchecked")
  static List<Object> list(Object value) {
    assertThat(value).isInstanceOf(List.class);
    return (List<Object>) value;
  }

  private static Map<String, String> strings(Object value) {
    Map<String, String> out = new LinkedHashMap<>();
    if (value instanceof Map<?, ?> m) {
      m.forEach((k, v) -> out.put(String.valueOf(k), String.valueOf(v)));
    }
    return out;
  }

  /**
   * Just enough of the POSIX shell to find {@code portlock <subcommand> ...} in CI scripts: quotes,
   * backslash escapes and line continuations, comments, the operators that end a simple command,
   * and redirections (dropped with their targets). A word is portlock when it is {@code portlock},
   * ends in {@code /portlock}, or is {@code $NAME} / {@code ${NAME}} for a variable whose value is
   * such a path. Other variables are substituted when known.
   */
  static final class Shell {
    private static final Set<String> OPERATORS = Set.of(";", "&", "&&", "|", "||", "(", ")", "\n");
    private static final Set<String> PREFIXES =
        Set.of("!", "if", "then", "else", "elif", "do", "while", "until", "time", "exec", "{");
    private static final Pattern VARIABLE = Pattern.compile("\\$(?:\\{(\\w+)}|(\\w+))");
    private static final Pattern SUBCOMMAND = Pattern.compile("[a-z][a-z-]*");
    private static final Pattern ASSIGNMENT = Pattern.compile("\\w+=.*");

    /** A word (quote marks removed), an operator, or a redirection. */
    record Token(String text, boolean operator, boolean redirection) {}

    private Shell() {}

    static List<List<String>> invocations(String script, Map<String, String> vars) {
      List<List<String>> found = new ArrayList<>();
      List<Token> tokens = tokenize(script);
      boolean commandPosition = true;
      for (int i = 0; i < tokens.size(); i++) {
        Token t = tokens.get(i);
        if (t.operator()) {
          commandPosition = true;
          continue;
        }
        if (t.redirection()) {
          continue;
        }
        if (commandPosition
            && (PREFIXES.contains(t.text()) || ASSIGNMENT.matcher(t.text()).matches())) {
          continue;
        }
        if (commandPosition
            && isPortlock(t.text(), vars)
            && i + 1 < tokens.size()
            && !tokens.get(i + 1).operator()
            && !tokens.get(i + 1).redirection()
            && SUBCOMMAND.matcher(tokens.get(i + 1).text()).matches()) {
          List<String> args = new ArrayList<>();
          int j = i + 1;
          for (; j < tokens.size() && !tokens.get(j).operator(); j++) {
            if (!tokens.get(j).redirection()) {
              args.add(substitute(tokens.get(j).text(), vars));
            }
          }
          found.add(args);
          i = j - 1;
        }
        commandPosition = false;
      }
      return found;
    }

    private static boolean isPortlock(String word, Map<String, String> vars) {
      String resolved = substitute(word, vars);
      return resolved.equals("portlock") || resolved.endsWith("/portlock");
    }

    private static String substitute(String word, Map<String, String> vars) {
      Matcher m = VARIABLE.matcher(word);
      StringBuilder out = new StringBuilder();
      while (m.find()) {
        String name = m.group(1) != null ? m.group(1) : m.group(2);
        m.appendReplacement(out, Matcher.quoteReplacement(vars.getOrDefault(name, m.group())));
      }
      m.appendTail(out);
      return out.toString();
    }

    static List<Token> tokenize(String script) {
      List<Token> tokens = new ArrayList<>();
      StringBuilder word = new StringBuilder();
      boolean inWord = false;
      int i = 0;
      int n = script.length();
      while (i < n) {
        char c = script.charAt(i);
        if (c == '\\' && i + 1 < n) {
          if (script.charAt(i + 1) == '\n') {
            i += 2; // line continuation
            continue;
          }
          word.append(script.charAt(i + 1));
          inWord = true;
          i += 2;
        } else if (c == '\'') {
          int end = script.indexOf('\'', i + 1);
          end = end < 0 ? n : end;
          word.append(script, i + 1, end);
          inWord = true;
          i = end + 1;
        } else if (c == '"') {
          i++;
          while (i < n && script.charAt(i) != '"') {
            if (script.charAt(i) == '\\'
                && i + 1 < n
                && "\"\\$`".indexOf(script.charAt(i + 1)) >= 0) {
              i++;
            }
            word.append(script.charAt(i++));
          }
          inWord = true;
          i++;
        } else if (c == '#' && !inWord) {
          while (i < n && script.charAt(i) != '\n') {
            i++;
          }
        } else if (c == ' ' || c == '\t') {
          inWord = flush(word, inWord, tokens);
          i++;
        } else if (c == '>' || c == '<') {
          if (inWord && !word.isEmpty() && word.chars().allMatch(Character::isDigit)) {
            word.setLength(0); // an fd number such as the 2 of 2>&1
            inWord = false;
          }
          inWord = flush(word, inWord, tokens);
          i = redirection(script, i, tokens);
        } else if (c == '&' && i + 1 < n && script.charAt(i + 1) == '>') {
          inWord = flush(word, inWord, tokens);
          i = redirection(script, i + 1, tokens);
        } else if (c == '\n' || c == ';' || c == '&' || c == '|' || c == '(' || c == ')') {
          inWord = flush(word, inWord, tokens);
          String op = String.valueOf(c);
          if ((c == '&' || c == '|') && i + 1 < n && script.charAt(i + 1) == c) {
            op = op + c;
          }
          tokens.add(new Token(op, true, false));
          i += op.length();
        } else {
          word.append(c);
          inWord = true;
          i++;
        }
      }
      flush(word, inWord, tokens);
      assertThat(tokens.stream().filter(Token::operator).map(Token::text))
          .allMatch(OPERATORS::contains);
      return tokens;
    }

    /** Skips > >> >& < and the target word (unless attached); returns the next index. */
    private static int redirection(String script, int i, List<Token> tokens) {
      int n = script.length();
      i++;
      if (i < n && (script.charAt(i) == '>' || script.charAt(i) == '&')) {
        i++;
      }
      while (i < n && (script.charAt(i) == ' ' || script.charAt(i) == '\t')) {
        i++;
      }
      // The target: one word, possibly quoted.
      while (i < n && " \t\n;&|()".indexOf(script.charAt(i)) < 0) {
        char c = script.charAt(i);
        if (c == '"' || c == '\'') {
          int end = script.indexOf(c, i + 1);
          i = end < 0 ? n : end + 1;
        } else {
          i++;
        }
      }
      tokens.add(new Token(">", false, true));
      return i;
    }

    private static boolean flush(StringBuilder word, boolean inWord, List<Token> tokens) {
      if (inWord) {
        tokens.add(new Token(word.toString(), false, false));
        word.setLength(0);
      }
      return false;
    }
  }
}
