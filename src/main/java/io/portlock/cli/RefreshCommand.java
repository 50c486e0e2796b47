package io.portlock.cli;

import io.portlock.bandwidth.PasscodeReadback;
import io.portlock.domain.Fingerprint;
import io.portlock.domain.Fingerprinter;
import io.portlock.domain.NumberSet;
import io.portlock.domain.Passcode;
import io.portlock.state.State;
import io.portlock.state.StateEntry;
import io.portlock.state.StateLock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.commons.cli.CommandLine;

/**
 * {@code portlock refresh}: makes the state say what Bandwidth holds, changing nothing at
 * Bandwidth (Terraform's refresh-only). Numbers with another passcode keep their group with the
 * fingerprint of what Bandwidth holds; numbers without one, or gone from the account, are
 * dropped. The next plan then shows what it takes to match the config again.
 */
final class RefreshCommand {
  private final Terminal terminal;

  RefreshCommand(Terminal terminal) {
    this.terminal = terminal;
  }

  int run(List<String> args) {
    CommandLine line = new CommandLineSpec("refresh", "refresh [options]",
        "Reads the passcodes of the managed numbers back from Bandwidth and updates the state to"
            + " match, without changing anything at Bandwidth.")
        .value("lock-timeout", "DURATION", "wait this long for another apply's lock (default 0s)")
        .parse(args, terminal);
    if (line == null) {
      return ExitCodes.OK;
    }
    Workspace workspace = Workspace.open(line, terminal, true);
    Duration lockTimeout = CommandLineSpec.durationValue(line, "lock-timeout", Duration.ZERO);
    try (ApiConnection connection = ApiConnection.open(workspace, true).orElseThrow();
        StateLock lock = workspace.store.lock("refresh", lockTimeout)) {
      Optional<State> recorded = workspace.rereadState();
      if (recorded.isEmpty()) {
        terminal.out().println("No state yet: nothing is managed, nothing to refresh.");
        return ExitCodes.OK;
      }
      State state = recorded.get();
      PasscodeReadback readback = Refresh.readBack(connection.api, state);
      State next = reconcile(state, readback);
      if (next == state) {
        terminal.out().println("Refresh: all " + state.size() + " managed numbers hold the"
            + " passcode the state records. The state is unchanged.");
        return ExitCodes.OK;
      }
      workspace.store.write(next.nextSerial());
      return ExitCodes.OK;
    }
  }

  /** The state as Bandwidth has it; the same object when nothing differs. */
  private State reconcile(State state, PasscodeReadback readback) {
    Fingerprinter fingerprinter = new Fingerprinter(state.kdf());
    Set<Passcode> distinct = new HashSet<>(readback.passcodes().values());
    Map<Passcode, Fingerprint> fingerprints = fingerprinter.fingerprintAll(distinct);
    Map<StateEntry, NumberSet.Builder> moved = new HashMap<>();
    int differing = 0;
    NumberSet managed = state.numbers();
    for (int i = 0; i < managed.size(); i++) {
      long n = managed.get(i);
      Passcode actual = readback.passcodes().get(n);
      StateEntry entry = state.entryAt(i);
      if (actual != null && !fingerprints.get(actual).equals(entry.fingerprint())) {
        StateEntry observed = new StateEntry(entry.group(), fingerprints.get(actual),
            Instant.now(), null, null);
        moved.computeIfAbsent(observed, e -> new NumberSet.Builder()).add(n);
        differing++;
      }
    }
    NumberSet missing = readback.withoutPasscode().intersect(managed);
    NumberSet left = readback.notOnAccount().intersect(managed);
    if (differing == 0 && missing.isEmpty() && left.isEmpty()) {
      return state;
    }
    State next = state;
    for (Map.Entry<StateEntry, NumberSet.Builder> e : moved.entrySet()) {
      next = next.withApplied(e.getValue().build(), e.getKey());
    }
    next = next.withRemoved(missing.union(left));
    terminal.out().println("Refresh updated the state from Bandwidth:");
    terminal.out().println("  " + differing + " numbers hold another passcode at Bandwidth"
        + " (state now records its fingerprint)");
    terminal.out().println("  " + missing.size() + " numbers have no passcode at Bandwidth"
        + " (dropped from the state)");
    terminal.out().println("  " + left.size() + " numbers are no longer on the account"
        + " (dropped from the state)");
    terminal.out().println("Run 'portlock plan' to see what it takes to match the config again.");
    return next;
  }
}
