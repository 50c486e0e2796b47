package io.portlock.engine;

import io.portlock.bandwidth.BandwidthApi;
import io.portlock.bandwidth.PasscodeReadback;
import io.portlock.config.Config;
import io.portlock.config.GroupConfig;
import io.portlock.domain.NumberSet;
import io.portlock.domain.Passcode;
import io.portlock.domain.Plural;
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
final class Drift {
  private Drift() {}

  static PasscodeReadback readBack(BandwidthApi api, State state) {
    return readBack(api, state.numbers());
  }

  static PasscodeReadback readBack(BandwidthApi api, NumberSet numbers) {
    return numbers.isEmpty()
        ? new PasscodeReadback(java.util.Map.of(), NumberSet.empty(), NumberSet.empty())
        : api.readPasscodes(numbers);
  }

  /**
   * Reads back what the plan is about to set as well as what the state manages: a number that
   * already holds its passcode is then recorded without an order, and one that left the account is
   * not planned as an addition again.
   */
  static PasscodeReadback readBackForPlan(BandwidthApi api, Config config, State state) {
    NumberSet.Builder all = new NumberSet.Builder().addAll(state.numbers());
    for (GroupConfig group : config.groups()) {
      all.addAll(group.numbers());
    }
    return readBack(api, all.build());
  }

  /** How Bandwidth's passcodes compare with the desired ones, for the planner. */
  static Observations observe(Config config, State state, PasscodeReadback readback) {
    NumberSet.Builder matches = new NumberSet.Builder();
    NumberSet.Builder differs = new NumberSet.Builder();
    for (GroupConfig group : config.groups()) {
      Passcode desired = group.passcode();
      NumberSet numbers = group.numbers();
      for (int i = 0; i < numbers.size(); i++) {
        long n = numbers.get(i);
        Passcode actual = readback.passcodes().get(n);
        if (actual != null) {
          (actual.equals(desired) ? matches : differs).add(n);
        }
      }
    }
    return new Observations(
        matches.build(), differs.build(), readback.withoutPasscode(), readback.notOnAccount());
  }

  /** Config lines named per notice about numbers that left the account. */
  static final int MAX_PLACES = 10;

  /** The notices a reviewer must see about drift and numbers that left the account. */
  /**
   * @param workDir places below it are written relative to it, as the user would; or null
   */
  static List<Notice> notices(Plan plan, Config config, State state, java.nio.file.Path workDir) {
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
      notices.add(
          new Notice(
              Notice.Kind.DRIFT,
              Plural.of(changed + removed, "number")
                  + " "
                  + Plural.agree(changed + removed, "was", "were")
                  + " changed outside portlock ("
                  + changed
                  + " "
                  + Plural.agree(changed, "holds", "hold")
                  + " another passcode at"
                  + " Bandwidth, "
                  + removed
                  + " "
                  + Plural.agree(removed, "has", "have")
                  + " none);"
                  + " this plan sets "
                  + Plural.agree(changed + removed, "it", "them")
                  + " again"));
    }
    long setOutside = 0;
    for (var change : plan.changes()) {
      if (change instanceof io.portlock.plan.Change.Modify m
          && m.reason() == io.portlock.plan.Change.Reason.SET_OUTSIDE) {
        setOutside += m.numbers().size();
      }
    }
    if (setOutside > 0) {
      notices.add(
          new Notice(
              Notice.Kind.DRIFT,
              Plural.of(setOutside, "number")
                  + " not yet"
                  + " managed by portlock "
                  + Plural.agree(setOutside, "holds", "hold")
                  + " another passcode at Bandwidth (set outside portlock); this plan"
                  + " replaces it with the configured one"));
    }
    NumberSet managedLeft = plan.leftAccount().intersect(state.numbers());
    if (!managedLeft.isEmpty()) {
      notices.add(
          new Notice(
              Notice.Kind.LEFT_ACCOUNT,
              managedLeft.size()
                  + " managed "
                  + Plural.agree(managedLeft.size(), "number is", "numbers are")
                  + " no longer on the"
                  + " account (ported out or released); apply drops "
                  + Plural.agree(managedLeft.size(), "it", "them")
                  + " from the state and sends no order"
                  + " for "
                  + Plural.agree(managedLeft.size(), "it", "them")));
    }
    NumberSet configuredLeft = plan.leftAccount().intersect(configured(config));
    if (!configuredLeft.isEmpty()) {
      notices.add(
          new Notice(
              Notice.Kind.LEFT_ACCOUNT,
              Plural.of(configuredLeft.size(), "number")
                  + " of the config "
                  + Plural.agree(configuredLeft.size(), "is", "are")
                  + " no longer on"
                  + " the account (ported out or released); portlock sends no order for "
                  + Plural.agree(configuredLeft.size(), "it", "them")
                  + "; delete "
                  + Plural.agree(configuredLeft.size(), "it", "them")
                  + " from the config: "
                  + places(config, configuredLeft, workDir)));
    }
    return notices;
  }

  private static NumberSet configured(Config config) {
    NumberSet.Builder all = new NumberSet.Builder();
    for (GroupConfig group : config.groups()) {
      all.addAll(group.numbers());
    }
    return all.build();
  }

  /** {@code portlock.yaml:12:9 (2018551029), …}: where the first numbers were written. */
  static String places(Config config, NumberSet numbers, java.nio.file.Path workDir) {
    String prefix = workDir == null ? null : workDir.toString() + java.io.File.separator;
    List<String> shown = new ArrayList<>();
    for (GroupConfig group : config.groups()) {
      NumberSet mine = group.numbers().intersect(numbers);
      if (mine.isEmpty() || shown.size() >= MAX_PLACES) {
        continue;
      }
      long[] wanted = mine.slice(0, Math.min(mine.size(), MAX_PLACES - shown.size())).toArray();
      List<String> where = group.places().of(wanted);
      for (int i = 0; i < wanted.length; i++) {
        String place = where.get(i);
        if (place != null && prefix != null && place.startsWith(prefix)) {
          place = place.substring(prefix.length());
        }
        shown.add(
            (place == null ? "group '" + group.name() + "'" : place) + " (" + wanted[i] + ")");
      }
    }
    String text = String.join(", ", shown);
    return numbers.size() > shown.size()
        ? text + " and " + (numbers.size() - shown.size()) + " more"
        : text;
  }
}
