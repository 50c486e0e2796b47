package io.portlock.engine;

import io.portlock.bandwidth.BandwidthApi;
import io.portlock.bandwidth.PasscodeReadback;
import io.portlock.domain.Fingerprint;
import io.portlock.domain.Fingerprinter;
import io.portlock.domain.KdfParameters;
import io.portlock.domain.NumberSet;
import io.portlock.domain.Passcode;
import io.portlock.domain.Plural;
import io.portlock.state.State;
import io.portlock.state.StateChange;
import io.portlock.state.StateEntry;
import io.portlock.state.StateSession;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The refresh use case: makes the state say what Bandwidth holds, changing nothing at Bandwidth
 * (Terraform's refresh-only). Numbers with another passcode keep their group with the fingerprint
 * of what Bandwidth holds; numbers without one, or gone from the account, are dropped. The next
 * plan then shows what it takes to match the config again.
 *
 * <p>A rekey fingerprints every managed number again, from the passcode Bandwidth holds, under
 * fresh parameters: salted per group and keyed with {@code PORTLOCK_FINGERPRINT_KEY} when it is
 * set. It is the clean path for adding, changing or dropping the key; the old key is not needed and
 * no order is sent.
 */
public final class Refreshing {

  /** What a refresh did to the state. */
  public sealed interface Outcome {}

  /** There is no state yet: nothing is managed. */
  public record NoState() implements Outcome {}

  /** Every managed number holds the passcode the state records; nothing was written. */
  public record Unchanged(long managed) implements Outcome {}

  /**
   * The state now says what Bandwidth holds.
   *
   * @param differing numbers recorded anew with the fingerprint of another passcode
   * @param missing numbers dropped for holding no passcode
   * @param left numbers dropped for having left the account
   */
  public record Reconciled(long differing, long missing, long left) implements Outcome {}

  /**
   * Every managed number was fingerprinted again under fresh parameters.
   *
   * @param keyId the key the fingerprints are keyed with, or null without a key
   */
  public record Rekeyed(long fingerprinted, String keyId, long dropped) implements Outcome {}

  private final Project project;

  public Refreshing(Project project) {
    this.project = project;
  }

  /** Takes the lock, reads back the managed numbers and writes the state they call for. */
  public Outcome refresh(BandwidthApi api, Duration lockTimeout, boolean rekey) {
    try (StateSession session = project.open("refresh", lockTimeout)) {
      Optional<State> recorded = session.state();
      if (recorded.isEmpty()) {
        return new NoState();
      }
      State state = recorded.get();
      if (rekey && !state.journal().isEmpty()) {
        throw new UseCaseException(
            "an interrupted apply left "
                + Plural.of(state.journal().size(), "order")
                + " in the journal; run 'portlock apply' to resume and record them, then rekey");
      }
      PasscodeReadback readback = Drift.readBack(api, state);
      Changed changed = rekey ? rekey(state, readback) : reconcile(state, readback);
      if (changed.state() == state) {
        return new Unchanged(state.size());
      }
      session.commit(new StateChange.Replaced(changed.state()));
      return changed.outcome();
    }
  }

  /** The state to write and what to say about it. */
  private record Changed(State state, Outcome outcome) {}

  /** The state under fresh KDF parameters, every number fingerprinted from the read-back. */
  private Changed rekey(State state, PasscodeReadback readback) {
    KdfParameters fresh = KdfParameters.generate(project.key());
    Fingerprinter fingerprinter = new Fingerprinter(fresh, project.key());
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
        Fingerprint fp =
            derived.computeIfAbsent(
                List.of(entry.group(), actual),
                k -> fingerprinter.fingerprint(entry.group(), actual));
        rekeyed
            .computeIfAbsent(
                new StateEntry(
                    entry.group(), fp, entry.appliedAt(), entry.orderId(), entry.customerOrderId()),
                e -> new NumberSet.Builder())
            .add(n);
      }
    }
    NumberSet dropped = withoutPasscode.build();
    State next = state.withKdf(fresh);
    for (Map.Entry<StateEntry, NumberSet.Builder> e : rekeyed.entrySet()) {
      next = next.withApplied(e.getValue().build(), e.getKey());
    }
    next = next.withRemoved(dropped);
    return new Changed(
        next,
        new Rekeyed(
            managed.size() - dropped.size(),
            project.key() == null ? null : project.key().id(),
            dropped.size()));
  }

  /** The state as Bandwidth has it; the same object when nothing differs. */
  private Changed reconcile(State state, PasscodeReadback readback) {
    Fingerprinter fingerprinter = project.fingerprinter(state.kdf());
    Map<List<Object>, Fingerprint> derived = new HashMap<>();
    Map<StateEntry, NumberSet.Builder> moved = new HashMap<>();
    int differing = 0;
    NumberSet managed = state.numbers();
    for (int i = 0; i < managed.size(); i++) {
      long n = managed.get(i);
      Passcode actual = readback.passcodes().get(n);
      StateEntry entry = state.entryAt(i);
      Fingerprint held =
          actual == null
              ? null
              : derived.computeIfAbsent(
                  List.of(entry.group(), actual),
                  k -> fingerprinter.fingerprint(entry.group(), actual));
      if (held != null && !held.equals(entry.fingerprint())) {
        StateEntry observed = new StateEntry(entry.group(), held, Instant.now(), null, null);
        moved.computeIfAbsent(observed, e -> new NumberSet.Builder()).add(n);
        differing++;
      }
    }
    NumberSet missing = readback.withoutPasscode().intersect(managed);
    NumberSet left = readback.notOnAccount().intersect(managed);
    if (differing == 0 && missing.isEmpty() && left.isEmpty()) {
      return new Changed(state, new Unchanged(state.size()));
    }
    State next = state;
    for (Map.Entry<StateEntry, NumberSet.Builder> e : moved.entrySet()) {
      next = next.withApplied(e.getValue().build(), e.getKey());
    }
    next = next.withRemoved(missing.union(left));
    return new Changed(next, new Reconciled(differing, missing.size(), left.size()));
  }
}
