package io.portlock.cli;

import io.portlock.domain.Fingerprint;
import io.portlock.plan.Observations;
import io.portlock.plan.Plan;
import io.portlock.plan.PlanContext;
import io.portlock.plan.Planner;
import io.portlock.state.State;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/** Makes a plan from a workspace: reads the state, fingerprints the passcodes, diffs. */
final class Planning {

  /** A plan and what it was made from. */
  record Result(Plan plan, State state, boolean stateExists, Map<String, Fingerprint> fingerprints) {}

  private Planning() {}

  static Result plan(Workspace workspace, Optional<State> recorded, Observations observed,
      boolean refreshed) {
    State state = workspace.stateOrEmpty(recorded);
    Map<String, Fingerprint> fingerprints = workspace.fingerprints(state.kdf());
    PlanContext context = new PlanContext(PlanContext.newPlanId(), Instant.now(),
        GitInfo.headCommit(workspace.config.folder()), workspace.displayConfigPath());
    Plan plan = Planner.plan(workspace.config, fingerprints, state, recorded.isPresent(), observed,
        refreshed, context);
    return new Result(plan, state, recorded.isPresent(), fingerprints);
  }
}
