package io.portlock.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portlock.apply.ApplyResult;
import io.portlock.apply.Cancellation;
import io.portlock.bandwidth.BandwidthClient;
import io.portlock.config.ConfigLoader;
import io.portlock.config.LoadOptions;
import io.portlock.domain.NumberRange;
import io.portlock.domain.NumberSet;
import io.portlock.plan.Change;
import io.portlock.plan.PlanCodec;
import io.portlock.sandbox.Sandbox;
import io.portlock.state.FileStateStore;
import io.portlock.state.State;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The use cases called directly, as the CLI calls them, against the sandbox. */
class EngineTest {
  private static final String HQ = "Hq7seCret";

  @TempDir Path dir;
  private EngineSandbox engine;
  private Sandbox sandbox;
  private BandwidthClient api;

  @BeforeEach
  void start() {
    engine = new EngineSandbox();
    sandbox = engine.sandbox;
    api = engine.api;
  }

  @AfterEach
  void stop() {
    engine.close();
  }

  private Project project(String numbers) throws Exception {
    Files.writeString(
        dir.resolve("portlock.yaml"),
        """
        version: 1
        account: "9900000"
        groups:
          hq:
            passcode: {env: HQ_PASSCODE}
            numbers:
              - "%s"
        """
            .formatted(numbers));
    var config =
        ConfigLoader.load(
            dir.resolve("portlock.yaml"), new LoadOptions(Map.of("HQ_PASSCODE", HQ), List.of()));
    return new Project(config, new FileStateStore(dir.resolve("portlock.state.json")), null, dir);
  }

  private ApplyResult apply(Project project) {
    return engine.apply(project, true);
  }

  private static NumberSet range(String text) {
    return new NumberSet.Builder().addRange(NumberRange.parse(text)).build();
  }

  @Test
  void appliedThroughTheEngineTheNextPlanHasNoChanges() throws Exception {
    Project project = project("2018551020..2018551029");

    ApplyResult result = apply(project);

    assertThat(result.complete()).isTrue();
    assertThat(sandbox.passcodes()).hasSize(10).containsEntry(2018551020L, HQ);
    Planning.Result again = new Planning(project).plan(project.read(), api);
    assertThat(again.plan().hasChanges()).isFalse();
    assertThat(again.stateExists()).isTrue();
  }

  @Test
  void aPlanOfAConfigInAGitCheckoutRecordsItsHeadCommitAndOutsideOneNone() throws Exception {
    Project project = project("2018551020");
    assertThat(new Planning(project).plan(Optional.empty(), null).plan().gitCommit()).isNull();
    git("init", "-q");
    git(
        "-c",
        "user.email=ci@example.com",
        "-c",
        "user.name=ci",
        "commit",
        "-q",
        "--allow-empty",
        "-m",
        "config");

    assertThat(new Planning(project).plan(Optional.empty(), null).plan().gitCommit())
        .isEqualTo(git("rev-parse", "HEAD"));
  }

  private String git(String... args) throws Exception {
    List<String> command = new java.util.ArrayList<>(List.of("git"));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).directory(dir.toFile()).start();
    String out = new String(process.getInputStream().readAllBytes()).trim();
    assertThat(process.waitFor()).isZero();
    return out;
  }

  @Test
  void refreshRecordsAPasscodeChangedOutsidePortlockAndDropsAWipedOne() throws Exception {
    Project project = project("2018551020..2018551029");
    apply(project);
    sandbox.setPasscode(2018551021L, "Other9pass");
    sandbox.setPasscode(2018551022L, null);

    Refreshing.Outcome outcome = new Refreshing(project).refresh(api, Duration.ZERO, false);

    assertThat(outcome).isEqualTo(new Refreshing.Reconciled(1, 1, 0));
    State state = project.read().orElseThrow();
    assertThat(state.size()).isEqualTo(9);
    assertThat(state.entryOf(2018551022L)).isNull();
    assertThat(new Refreshing(project).refresh(api, Duration.ZERO, false))
        .isEqualTo(new Refreshing.Unchanged(9));
  }

  @Test
  void theSavedPlanIsStaleOnceTheStateMovedOnAndNothingIsSent() throws Exception {
    Project project = project("2018551020..2018551024");
    Planning.Result planned = new Planning(project).plan(Optional.empty(), api);
    ByteArrayOutputStream file = new ByteArrayOutputStream();
    PlanCodec.save(planned.plan(), file, null);
    apply(project);
    int orders = sandbox.receivedOrders().size();

    try (Applying apply =
        Applying.begin(project, api, EngineSandbox.FAST, Cancellation.never(), Duration.ZERO)) {
      PlanCodec.Saved saved = PlanCodec.readSaved(new ByteArrayInputStream(file.toByteArray()));
      assertThatThrownBy(() -> apply.checkSaved(saved, "plan.json"))
          .isInstanceOf(UseCaseException.class)
          .hasMessageStartingWith(
              "the plan is stale: it was made from state (none yet) but the" + " state is now ")
          .message()
          .doesNotContain(HQ);
    }
    assertThat(sandbox.receivedOrders()).hasSize(orders);
  }

  @Test
  void removingAllNumbersPlannedTripsTheRemovalGuardBeforeAnythingIsSent() throws Exception {
    apply(project("2018551020..2018551024"));
    Project emptied = project("2018551030");
    int orders = sandbox.receivedOrders().size();

    try (Applying apply =
        Applying.begin(emptied, api, EngineSandbox.FAST, Cancellation.never(), Duration.ZERO)) {
      Applying.Ready ready = apply.planAfresh(false);
      assertThat(ready.plan().changes()).anyMatch(c -> c instanceof Change.Remove);
      assertThatThrownBy(() -> apply.enforceGuards(ready, false, false))
          .isInstanceOf(RefusedException.class)
          .hasMessageStartingWith(
              "the plan clears the passcode of 5 numbers no longer in the" + " config");
    }
    assertThat(sandbox.receivedOrders()).hasSize(orders);
  }

  @Test
  void stateEditingMovesAndRemovesManagedNumbersOnlyAndNamesAnUnmanagedOne() throws Exception {
    Project project = project("2018551020..2018551029");
    apply(project);
    StateEditing editing = new StateEditing(project);

    assertThat(editing.moveNumbers(range("2018551020..2018551021"), "support", Duration.ZERO))
        .isEqualTo(2);
    editing.remove(range("2018551029"), Duration.ZERO);
    assertThatThrownBy(() -> editing.remove(range("2018551029"), Duration.ZERO))
        .isInstanceOf(UseCaseException.class)
        .hasMessage(
            "1 of the numbers are not managed (for example 2018551029); nothing was" + " removed");

    State state = project.read().orElseThrow();
    assertThat(state.size()).isEqualTo(9);
    assertThat(state.entryOf(2018551020L).group()).isEqualTo("support");
    assertThat(editing.renameGroup("support", "front", Duration.ZERO)).isEqualTo(2);
    assertThat(project.read().orElseThrow().entryOf(2018551021L).group()).isEqualTo("front");
  }
}
