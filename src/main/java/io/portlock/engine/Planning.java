package io.portlock.engine;

import io.portlock.bandwidth.BandwidthApi;
import io.portlock.config.Config;
import io.portlock.domain.Fingerprint;
import io.portlock.domain.Plural;
import io.portlock.plan.Desired;
import io.portlock.plan.Notice;
import io.portlock.plan.Observations;
import io.portlock.plan.Plan;
import io.portlock.plan.PlanContext;
import io.portlock.plan.Planner;
import io.portlock.state.State;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The plan use case: reads back from Bandwidth when it can, fingerprints the passcodes, diffs, and
 * adds the notices a reviewer must see first. Writes nothing.
 */
public final class Planning {

  /** A plan and what it was made from. */
  public record Result(
      Plan plan, State state, boolean stateExists, Map<String, Fingerprint> fingerprints) {}

  private final Project project;

  public Planning(Project project) {
    this.project = project;
  }

  /**
   * The inventory group from the account's numbers (and the unmanaged ones), or, without a
   * read-back, from the state.
   */
  InventoryGroups.Resolution resolve(State state, BandwidthApi api) {
    return api == null
        ? InventoryGroups.offline(
            project.config(), state, "no refresh: --refresh=false, or no credentials")
        : InventoryGroups.online(project.config(), state, api, project.workDir());
  }

  /**
   * @param recorded the state as read (plan takes no lock)
   * @param api where to read passcodes back from, or null to compare with the state only
   */
  public Result plan(Optional<State> recorded, BandwidthApi api) {
    // git runs while the account is read and the fingerprints are derived, not after them.
    CompletableFuture<String> commit =
        CompletableFuture.supplyAsync(() -> GitInfo.headCommit(project.config().folder()));
    State state = project.stateOrEmpty(recorded);
    InventoryGroups.Resolution inventory = resolve(state, api);
    inventory
        .refusal()
        .ifPresent(
            refusal -> {
              throw new RefusedException(refusal);
            });
    Config config = inventory.config();
    Observations observed = Observations.none();
    if (api != null) {
      observed = Drift.observe(config, state, Drift.readBackForPlan(api, config, state));
    }
    Map<String, Fingerprint> fingerprints = project.fingerprints(state);
    PlanContext context =
        new PlanContext(
            PlanContext.newPlanId(), Instant.now(), commit.join(), project.displayConfigPath());
    Plan plan =
        Planner.plan(
            Desired.of(config),
            fingerprints,
            project.saltedAs(state.kdf()),
            state,
            recorded.isPresent(),
            observed,
            api != null,
            context);
    List<Notice> notices = new ArrayList<>();
    if (!state.journal().isEmpty()) {
      notices.add(
          new Notice(
              Notice.Kind.JOURNAL,
              "an interrupted apply left "
                  + Plural.of(state.journal().size(), "order")
                  + " in the journal; 'portlock apply' looks them up"
                  + " and records their result before anything else"));
    }
    notices.addAll(inventory.notices());
    notices.addAll(Drift.notices(plan, config, state, project.workDir()));
    notices.addAll(Guards.check(plan.orders(), config.safety(), state));
    notices.addAll(InventoryGroups.guard(plan, config, state));
    return new Result(plan.withNotices(notices), state, recorded.isPresent(), fingerprints);
  }
}
