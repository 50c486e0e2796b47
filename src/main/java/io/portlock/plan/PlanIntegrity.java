package io.portlock.plan;

import io.portlock.domain.Fingerprint;
import io.portlock.domain.NumberRange;
import io.portlock.domain.NumberSet;
import io.portlock.domain.Plural;
import io.portlock.domain.Target;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checks that a saved plan is what planning makes, so that what a reviewer read is all that apply
 * can do. Two levels: {@link #fileDifference} needs only the file (its orders are the packing of
 * its own changes and must match the outlines it records, its summary their count); {@link
 * #difference} compares the file with the plan made again from its config, state and recorded
 * read-back.
 */
public final class PlanIntegrity {
  private static final int RANGES_SHOWN = 3;

  private PlanIntegrity() {}

  /**
   * What is wrong with a plan file, judged against its own changes, or empty: its orders were
   * derived from its changes, so they are checked against the outlines the file records, and its
   * summary against what its changes count.
   *
   * @param recorded the orders as the file outlines them (no numbers)
   * @param writtenSummary the summary as the file states it
   */
  static Optional<String> fileDifference(
      Plan plan, List<OrderOutline> recorded, Summary writtenSummary) {
    for (Change change : plan.changes()) {
      if (change.group() != null && !plan.groupFingerprints().containsKey(change.group())) {
        return Optional.of(
            "a change sets numbers of group '"
                + change.group()
                + "', which the"
                + " plan's groups do not declare");
      }
    }
    NumberSet unseen = plan.leftAccount().minus(plan.observed().leftAccount());
    if (!unseen.isEmpty()) {
      return Optional.of(leftWithoutReadBack(unseen));
    }
    Optional<String> orders = compareOutlines(recorded, plan.orders(), plan.groupFingerprints());
    if (orders.isPresent()) {
      return orders;
    }
    if (!writtenSummary.equals(plan.summary())) {
      return Optional.of(
          "its summary says "
              + describe(writtenSummary)
              + " but its changes make "
              + describe(plan.summary()));
    }
    return Optional.empty();
  }

  /** The orders {@code plan}'s changes make, packed as planning packs them. */
  static List<PlannedOrder> derivedOrders(
      List<Change> changes, Map<String, Fingerprint> groups, int maxNumbers, String planId) {
    return Planner.pack(
        changes,
        groups.keySet().toArray(String[]::new),
        groups.values().toArray(Fingerprint[]::new),
        maxNumbers,
        planId);
  }

  /**
   * What differs between a saved plan and the plan made again from the same config, state and
   * recorded read-back, or empty.
   *
   * @param configured every number the config declares, to say why a removal is wrong
   */
  public static Optional<String> difference(Plan file, Plan expected, NumberSet configured) {
    if (!file.kdf().equals(expected.kdf())) {
      return Optional.of("its fingerprint parameters (kdf) are not the state's");
    }
    if (file.maxNumbers() != expected.maxNumbers()) {
      return Optional.of(
          "it packs orders of "
              + count(file.maxNumbers())
              + " but the config"
              + " says orders.max_numbers "
              + expected.maxNumbers());
    }
    if (!file.groupFingerprints().equals(expected.groupFingerprints())) {
      return Optional.of("its groups or their fingerprints are not the config's");
    }
    NumberSet forged = file.leftAccount().minus(expected.leftAccount());
    if (!forged.isEmpty()) {
      return Optional.of(leftWithoutReadBack(forged));
    }
    NumberSet extraRemoves = removals(file.changes()).minus(removals(expected.changes()));
    if (!extraRemoves.isEmpty()) {
      return Optional.of(
          "it removes "
              + count(extraRemoves)
              + " ("
              + ranges(extraRemoves)
              + ") that "
              + (configured.intersect(extraRemoves).equals(extraRemoves)
                  ? "the config still holds"
                  : "its config and state do not remove"));
    }
    Map<String, NumberSet> expectedSets = sets(expected.changes());
    for (Map.Entry<String, NumberSet> e : sets(file.changes()).entrySet()) {
      NumberSet extra =
          e.getValue().minus(expectedSets.getOrDefault(e.getKey(), NumberSet.empty()));
      if (!extra.isEmpty()) {
        return Optional.of(
            "it sets "
                + count(extra)
                + " ("
                + ranges(extra)
                + ") of group '"
                + e.getKey()
                + "' that its config, state and read-back do not change");
      }
    }
    if (!file.changes().equals(expected.changes())
        || !file.leftAccount().equals(expected.leftAccount())) {
      return Optional.of(
          "it leaves out or relabels changes that its config, state and read-back" + " make");
    }
    if (!file.unchangedByGroup().equals(expected.unchangedByGroup())) {
      return Optional.of("its counts of unchanged numbers are not what its config and state make");
    }
    if (!file.observed().equals(expected.observed()) || file.refreshed() != expected.refreshed()) {
      return Optional.of("its recorded read-back is not the one it was planned from");
    }
    return compareOrders(file.orders(), expected.orders(), expected.groupFingerprints());
  }

  private static String leftWithoutReadBack(NumberSet numbers) {
    return "it drops "
        + count(numbers)
        + " ("
        + ranges(numbers)
        + ") as having left the account,"
        + " but its read-back did not see "
        + (numbers.size() == 1 ? "it" : "them")
        + " leave";
  }

  /** The first way {@code actual} orders differ from {@code wanted}, in a reviewer's words. */
  private static Optional<String> compareOrders(
      List<PlannedOrder> actual, List<PlannedOrder> wanted, Map<String, Fingerprint> fingerprints) {
    for (int i = 0; i < actual.size(); i++) {
      PlannedOrder order = actual.get(i);
      String which = "order " + (i + 1);
      PlannedOrder want = i < wanted.size() ? wanted.get(i) : null;
      for (PlannedGroup group : order.groups()) {
        if (group.target() instanceof Target.Set set) {
          Optional<String> wrong = wrongFingerprint(which, set, fingerprints);
          if (wrong.isPresent()) {
            return wrong;
          }
        }
      }
      Map<String, NumberSet> have = bySegment(order);
      Map<String, NumberSet> should = want == null ? Map.of() : bySegment(want);
      for (Map.Entry<String, NumberSet> e : have.entrySet()) {
        NumberSet extra = e.getValue().minus(should.getOrDefault(e.getKey(), NumberSet.empty()));
        if (!extra.isEmpty()) {
          return Optional.of(
              notInTheChanges(which, e.getKey(), count(extra) + " (" + ranges(extra) + ")"));
        }
      }
      if (want == null) {
        return Optional.of(orderCountDiffers(actual.size(), wanted.size()));
      }
      if (!order.equals(want)) {
        return Optional.of(notTheOrder(which, want.customerOrderId(), want.numberCount()));
      }
    }
    if (actual.size() != wanted.size()) {
      return Optional.of(orderCountDiffers(actual.size(), wanted.size()));
    }
    return Optional.empty();
  }

  /** An order sets or clears (group null) {@code numbers} that no change of the plan does. */
  private static String notInTheChanges(String which, String group, String numbers) {
    return group == null
        ? which + " clears " + numbers + " that the plan's changes do not remove"
        : which
            + " sets "
            + numbers
            + " of group '"
            + group
            + "' that the plan's changes do not set";
  }

  private static String orderCountDiffers(int inFile, int made) {
    return "the file has " + Plural.of(inFile, "order") + " but its changes make " + made;
  }

  private static String notTheOrder(String which, String customerOrderId, long numbers) {
    return which
        + " is not the order the plan's changes make (expected "
        + customerOrderId
        + " with "
        + count(numbers)
        + ")";
  }

  /** The first way the recorded outlines differ from the derived orders, in a reviewer's words. */
  private static Optional<String> compareOutlines(
      List<OrderOutline> recorded,
      List<PlannedOrder> derived,
      Map<String, Fingerprint> fingerprints) {
    for (int i = 0; i < recorded.size(); i++) {
      OrderOutline order = recorded.get(i);
      String which = "order " + (i + 1);
      OrderOutline want = i < derived.size() ? OrderOutline.of(derived.get(i)) : null;
      for (OrderOutline.Segment segment : order.groups()) {
        if (segment.target() instanceof Target.Set set) {
          Optional<String> wrong = wrongFingerprint(which, set, fingerprints);
          if (wrong.isPresent()) {
            return wrong;
          }
        }
      }
      Map<String, Long> have = countsBySegment(order);
      Map<String, Long> should = want == null ? Map.of() : countsBySegment(want);
      for (Map.Entry<String, Long> e : have.entrySet()) {
        long extra = e.getValue() - should.getOrDefault(e.getKey(), 0L);
        if (extra > 0) {
          return Optional.of(notInTheChanges(which, e.getKey(), count(extra)));
        }
      }
      if (want == null) {
        return Optional.of(orderCountDiffers(recorded.size(), derived.size()));
      }
      if (!order.equals(want)) {
        return Optional.of(notTheOrder(which, want.customerOrderId(), want.count()));
      }
    }
    if (recorded.size() != derived.size()) {
      return Optional.of(orderCountDiffers(recorded.size(), derived.size()));
    }
    return Optional.empty();
  }

  /** A group an order sets must be declared, and with the group's own fingerprint. */
  private static Optional<String> wrongFingerprint(
      String which, Target.Set set, Map<String, Fingerprint> fingerprints) {
    Fingerprint declared = fingerprints.get(set.group());
    if (declared == null) {
      return Optional.of(
          which + " sets group '" + set.group() + "', which the plan's groups do not declare");
    }
    if (!declared.equals(set.fingerprint())) {
      return Optional.of(
          which
              + " sets group '"
              + set.group()
              + "' to a fingerprint that is not the group's ("
              + set.fingerprint().shortForm()
              + " instead of "
              + declared.shortForm()
              + ")");
    }
    return Optional.empty();
  }

  /** How many numbers an outlined order sets per group (null: cleared). */
  private static Map<String, Long> countsBySegment(OrderOutline order) {
    Map<String, Long> out = new LinkedHashMap<>();
    for (OrderOutline.Segment segment : order.groups()) {
      String key = segment.target() instanceof Target.Set set ? set.group() : null;
      out.merge(key, segment.count(), Long::sum);
    }
    return out;
  }

  /** Numbers of an order by the group they are set for (null: cleared). */
  private static Map<String, NumberSet> bySegment(PlannedOrder order) {
    Map<String, NumberSet> out = new LinkedHashMap<>();
    for (PlannedGroup group : order.groups()) {
      String key = group.target() instanceof Target.Set set ? set.group() : null;
      out.merge(key, group.numbers(), NumberSet::union);
    }
    return out;
  }

  private static NumberSet removals(List<Change> changes) {
    NumberSet all = NumberSet.empty();
    for (Change change : changes) {
      if (change instanceof Change.Remove) {
        all = all.union(change.numbers());
      }
    }
    return all;
  }

  private static Map<String, NumberSet> sets(List<Change> changes) {
    Map<String, NumberSet> out = new LinkedHashMap<>();
    for (Change change : changes) {
      if (change.group() != null) {
        out.merge(change.group(), change.numbers(), NumberSet::union);
      }
    }
    return out;
  }

  private static String describe(Summary s) {
    return s.add()
        + " to add, "
        + s.change()
        + " to change, "
        + s.remove()
        + " to remove, "
        + s.unchanged()
        + " unchanged, "
        + Plural.of(s.orders(), "order")
        + ", "
        + s.drift()
        + " drift";
  }

  private static String count(NumberSet numbers) {
    return count(numbers.size());
  }

  private static String count(long n) {
    return n + (n == 1 ? " number" : " numbers");
  }

  /** The first few ranges, as the text plan writes them. */
  static String ranges(NumberSet numbers) {
    List<String> shown = new ArrayList<>();
    List<NumberRange> first = numbers.ranges(RANGES_SHOWN + 1);
    for (int i = 0; i < Math.min(RANGES_SHOWN, first.size()); i++) {
      shown.add(first.get(i).toString());
    }
    return String.join(", ", shown) + (first.size() > RANGES_SHOWN ? ", \u2026" : "");
  }
}
