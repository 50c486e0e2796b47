package io.portlock.cli;

import io.portlock.domain.Plural;
import io.portlock.bandwidth.PasscodeReadback;
import io.portlock.domain.Fingerprint;
import io.portlock.domain.Fingerprinter;
import io.portlock.domain.KdfParameters;
import io.portlock.domain.NumberSet;
import io.portlock.domain.Passcode;
import io.portlock.state.State;
import io.portlock.state.StateEntry;
import io.portlock.state.StateChange;
import io.portlock.state.StateSession;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.cli.CommandLine;

/**
 * {@code portlock refresh}: makes the state say what Bandwidth holds, changing nothing at
 * Bandwidth (Terraform's refresh-only). Numbers with another passcode keep their group with the
 * fingerprint of what Bandwidth holds; numbers without one, or gone from the account, are
 * dropped. The next plan then shows what it takes to match the config again.
 *
 * <p>{@code --rekey} fingerprints every managed number again, from the passcode Bandwidth holds,
 * under fresh parameters: salted per group and keyed with {@code PORTLOCK_FINGERPRINT_KEY} when
 * it is set. It is the clean path for adding, changing or dropping the key; the old key is not
 * needed and no order is sent.
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
        .flag("rekey", "fingerprint every managed number again from Bandwidth's read-back, with"
            + " fresh salts per group and PORTLOCK_FINGERPRINT_KEY if set (sends no order)")
        .parse(args, terminal);
    if (line == null) {
      return ExitCodes.OK;
    }
    Workspace workspace = Workspace.open(line, terminal, true);
    Duration lockTimeout = CommandLineSpec.durationValue(line, "lock-timeout", Duration.ZERO);
    try (ApiConnection connection = ApiConnection.open(workspace, true).orElseThrow();
        StateSession session = workspace.openSession("refresh", lockTimeout)) {
      Optional<State> recorded = session.state();
      if (recorded.isEmpty()) {
        terminal.out().println("No state yet: nothing is managed, nothing to refresh.");
        return ExitCodes.OK;
      }
      State state = recorded.get();
      boolean rekey = line.hasOption("rekey");
      if (rekey && !state.journal().isEmpty()) {
        throw new UsageException("an interrupted apply left "
            + Plural.of(state.journal().size(), "order") + " in the journal; run 'portlock apply' to resume and record them, then rekey");
      }
      PasscodeReadback readback = Refresh.readBack(connection.api, state);
      State next = rekey ? rekey(workspace, state, readback) : reconcile(workspace, state, readback);
      if (next == state) {
        terminal.out().println("Refresh: all " + state.size() + " managed numbers hold the"
            + " passcode the state records. The state is unchanged.");
        return ExitCodes.OK;
      }
      session.commit(new StateChange.Replaced(next));
      return ExitCodes.OK;
    }
  }

  /** The state under fresh KDF parameters, every number fingerprinted from the read-back. */
  private State rekey(Workspace workspace, State state, PasscodeReadback readback) {
    KdfParameters fresh = KdfParameters.generate(workspace.key);
    Fingerprinter fingerprinter = new Fingerprinter(fresh, workspace.key);
    Map<List<Object>, Fingerprint> derived = new HashMap<>();
    Map<StateEntry, NumberSet.Builder> rekeyed = new HashMap<>();
    NumberSet.Builder withoutPasscode = new NumberSet.Builder();
    NumberSet managed = state.numbers();
    for (int i = 0; i < managed.size(); i++) {
      long n = managed.get(i);
      Passcode actual = readback.passcodes().get(n);
      if (actual == null) {
        withoutPasscode.add(n);
      } else {
        StateEntry entry = state.entryAt(i);
        Fingerprint fp = derived.computeIfAbsent(List.of(entry.group(), actual),
            k -> fingerprinter.fingerprint(entry.group(), actual));
        rekeyed.computeIfAbsent(new StateEntry(entry.group(), fp, entry.appliedAt(),
            entry.orderId(), entry.customerOrderId()), e -> new NumberSet.Builder()).add(n);
      }
    }
    NumberSet dropped = withoutPasscode.build();
    State next = state.withKdf(fresh);
    for (Map.Entry<StateEntry, NumberSet.Builder> e : rekeyed.entrySet()) {
      next = next.withApplied(e.getValue().build(), e.getKey());
    }
    next = next.withRemoved(dropped);
    terminal.out().println("Rekeyed the state: "
        + Plural.of(managed.size() - dropped.size(), "number") + " fingerprinted again from Bandwidth's read-back, salted per group, "
        + (workspace.key == null ? "without a key (PORTLOCK_FINGERPRINT_KEY is not set)"
            : "keyed with key id " + workspace.key.id())
        + "; " + Plural.of(dropped.size(), "number") + " with no passcode or no longer on the"
        + " account dropped."
        + " No order was sent.");
    return next;
  }

  /** The state as Bandwidth has it; the same object when nothing differs. */
  private State reconcile(Workspace workspace, State state, PasscodeReadback readback) {
    Fingerprinter fingerprinter = workspace.fingerprinter(state.kdf());
    Map<List<Object>, Fingerprint> derived = new HashMap<>();
    Map<StateEntry, NumberSet.Builder> moved = new HashMap<>();
    int differing = 0;
    NumberSet managed = state.numbers();
    for (int i = 0; i < managed.size(); i++) {
      long n = managed.get(i);
      Passcode actual = readback.passcodes().get(n);
      StateEntry entry = state.entryAt(i);
      Fingerprint held = actual == null ? null : derived.computeIfAbsent(
          List.of(entry.group(), actual), k -> fingerprinter.fingerprint(entry.group(), actual));
      if (held != null && !held.equals(entry.fingerprint())) {
        StateEntry observed = new StateEntry(entry.group(), held, Instant.now(), null, null);
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
    terminal.out().println("  " + Plural.of(differing, "number") + " "
        + Plural.agree(differing, "holds", "hold") + " another passcode at Bandwidth"
        + " (state now records its fingerprint)");
    terminal.out().println("  " + Plural.of(missing.size(), "number") + " "
        + Plural.agree(missing.size(), "has", "have") + " no passcode at Bandwidth"
        + " (dropped from the state)");
    terminal.out().println("  " + Plural.of(left.size(), "number") + " "
        + Plural.agree(left.size(), "is", "are") + " no longer on the account"
        + " (dropped from the state)");
    terminal.out().println("Run 'portlock plan' to see what it takes to match the config again.");
    return next;
  }
}
