package io.portlock.plan;

import io.portlock.domain.Fingerprint;
import io.portlock.domain.NumberSet;
import io.portlock.state.State;
import io.portlock.state.StateEntry;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Computes a {@link Plan}: a pure function of what the config asks for (its passcodes left out, see
 * {@link Desired}), the desired fingerprints, the state and what a refresh observed. Desired and
 * recorded numbers are both sorted, so the diff is one merge-join over primitive arrays (a million
 * numbers in well under a second).
 */
public final class Planner {
  private static final int GROUP_BITS = 20;
  private static final long GROUP_MASK = (1L << GROUP_BITS) - 1;

  private Planner() {}

  /**
   * Plans the changes that make Bandwidth hold {@code config}.
   *
   * @param fingerprints the fingerprint of each group's passcode under the state's KDF parameters
   * @param state the recorded state (an empty one when there is no state yet)
   * @param stateExists false when {@code state} was created in memory for this plan
   */
  public static Plan plan(
      Desired config,
      Map<String, Fingerprint> fingerprints,
      State state,
      boolean stateExists,
      Observations observed,
      boolean refreshed,
      PlanContext context) {
    return plan(
        config,
        fingerprints,
        (group, saltedAs) -> fingerprints.get(group),
        state,
        stateExists,
        observed,
        refreshed,
        context);
  }

  /**
   * Like {@link #plan(Desired, Map, State, boolean, Observations, boolean, PlanContext)} for
   * fingerprints salted per group: a number recorded under another group is compared with its new
   * group's passcode under the salt of the group it was recorded with.
   *
   * @param saltedAs the fingerprint of a config group's passcode under another group's salt ({@code
   *     (group, recordedGroup) -> fingerprint}); a deterministic function
   */
  public static Plan plan(
      Desired config,
      Map<String, Fingerprint> fingerprints,
      BiFunction<String, String, Fingerprint> saltedAs,
      State state,
      boolean stateExists,
      Observations observed,
      boolean refreshed,
      PlanContext context) {
    List<Desired.Group> groups = config.groups();
    String[] names = new String[groups.size()];
    Fingerprint[] desired = new Fingerprint[groups.size()];
    for (int g = 0; g < groups.size(); g++) {
      names[g] = groups.get(g).name();
      desired[g] = fingerprints.get(names[g]);
      if (desired[g] == null) {
        throw new IllegalArgumentException("no fingerprint for group " + names[g]);
      }
    }
    long[] packed = packDesired(groups);

    Diff diff = new Diff(names.length);
    // Per state entry: the config group it was recorded under (-1: none, -2: not looked up yet),
    // and whether its fingerprint is that group's desired one (0: not compared yet, 1: yes, 2: no).
    // Millions of numbers share a few hundred entries, so each is looked up and compared once.
    int[] entryGroup = new int[state.entryCount()];
    Arrays.fill(entryGroup, -2);
    byte[] keepsPasscode = new byte[state.entryCount()];
    Map<SaltedAs, Fingerprint> crossFingerprints = new HashMap<>();
    int s = 0;
    int d = 0;
    while (d < packed.length || s < state.size()) {
      long want = d < packed.length ? packed[d] >>> GROUP_BITS : Long.MAX_VALUE;
      long have = s < state.size() ? state.numberAt(s) : Long.MAX_VALUE;
      if (want < have) {
        int g = (int) (packed[d++] & GROUP_MASK);
        if (observed.leftAccount().contains(want)) {
          diff.leftAccount.add(want);
        } else if (observed.matches().contains(want)) {
          diff.adopt(g, null, want);
        } else if (observed.differs().contains(want)) {
          diff.modify(g, null, Change.Reason.SET_OUTSIDE, want);
        } else {
          diff.add(g, want);
        }
      } else if (have < want) {
        StateEntry entry = state.entryAt(s++);
        if (observed.leftAccount().contains(have)) {
          diff.leftAccount.add(have);
        } else {
          diff.remove(entry.group(), have);
        }
      } else {
        int g = (int) (packed[d++] & GROUP_MASK);
        int e = state.entryIndexAt(s);
        StateEntry entry = state.entryAt(s++);
        if (entryGroup[e] == -2) {
          entryGroup[e] = indexOf(names, entry.group());
        }
        int recordedGroup = entryGroup[e];
        if (observed.leftAccount().contains(want)) {
          diff.leftAccount.add(want);
          continue;
        }
        boolean keeps;
        if (recordedGroup == g) {
          if (keepsPasscode[e] == 0) {
            keepsPasscode[e] = entry.fingerprint().equals(desired[g]) ? (byte) 1 : (byte) 2;
          }
          keeps = keepsPasscode[e] == 1;
        } else {
          keeps =
              entry
                  .fingerprint()
                  .equals(
                      crossFingerprints.computeIfAbsent(
                          new SaltedAs(g, entry.group()),
                          k -> saltedAs.apply(names[k.group()], k.recordedGroup())));
        }
        if (!keeps) {
          if (observed.matches().contains(want)) {
            diff.adopt(g, entry.group(), want); // Bandwidth already holds the new passcode
          } else {
            diff.modify(
                g,
                entry.group(),
                recordedGroup != g ? Change.Reason.MOVED : Change.Reason.PASSCODE_CHANGED,
                want);
          }
        } else if (observed.missing().contains(want)) {
          diff.modify(g, entry.group(), Change.Reason.DRIFT_REMOVED, want);
        } else if (observed.differs().contains(want)) {
          diff.modify(g, entry.group(), Change.Reason.DRIFT_CHANGED, want);
        } else if (recordedGroup != g) {
          diff.move(g, entry.group(), want); // same passcode in another group: state only
        } else {
          diff.unchanged[g]++;
        }
      }
    }

    List<Change> changes = diff.changes(names);
    List<PlannedOrder> orders =
        pack(changes, names, desired, config.maxNumbers(), context.planId());
    Map<String, Fingerprint> groupFingerprints = new LinkedHashMap<>();
    Map<String, Long> unchanged = new LinkedHashMap<>();
    for (int g = 0; g < names.length; g++) {
      groupFingerprints.put(names[g], desired[g]);
      unchanged.put(names[g], diff.unchanged[g]);
    }
    return new Plan(
        context.planId(),
        context.now(),
        context.gitCommit(),
        config.account(),
        context.configFile(),
        config.configDigest(),
        stateExists ? state.lineage() : null,
        stateExists ? state.serial() : 0,
        state.kdf(),
        config.maxNumbers(),
        refreshed,
        groupFingerprints,
        unchanged,
        changes,
        diff.leftAccount.build(),
        orders,
        List.of(),
        observed);
  }

