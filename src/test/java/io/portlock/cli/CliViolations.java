package io.portlock.cli;

import com.fasterxml.jackson.dataformat.xml.XmlMapper;
import io.portlock.apply.Applier;
import io.portlock.apply.ApplyListener;
import io.portlock.apply.ApplySettings;
import io.portlock.bandwidth.BandwidthApi;
import io.portlock.domain.Fingerprint;
import io.portlock.plan.Desired;
import io.portlock.plan.Observations;
import io.portlock.plan.Plan;
import io.portlock.plan.PlanContext;
import io.portlock.plan.Planner;
import io.portlock.state.State;
import io.portlock.state.StateChange;
import io.portlock.state.StateSession;
import io.portlock.state.StateStore;
import java.time.Duration;
import java.util.Map;

/**
 * Use-case logic written in cli, as the architecture rules must refuse it. Never run: {@code
 * ArchitectureRulesFailTest} only reads these classes.
 */
final class CliViolations {
  private CliViolations() {}

  /** Plans by itself instead of calling the engine. */
  static final class PlansInCli {
    Plan plan(Desired desired, Map<String, Fingerprint> fingerprints, State state) {
      return Planner.plan(
          desired,
          fingerprints,
          state,
          true,
          Observations.none(),
          false,
          new PlanContext("abcd", java.time.Instant.EPOCH, null, "portlock.yaml"));
    }
  }

  /** Drives the applier by itself. */
  static final class AppliesInCli {
    Applier applier(BandwidthApi api, StateSession session) {
      return new Applier(api, session, ApplySettings.defaults(), new ApplyListener() {});
    }
  }

  /** Locks and writes the state by itself. */
  static final class WritesStateInCli {
    void write(StateStore store, State state) {
      try (StateSession session = store.open("apply", Duration.ZERO)) {
        session.commit(new StateChange.Replaced(state));
      }
    }
  }

  /** Reads Bandwidth's XML outside the wire packages. */
  static final class XmlInCli {
    Object mapper() {
      return new XmlMapper();
    }
  }
}
