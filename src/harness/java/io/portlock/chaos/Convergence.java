package io.portlock.chaos;

import io.portlock.bench.BenchmarkData;
import io.portlock.domain.Fingerprint;
import io.portlock.domain.Fingerprinter;
import io.portlock.domain.Passcode;
import io.portlock.domain.Plural;
import io.portlock.state.State;
import io.portlock.state.StateEntry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Whether the final state matches the sandbox exactly: every configured number is in the state with
 * its group and the fingerprint of the group's passcode, and the passcode the sandbox holds for it
 * has that same fingerprint under the state's KDF parameters. Nothing else is managed and the
 * journal is empty.
 *
 * @param checked configured numbers looked at
 * @param mismatches numbers (or state-wide problems) that do not match
 * @param examples the first few mismatches, described
 */
record Convergence(int checked, long mismatches, List<String> examples) {
  private static final int EXAMPLES = 5;

  boolean matches() {
    return mismatches == 0;
  }

  /**
   * @param passcodes each group's passcode now (after any rotation), by group name
   * @param sandbox the sandbox's passcode of every number
   */
  static Convergence check(
      State state,
      List<BenchmarkData.Group> groups,
      Map<String, Passcode> passcodes,
      Map<Long, String> sandbox) {
    List<String> examples = new ArrayList<>();
    if (state == null) {
      return new Convergence(0, 1, List.of("there is no state file"));
    }
    Fingerprinter fingerprinter = new Fingerprinter(state.kdf());
    // A few distinct (group, passcode) pairs, each derived once.
    Map<List<String>, Fingerprint> byPasscode = new HashMap<>();
    long mismatches = 0;
    int checked = 0;
    for (BenchmarkData.Group group : groups) {
      Fingerprint wanted =
          byPasscode.computeIfAbsent(
              List.of(group.name(), passcodes.get(group.name()).reveal()),
              p -> fingerprinter.fingerprint(group.name(), Passcode.of(p.get(1))));
      for (int i = 0; i < group.numbers().size(); i++) {
        long number = group.numbers().get(i);
        checked++;
        String problem =
            problem(
                state.entryOf(number),
                group.name(),
                wanted,
                sandbox.get(number),
                p ->
                    byPasscode.computeIfAbsent(
                        List.of(group.name(), p),
                        q -> fingerprinter.fingerprint(group.name(), Passcode.of(p))));
        if (problem != null) {
          mismatches++;
          if (examples.size() < EXAMPLES) {
            examples.add(number + ": " + problem);
          }
        }
      }
    }
    if (state.size() != checked) {
      mismatches++;
      examples.add(
          "the state manages "
              + Plural.of(state.size(), "number")
              + " but the config"
              + " has "
              + checked);
    }
    if (!state.journal().isEmpty()) {
      mismatches++;
      examples.add("the journal still holds " + Plural.of(state.journal().size(), "order"));
    }
    return new Convergence(checked, mismatches, List.copyOf(examples));
  }

  private static String problem(
      StateEntry entry,
      String group,
      Fingerprint wanted,
      String atSandbox,
      java.util.function.Function<String, Fingerprint> fingerprint) {
    if (entry == null) {
      return "not in the state";
    }
    if (!entry.group().equals(group)) {
      return "in the state under group " + entry.group() + ", expected " + group;
    }
    if (!entry.fingerprint().equals(wanted)) {
      return "the state's fingerprint "
          + entry.fingerprint().shortForm()
          + " is not that of"
          + " group "
          + group
          + "'s passcode ("
          + wanted.shortForm()
          + ")";
    }
    if (atSandbox == null) {
      return "the sandbox holds no passcode for it";
    }
    Fingerprint held = fingerprint.apply(atSandbox);
    if (!held.equals(entry.fingerprint())) {
      return "the sandbox's passcode has fingerprint "
          + held.shortForm()
          + ", the state "
          + entry.fingerprint().shortForm();
    }
    return null;
  }
}