  /** A config group's passcode as fingerprinted under the salt of the group a number was in. */
  private record SaltedAs(int group, String recordedGroup) {}

  /** Every desired number with its group index in the low bits, sorted by number. */
  private static long[] packDesired(List<Desired.Group> groups) {
    if (groups.size() > GROUP_MASK) {
      throw new IllegalArgumentException("at most " + GROUP_MASK + " groups are supported");
    }
    int total = 0;
    for (Desired.Group group : groups) {
      total += group.numbers().size();
    }
    long[] packed = new long[total];
    int k = 0;
    for (int g = 0; g < groups.size(); g++) {
      NumberSet numbers = groups.get(g).numbers();
      for (int i = 0; i < numbers.size(); i++) {
        packed[k++] = numbers.get(i) << GROUP_BITS | g;
      }
    }
    Arrays.sort(packed);
    return packed;
  }

  private static int indexOf(String[] names, String name) {
    for (int i = 0; i < names.length; i++) {
      if (names[i].equals(name)) {
        return i;
      }
    }
    return -1;
  }

  /**
   * Packs the changes into the fewest orders {@code maxNumbers} allows: one segment per config
   * group to set (groups sharing a passcode side by side, so they share a TnOptionGroup when an
   * order holds both), then the removals, cut every {@code maxNumbers} numbers.
   */
  static List<PlannedOrder> pack(
      List<Change> changes, String[] names, Fingerprint[] desired, int maxNumbers, String planId) {
    Map<String, NumberSet.Builder> toSet = new LinkedHashMap<>();
    NumberSet.Builder toClear = new NumberSet.Builder();
    for (Change change : changes) {
      if (!change.sendsOrder()) {
        continue;
      }
      if (change instanceof Change.Remove remove) {
        toClear.addAll(remove.numbers());
      } else {
        toSet
            .computeIfAbsent(change.group(), g -> new NumberSet.Builder())
            .addAll(change.numbers());
      }
    }
    List<PlannedGroup> segments = new ArrayList<>();
    Map<Fingerprint, List<String>> byPasscode = new LinkedHashMap<>();
    for (int g = 0; g < names.length; g++) {
      if (toSet.containsKey(names[g])) {
        byPasscode.computeIfAbsent(desired[g], f -> new ArrayList<>()).add(names[g]);
      }
    }
    for (Map.Entry<Fingerprint, List<String>> e : byPasscode.entrySet()) {
      for (String group : e.getValue()) {
        segments.add(new PlannedGroup(group, e.getKey(), toSet.get(group).build()));
      }
    }
    if (toClear.size() > 0) {
      segments.add(PlannedGroup.clear(toClear.build()));
    }

    List<PlannedOrder> orders = new ArrayList<>();
    for (List<PlannedGroup> groups : OrderSplitter.split(segments, maxNumbers)) {
      orders.add(order(orders.size() + 1, planId, groups));
    }
    return orders;
  }

