package io.portlock.cli;

import io.portlock.bandwidth.BandwidthApi;
import io.portlock.bandwidth.PasscodeReadback;
import io.portlock.config.Config;
import io.portlock.config.GroupConfig;
import io.portlock.domain.NumberSet;
import io.portlock.domain.Passcode;
import io.portlock.plan.Notice;
import io.portlock.plan.Observations;
import io.portlock.plan.Plan;
import io.portlock.state.State;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads back the passcodes of the managed numbers and compares them, in memory, with the desired
 * ones. The passcodes read back never leave this class: only sets of numbers do.
 */
final class Refresh {
  private Refresh() {}

  static PasscodeReadback readBack(BandwidthApi api, State state) {
    return state.size() == 0
        ? new PasscodeReadback(java.util.Map.of(), NumberSet.empty(), NumberSet.empty())
        : api.readPasscodes(state.numbers());
  }

  /** What differs from the desired passcodes, for the planner. */
  static Observations observe(Config config, State state, PasscodeReadback readback) {
    NumberSet.Builder differs = new NumberSet.Builder();
    for (GroupConfig group : config.groups()) {
      Passcode desired = group.passcode();
      NumberSet numbers = group.numbers();
      for (int i = 0; i < numbers.size(); i++) {
        long n = numbers.get(i);
        Passcode actual = readback.passcodes().get(n);
        if (actual != null && !actual.equals(desired) && state.entryOf(n) != null) {
          differs.add(n);
        }
      }
    }
    NumberSet managed = state.numbers();
    return new Observations(differs.build(), readback.withoutPasscode().intersect(managed),
        readback.notOnAccount().intersect(managed));
  }

  /** The notices a reviewer must see about drift and numbers that left the account. */
  static List<Notice> notices(Plan plan) {
    List<Notice> notices = new ArrayList<>();
    long changed = 0;
    long removed = 0;
    for (var change : plan.changes()) {
      if (change instanceof io.portlock.plan.Change.Modify m) {
        if (m.reason() == io.portlock.plan.Change.Reason.DRIFT_CHANGED) {
          changed += m.numbers().size();
        } else if (m.reason() == io.portlock.plan.Change.Reason.DRIFT_REMOVED) {
          removed += m.numbers().size();
        }
      }
    }
    if (changed + removed > 0) {
      notices.add(new Notice(Notice.Kind.DRIFT, (changed + removed) + " numbers were changed"
          + " outside portlock (" + changed + " hold another passcode at Bandwidth, " + removed
          + " have none); this plan sets them again"));
    }
    if (!plan.leftAccount().isEmpty()) {
      notices.add(new Notice(Notice.Kind.LEFT_ACCOUNT, plan.leftAccount().size() + " managed"
          + " numbers are no longer on the account (ported out or released); apply drops them"
          + " from the state and sends no order for them"));
    }
    return notices;
  }

}
