package io.portlock.cli;

import io.portlock.apply.ApplySettings;
import io.portlock.apply.Applier;
import io.portlock.apply.ApplyListener;
import io.portlock.bandwidth.BandwidthClient;
import io.portlock.bandwidth.ClientSettings;
import io.portlock.bandwidth.Credentials;
import io.portlock.config.ConfigLoader;
import io.portlock.config.GroupConfig;
import io.portlock.config.LoadOptions;
import io.portlock.domain.Fingerprint;
import io.portlock.domain.Fingerprinter;
import io.portlock.domain.KdfParameters;
import io.portlock.domain.Passcode;
import io.portlock.plan.Observations;
import io.portlock.plan.Plan;
import io.portlock.plan.PlanContext;
import io.portlock.plan.Planner;
import io.portlock.sandbox.SandboxOptions;
import io.portlock.state.FileStateStore;
import io.portlock.state.State;
import io.portlock.state.LockInfo;
import io.portlock.state.StateChange;
import io.portlock.state.StateSession;
import io.portlock.state.TestSessions;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An apply that dies between sending an order and recording its result: its state store fails
 * the second commit (the first journals the order, the second would record it), as a process
 * killed at that moment would leave things.
 */
final class CrashingApply {
  private CrashingApply() {}

  /** Runs the crashing apply; returns the CustomerOrderId left in the journal. */
  static String run(SandboxCli env, Path stateFile, CliHarness cli) {
    var config = ConfigLoader.load(cli.dir.resolve("portlock.yaml"),
        new LoadOptions(cli.env, List.of()));
    State state = State.empty(config.account(), KdfParameters.generate());
    Map<String, Fingerprint> fingerprints = new LinkedHashMap<>();
    Map<Fingerprint, Passcode> passcodes = new HashMap<>();
    for (GroupConfig group : config.groups()) {
      Fingerprint fp = new Fingerprinter(state.kdf()).fingerprint(group.name(), group.passcode());
      fingerprints.put(group.name(), fp);
      passcodes.put(fp, group.passcode());
    }
    Plan plan = Planner.plan(config, fingerprints, state, false, Observations.none(), false,
        new PlanContext(PlanContext.newPlanId(), Instant.now(), null, "portlock.yaml"));
    StateSession real = TestSessions.startingWith(new FileStateStore(stateFile), state);
    try (BandwidthClient client = BandwidthClient.create(ClientSettings.of(env.sandbox.baseUrl(),
        config.account(), new Credentials.OAuth2(SandboxOptions.DEFAULT_CLIENT_ID,
            SandboxOptions.DEFAULT_CLIENT_SECRET, env.sandbox.tokenUrl())))) {
      new Applier(client, new CrashOnSecondCommit(real), new ApplySettings(1, null,
          Duration.ofMillis(20), Duration.ofMillis(100)), new ApplyListener() {})
          .apply(plan, passcodes);
      throw new AssertionError("the apply was expected to crash");
    } catch (SimulatedCrash expected) {
      TestSessions.crash(real);
      return new FileStateStore(stateFile).read().orElseThrow().journal().get(0).customerOrderId();
    }
  }

  /** The process "dies" here. */
  static final class SimulatedCrash extends RuntimeException {
    SimulatedCrash() {
      super("simulated crash between send and state write");
    }
  }

  /** A session that commits once (the journal entry) and then fails like a killed process. */
  private static final class CrashOnSecondCommit implements StateSession {
    private final StateSession delegate;
    private int commits;

    CrashOnSecondCommit(StateSession delegate) {
      this.delegate = delegate;
    }

    @Override
    public Optional<State> state() {
      return delegate.state();
    }

    @Override
    public void commit(StateChange change) {
      if (++commits == 2) {
        throw new SimulatedCrash();
      }
      delegate.commit(change);
    }

    @Override
    public LockInfo lock() {
      return delegate.lock();
    }

    @Override
    public String location() {
      return delegate.location();
    }

    @Override
    public void close() {
      delegate.close();
    }
  }
}
