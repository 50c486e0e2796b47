package io.portlock.engine;

import io.portlock.config.Config;
import io.portlock.config.SafetySettings;
import io.portlock.domain.Fingerprint;
import io.portlock.domain.Plural;
import io.portlock.plan.Notice;
import io.portlock.plan.Plan;
import io.portlock.plan.PlannedGroup;
import io.portlock.plan.PlannedOrder;
import io.portlock.state.State;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The safety guards of {@code safety:}, as octoDNS has them: a plan that changes or removes more
 * than a share of the managed numbers, or more numbers in all than an absolute limit, needs {@code
 * --force}. Additions do not count towards the share: protecting new numbers is the common case,
 * and taking protection away or replacing it is what a mistake looks like.
 *
 * <p>Counted from the orders that would be sent, never from a summary: what is checked is what
 * Bandwidth would receive. Setting a number again to the passcode the state records for it
 * (repairing drift) does not count towards the share; moves and records send no order at all.
 */
final class Guards {
  private Guards() {}

  static List<Notice> check(List<PlannedOrder> orders, SafetySettings safety, State state) {
    List<Notice> trips = new ArrayList<>();
    long managed = state.size();
    long touched = 0;
    long all = 0;
    for (PlannedOrder order : orders) {
      for (PlannedGroup group : order.groups()) {
        all += group.numbers().size();
        touched += group.isRemoval() ? group.numbers().size() : replaced(group, state);
      }
    }
    if (managed > SafetySettings.MIN_MANAGED_FOR_PERCENT
        && touched * 100 > managed * safety.maxChangePercent()) {
      trips.add(
          new Notice(
              Notice.Kind.GUARD,
              "apply will refuse this plan: it changes or"
                  + " removes "
                  + touched
                  + " of "
                  + managed
                  + " managed numbers ("
                  + (touched * 100 / managed)
                  + "%), over safety.max_change_percent "
                  + safety.maxChangePercent()
                  + "%; after review, apply with --force"));
    }
    if (safety.maxChanges() != null && all > safety.maxChanges()) {
      trips.add(
          new Notice(
              Notice.Kind.GUARD,
              "apply will refuse this plan: it touches "
                  + Plural.of(all, "number")
                  + ", over safety.max_changes "
                  + safety.maxChanges()
                  + "; after review, apply with --force"));
    }
    return trips;
  }

  /**
   * Managed numbers whose protection the group replaces: a set that puts back the very fingerprint
   * the state records (repairing a passcode changed or wiped outside portlock) does not count,
   * since a guard is there to stop a mistaken change, not the repair of an attack.
   */
  private static long replaced(PlannedGroup group, State state) {
    Optional<Fingerprint> put = group.target().passcodeKey();
    return state.countManaged(
        group.numbers(), entry -> !put.equals(Optional.of(entry.fingerprint())));
  }

  /**
   * Refuses orders that clear passcodes without {@code allowRemovals}, and orders that trip a guard
   * without {@code force}. Counted from the orders to send, so that no summary can hide a removal.
   */
  static void enforce(Plan plan, Config config, State state, boolean allowRemovals, boolean force) {
    List<PlannedOrder> orders = plan.orders();
    long removals = clears(orders);
    if (removals > 0 && !allowRemovals) {
      throw new RefusedException(
          "the plan clears the passcode of "
              + Plural.of(removals, "number")
              + " no longer in the config, which strips their"
              + " port-out protection. If a line was deleted by mistake, restore it; if the removal is intended, run again with"
              + " --allow-removals");
    }
    List<Notice> trips = new ArrayList<>(check(orders, config.safety(), state));
    trips.addAll(InventoryGroups.guard(plan, config, state));
    if (!trips.isEmpty() && !force) {
      throw new RefusedException(
          trips.stream().map(Notice::message).collect(java.util.stream.Collectors.joining("; ")));
    }
  }

  /** How many numbers the orders clear. */
  static long clears(List<PlannedOrder> orders) {
    long clears = 0;
    for (PlannedOrder order : orders) {
      for (PlannedGroup group : order.groups()) {
        clears += group.isRemoval() ? group.numbers().size() : 0;
      }
    }
    return clears;
  }
}