  private static PlannedOrder order(int index, String planId, List<PlannedGroup> groups) {
    return new PlannedOrder(index, PlannedOrder.customerOrderId(planId, index), groups);
  }

  /**
   * Numbers set again share a Modify when they go to the same group, from the same, for one reason.
   */
  private record ModifyKey(int group, String fromGroup, Change.Reason reason) {}

  /** Numbers that only the state records anew share a Move or an Adopt per group and origin. */
  private record StateOnlyKey(int group, String fromGroup, boolean move) {}

  /** Collects the diff's numbers by kind while the merge-join walks. */
  private static final class Diff {
    final NumberSet.Builder[] adds;
    final Map<ModifyKey, NumberSet.Builder> modifies = new LinkedHashMap<>();
    final Map<StateOnlyKey, NumberSet.Builder> stateOnly = new LinkedHashMap<>();
    final Map<String, NumberSet.Builder> removes = new LinkedHashMap<>();
    final NumberSet.Builder leftAccount = new NumberSet.Builder();
    final long[] unchanged;

    Diff(int groups) {
      adds = new NumberSet.Builder[groups];
      unchanged = new long[groups];
    }

    void add(int group, long number) {
      if (adds[group] == null) {
        adds[group] = new NumberSet.Builder();
      }
      adds[group].add(number);
    }

    void modify(int group, String fromGroup, Change.Reason reason, long number) {
      modifies
          .computeIfAbsent(new ModifyKey(group, fromGroup, reason), k -> new NumberSet.Builder())
          .add(number);
    }

    void move(int group, String fromGroup, long number) {
      stateOnly
          .computeIfAbsent(new StateOnlyKey(group, fromGroup, true), k -> new NumberSet.Builder())
          .add(number);
    }

    void adopt(int group, String fromGroup, long number) {
      stateOnly
          .computeIfAbsent(new StateOnlyKey(group, fromGroup, false), k -> new NumberSet.Builder())
          .add(number);
    }

    void remove(String fromGroup, long number) {
      removes.computeIfAbsent(fromGroup, k -> new NumberSet.Builder()).add(number);
    }

    List<Change> changes(String[] names) {
      List<Change> out = new ArrayList<>();
      for (int g = 0; g < names.length; g++) {
        if (adds[g] != null) {
          out.add(new Change.Add(names[g], adds[g].build()));
        }
        for (Map.Entry<ModifyKey, NumberSet.Builder> e : modifies.entrySet()) {
          ModifyKey key = e.getKey();
          if (key.group() == g) {
            out.add(
                new Change.Modify(names[g], key.fromGroup(), key.reason(), e.getValue().build()));
          }
        }
        for (Map.Entry<StateOnlyKey, NumberSet.Builder> e : stateOnly.entrySet()) {
          StateOnlyKey key = e.getKey();
          if (key.group() == g) {
            NumberSet numbers = e.getValue().build();
            out.add(
                key.move()
                    ? new Change.Move(names[g], key.fromGroup(), numbers)
                    : new Change.Adopt(names[g], key.fromGroup(), numbers));
          }
        }
      }
      for (Map.Entry<String, NumberSet.Builder> e : removes.entrySet()) {
        out.add(new Change.Remove(e.getKey(), e.getValue().build()));
      }
      return out;
    }
  }
}
