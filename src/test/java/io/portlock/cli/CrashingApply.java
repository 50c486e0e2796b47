package io.portlock.cli;

import io.portlock.apply.ApplyListener;
import io.portlock.apply.ApplySettings;
import io.portlock.apply.Cancellation;
import io.portlock.bandwidth.BandwidthClient;
import io.portlock.bandwidth.ClientSettings;
import io.portlock.bandwidth.Credentials;
import io.portlock.config.ConfigLoader;
import io.portlock.config.LoadOptions;
import io.portlock.engine.Applying;
import io.portlock.engine.Project;
import io.portlock.sandbox.SandboxOptions;
import io.portlock.state.FileStateStore;
import io.portlock.state.LockInfo;
import io.portlock.state.State;
import io.portlock.state.StateChange;
import io.portlock.state.StateSession;
import io.portlock.state.StateStore;
import io.portlock.state.TestSessions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * An apply that dies between sending an order and recording its result: its state session fails the
 * second commit of the apply (the first journals the order, the second would add what Bandwidth
 * answered), as a process killed at that moment would leave things. The state the first apply
 * starts from and the seal of its fingerprints are committed before and do not count. It runs
 * through the engine, as the CLI does.
 */
final class CrashingApply {
  private CrashingApply() {}

  /** Runs the crashing apply through the engine; returns the journaled CustomerOrderId. */
  static String run(SandboxCli env, Path stateFile, CliHarness cli) {
    var config =
        ConfigLoader.load(cli.dir.resolve("portlock.yaml"), new LoadOptions(cli.env, List.of()));
    Project project =
        new Project(config, new CrashingStore(new FileStateStore(stateFile)), null, cli.dir);
    try (BandwidthClient client =
            BandwidthClient.create(
                ClientSettings.of(
                    env.sandbox.baseUrl(),
                    config.account(),
                    new Credentials.OAuth2(
                        SandboxOptions.DEFAULT_CLIENT_ID,
                        SandboxOptions.DEFAULT_CLIENT_SECRET,
                        env.sandbox.tokenUrl())));
        Applying apply =
            Applying.begin(
                project,
                client,
                new ApplySettings(1, null, Duration.ofMillis(20), Duration.ofMillis(100)),
                Cancellation.never(),
                Duration.ZERO)) {
      Applying.Ready ready = apply.planAfresh(false);
      apply.run(ready.state(), new ApplyListener() {}).apply(ready);
      throw new AssertionError("the apply was expected to crash");
    } catch (SimulatedCrash expected) {
      return new FileStateStore(stateFile).read().orElseThrow().journal().get(0).customerOrderId();
    }
  }

  /** The process "dies" here. */
  static final class SimulatedCrash extends RuntimeException {
    SimulatedCrash() {
      super("simulated crash between send and state write");
    }
  }

  /** A store whose sessions die at the second change of an apply. */
  private static final class CrashingStore implements StateStore {
    private final FileStateStore delegate;

    CrashingStore(FileStateStore delegate) {
      this.delegate = delegate;
    }

    @Override
    public Optional<State> read() {
      return delegate.read();
    }

    @Override
    public StateSession open(String operation, Duration lockTimeout) {
      return new CrashOnRecord(delegate.open(operation, lockTimeout));
    }

    @Override
    public String forceUnlock(String lockId) {
      return delegate.forceUnlock(lockId);
    }

    @Override
    public String location() {
      return delegate.location();
    }
  }

  /**
   * A session that commits the initial state and one change, then fails like a killed process: from
   * then on it is ended as a kill ends it (the lock goes, nothing is tidied).
   */
  private static final class CrashOnRecord implements StateSession {
    private final StateSession delegate;
    private int changes;
    private boolean crashed;

    CrashOnRecord(StateSession delegate) {
      this.delegate = delegate;
    }

    @Override
    public Optional<State> state() {
      return delegate.state();
    }

    @Override
    public void commit(StateChange change) {
      if (!(change instanceof StateChange.Replaced)
          && !(change instanceof StateChange.FingerprintsSealed)
          && ++changes == 2) {
        crashed = true;
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
      if (crashed) {
        TestSessions.crash(delegate);
      } else {
        delegate.close();
      }
    }
  }
}
