package io.portlock.cli;

import io.portlock.config.SafetySettings;
import io.portlock.plan.Notice;
import io.portlock.plan.Plan;
import io.portlock.plan.Summary;
import java.util.ArrayList;
import java.util.List;

/**
 * The safety guards of {@code safety:}, as octoDNS has them: a plan that changes or removes more
 * than a share of the managed numbers, or more numbers in all than an absolute limit, needs
 * {@code --force}. Additions do not count towards the share: protecting new numbers is the
 * common case, and taking protection away or replacing it is what a mistake looks like.
 */
final class Guards {
  private Guards() {}

  static List<Notice> check(Plan plan, SafetySettings safety, long managed) {
    List<Notice> trips = new ArrayList<>();
    Summary s = plan.summary();
    long touched = s.change() + s.remove();
    if (managed > SafetySettings.MIN_MANAGED_FOR_PERCENT && touched * 100 > managed * safety.maxChangePercent()) {
      trips.add(new Notice(Notice.Kind.GUARD, "apply will refuse this plan: it changes or"
          + " removes " + touched + " of " + managed + " managed numbers ("
          + (touched * 100 / managed) + "%), over safety.max_change_percent "
          + safety.maxChangePercent() + "%; after review, apply with --force"));
    }
    long all = s.changed();
    if (safety.maxChanges() != null && all > safety.maxChanges()) {
      trips.add(new Notice(Notice.Kind.GUARD, "apply will refuse this plan: it touches " + all
          + " numbers, over safety.max_changes " + safety.maxChanges()
          + "; after review, apply with --force"));
    }
    return trips;
  }
}
