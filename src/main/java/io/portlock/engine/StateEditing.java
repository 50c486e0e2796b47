package io.portlock.engine;

import io.portlock.domain.Fingerprint;
import io.portlock.domain.NumberSet;
import io.portlock.state.State;
import io.portlock.state.StateChange;
import io.portlock.state.StateEntry;
import io.portlock.state.StateSession;
import io.portlock.state.StateStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The {@code state rm}, {@code state mv} and {@code state migrate} use cases: stop managing
 * numbers, record them under another group, or move the state to another store, in the state only.
 * Bandwidth is not asked or changed.
 */
public final class StateEditing {
  private final Project project;

  public StateEditing(Project project) {
    this.project = project;
  }

  /** Removes managed numbers from the state; refuses when any is not managed. */
  public void remove(NumberSet numbers, Duration lockTimeout) {
    try (StateSession session = project.open("state rm", lockTimeout)) {
      State state =
          session
              .state()
              .orElseThrow(() -> new UseCaseException("there is no state yet: nothing to remove"));
      refuseUnmanaged(state, numbers, "removed");
      session.commit(new StateChange.NumbersDropped(numbers));
    }
  }

  /**
   * Records the numbers of group {@code from} under {@code to}.
   *
   * @return how many numbers moved
   */
  public long renameGroup(String from, String to, Duration lockTimeout) {
    try (StateSession session = project.open("state mv", lockTimeout)) {
      State state =
          session
              .state()
              .orElseThrow(() -> new UseCaseException("there is no state yet: nothing to move"));
      NumberSet numbers = numbersOf(state, from);
      if (numbers.isEmpty()) {
        throw new UseCaseException(
            "the state has no group '"
                + from
                + "'; 'portlock state"
                + " list' shows the managed groups");
      }
      return move(session, state, numbers, to);
    }
  }

  /** Records managed numbers under group {@code to}; refuses when any is not managed. */
  public long moveNumbers(NumberSet numbers, String to, Duration lockTimeout) {
    try (StateSession session = project.open("state mv", lockTimeout)) {
      State state =
          session
              .state()
              .orElseThrow(() -> new UseCaseException("there is no state yet: nothing to move"));
      return move(session, state, numbers, to);
    }
  }

  /**
   * Each number keeps its fingerprint and last order: only the group the state records changes, as
   * Terraform's {@code state mv} does.
   */
  private long move(StateSession session, State state, NumberSet wanted, String target) {
    refuseUnmanaged(state, wanted, "moved");
    List<StateChange.Moved> moves = new ArrayList<>();
    Fingerprint[] targetFingerprint = new Fingerprint[1];
    for (Map.Entry<StateEntry, NumberSet> e : state.byEntry().entrySet()) {
      NumberSet mine = e.getValue().intersect(wanted);
      if (!mine.isEmpty()) {
        moves.add(
            new StateChange.Moved(
                mine, target, movedFingerprint(state, e.getKey(), target, targetFingerprint)));
      }
    }
    session.commit(new StateChange.NumbersMoved(moves));
    return wanted.size();
  }

  /** What {@link #migrate} moved: the state, and the locations it went from and to. */
  public record Migration(State state, String from, String into) {}

  /**
   * The {@code state migrate} use case: copies the state, under both locks, into {@code target}
   * with its lineage and serial ({@link StateChange.Migrated}), so that plans saved before the move
   * still apply after it. The target must be empty or hold an older version of the same lineage;
   * the source is left as it was.
   */
  public Migration migrate(StateStore target, Duration lockTimeout) {
    if (target.location().equals(project.store().location())) {
      throw new UseCaseException(
          "--to names the state's own location " + target.location() + "; nothing to migrate");
    }
    try (StateSession from = project.open("state migrate", lockTimeout);
        StateSession into = target.open("state migrate", lockTimeout)) {
      State state =
          from.state()
              .orElseThrow(
                  () ->
                      new UseCaseException(
                          "there is no state at " + from.location() + " yet: nothing to migrate"));
      into.commit(new StateChange.Migrated(state));
      return new Migration(state, from.location(), into.location());
    }
  }

  private static void refuseUnmanaged(State state, NumberSet wanted, String done) {
    NumberSet unmanaged = wanted.minus(state.numbers());
    if (!unmanaged.isEmpty()) {
      throw new UseCaseException(
          unmanaged.size()
              + " of the numbers are not managed (for example "
              + unmanaged.get(0)
              + "); nothing was "
              + done);
    }
  }

  /**
   * Fingerprints are salted per group: when the config gives the target group the very passcode the
   * numbers hold, they get the target group's fingerprint, so the next plan sees them unchanged.
   * Otherwise they keep theirs, and the next plan sets the target's passcode.
   */
  private Fingerprint movedFingerprint(
      State state, StateEntry was, String target, Fingerprint[] targetFingerprint) {
    boolean inConfig = project.config().groups().stream().anyMatch(g -> g.name().equals(target));
    if (!state.kdf().saltPerGroup() || !inConfig || was.group().equals(target)) {
      return was.fingerprint();
    }
    if (!project.saltedAs(state.kdf()).apply(target, was.group()).equals(was.fingerprint())) {
      return was.fingerprint();
    }
    if (targetFingerprint[0] == null) {
      targetFingerprint[0] = project.fingerprints(state).get(target);
    }
    return targetFingerprint[0];
  }

  private static NumberSet numbersOf(State state, String group) {
    NumberSet.Builder numbers = new NumberSet.Builder();
    for (int i = 0; i < state.size(); i++) {
      if (state.entryAt(i).group().equals(group)) {
        numbers.add(state.numberAt(i));
      }
    }
    return numbers.build();
  }
}
