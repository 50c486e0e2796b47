package io.portlock.engine;

import io.portlock.bandwidth.BandwidthApi;
import io.portlock.bandwidth.InventoryRead;
import io.portlock.config.Config;
import io.portlock.config.GroupConfig;
import io.portlock.config.SafetySettings;
import io.portlock.domain.NumberSet;
import io.portlock.domain.Plural;
import io.portlock.plan.Change;
import io.portlock.plan.Notice;
import io.portlock.plan.Plan;
import io.portlock.state.State;
import io.portlock.state.StateEntry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Resolves the {@code inventory: true} group from the account's numbers, finds the eligible numbers
 * no group covers ({@code safety.unmanaged}) and the numbers groups list that cannot hold a
 * passcode ({@code safety.ineligible}), before planning. The planner then sees an ordinary config:
 * a number bought since the last apply is an addition, a number holding another passcode is a
 * change that the safety guards count, and an off-net number is not there to be ordered.
 */
public final class InventoryGroups {
  /** Ranges named in a notice before "and N more". */
  static final int RANGES_SHOWN = 5;

  private InventoryGroups() {}

  /**
   * @param config the config with its inventory group's numbers filled in
   * @param unmanaged eligible numbers of the account that no group covers
   * @param notices what the plan must say about it
   * @param refusal why the plan is refused ({@code safety.unmanaged: fail}), if it is
   */
  public record Resolution(
      Config config, NumberSet unmanaged, List<Notice> notices, Optional<String> refusal) {
    public Resolution {
      notices = List.copyOf(notices);
    }
  }

  /**
   * Lists the account (only when there is an inventory group or {@code safety.unmanaged} is not
   * {@code ignore}): the inventory group takes every eligible number no other group lists, and the
   * numbers groups list that the account says cannot hold a passcode are taken out of the config.
   *
   * @param state numbers it records keep their group whatever the account says: they hold the
   *     passcode portlock set, and planning them away would clear it
   * @param workDir config places below it are written relative to it; or null
   */
  public static Resolution online(Config config, State state, BandwidthApi api, Path workDir) {
    Optional<GroupConfig> inventory = config.inventoryGroup();
    SafetySettings.Unmanaged policy = config.safety().unmanaged();
    if (inventory.isEmpty() && policy == SafetySettings.Unmanaged.IGNORE) {
      return new Resolution(config, NumberSet.empty(), List.of(), Optional.empty());
    }
    Coverage.Sorter sorter = new Coverage.Sorter();
    InventoryRead read = api.readInventory(sorter::accept);
    NumberSet configured = Coverage.configured(config);
    NumberSet rest = sorter.eligible.build().minus(configured);
    List<Notice> notices = new ArrayList<>();
    Ineligible ineligible = ineligible(config, state, sorter, configured, workDir);
    if (ineligible.message().isPresent()) {
      if (config.safety().ineligible() == SafetySettings.Ineligible.FAIL) {
        return new Resolution(
            config,
            NumberSet.empty(),
            notices,
            Optional.of(
                "the plan is refused: "
                    + ineligible.message().get()
                    + " (safety.ineligible: fail); set safety.ineligible: warn to plan without "
                    + Plural.agree(ineligible.numbers().size(), "it", "them")));
      }
      notices.add(
          new Notice(
              Notice.Kind.INELIGIBLE, ineligible.message().get() + " (safety.ineligible: warn)"));
      config = ineligible.config();
    }
    if (inventory.isPresent()) {
      GroupConfig group = inventory.get();
      notices.add(
          new Notice(
              Notice.Kind.INFO,
              "group '"
                  + group.name()
                  + "' (inventory: true)"
                  + " takes the "
                  + Plural.of(rest.size(), "eligible number")
                  + " of the account that no"
                  + " other group lists (read with "
                  + source(read, config)
                  + ")"
                  + (read.source() == InventoryRead.Source.IN_SERVICE_NUMBERS
                      ? "; tiers are unknown without the Numbers role, so an off-net number among them"
                          + " will fail with 5196"
                      : "")));
      return new Resolution(
          config.withGroup(group.withNumbers(rest)), NumberSet.empty(), notices, Optional.empty());
    }
    if (rest.isEmpty()) {
      return new Resolution(config, rest, notices, Optional.empty());
    }
    String message =
        Plural.of(rest.size(), "eligible number")
            + " of the account "
            + Plural.agree(rest.size(), "is", "are")
            + " in no group, so nothing protects "
            + Plural.agree(rest.size(), "it", "them")
            + ": "
            + shown(rest)
            + "; add "
            + Plural.agree(rest.size(), "it", "them")
            + " to a group, or add a group with"
            + " inventory: true (safety.unmanaged: "
            + policy.name().toLowerCase(java.util.Locale.ROOT)
            + ")";
    if (policy == SafetySettings.Unmanaged.FAIL) {
      return new Resolution(
          config,
          rest,
          notices,
          Optional.of(
              "the plan is refused: " + message + "; set safety.unmanaged: warn to plan anyway"));
    }
    // The text renderer writes "Warning: " before every notice.
    notices.add(new Notice(Notice.Kind.INFO, message));
    return new Resolution(config, rest, notices, Optional.empty());
  }

  /** Without the account's numbers: the inventory group keeps what the state records for it. */
  public static Resolution offline(Config config, State state, String why) {
    Optional<GroupConfig> inventory = config.inventoryGroup();
    if (inventory.isEmpty()) {
      return new Resolution(config, NumberSet.empty(), List.of(), Optional.empty());
    }
    GroupConfig group = inventory.get();
    NumberSet recorded = NumberSet.empty();
    for (Map.Entry<StateEntry, NumberSet> e : state.byEntry().entrySet()) {
      if (e.getKey().group().equals(group.name())) {
        recorded = recorded.union(e.getValue());
      }
    }
    recorded = recorded.minus(Coverage.configured(config));
    Notice notice =
        new Notice(
            Notice.Kind.INFO,
            "group '"
                + group.name()
                + "' (inventory: true)"
                + " was not read from the account ("
                + why
                + "): it keeps the "
                + Plural.of(recorded.size(), "number")
                + " the state records for it; numbers bought"
                + " since are planned once a plan reads the account with credentials");
    return new Resolution(
        config.withGroup(group.withNumbers(recorded)),
        NumberSet.empty(),
        List.of(notice),
        Optional.empty());
  }

  /**
   * The share guard for an inventory group adopting numbers that hold a passcode set outside
   * portlock: replacing protection is what a mistake looks like, so these replacements count
   * against {@code safety.max_change_percent} like changes of managed numbers do.
   */
  public static List<Notice> guard(Plan plan, Config config, State state) {
    Optional<GroupConfig> inventory = config.inventoryGroup();
    if (inventory.isEmpty()) {
      return List.of();
    }
    long replaced = 0;
    for (Change change : plan.changes()) {
      if (change instanceof Change.Modify m
          && m.reason() == Change.Reason.SET_OUTSIDE
          && m.group().equals(inventory.get().name())) {
        replaced += m.numbers().size();
      }
    }
    long base = state.size() + replaced;
    int percent = config.safety().maxChangePercent();
    if (replaced == 0
        || base <= SafetySettings.MIN_MANAGED_FOR_PERCENT
        || replaced * 100 <= base * percent) {
      return List.of();
    }
    return List.of(
        new Notice(
            Notice.Kind.GUARD,
            "apply will refuse this plan: group '"
                + inventory.get().name()
                + "' (inventory: true) replaces the passcodes of "
                + Plural.of(replaced, "number")
                + " set outside portlock, "
                + (replaced * 100 / base)
                + "% of the "
                + base
                + " numbers it would manage, over safety.max_change_percent "
                + percent
                + "%; after review, apply with --force"));
  }

  /** The config without the numbers it lists that cannot hold a passcode, and what to say. */
  private record Ineligible(Config config, NumberSet numbers, Optional<String> message) {}

  /**
   * Numbers the groups list that the account holds but cannot protect, by the classifier coverage
   * uses ({@link Coverage.Sorter}). A config already refuses toll-free numbers and numbers outside
   * NANP when it loads, so in practice these are the off-net ones (tier not 0), which only the
   * account's inventory tells. Sent anyway, each would fail with 5196 on every apply, and the next
   * plan would propose it again.
   */
  private static Ineligible ineligible(
      Config config, State state, Coverage.Sorter sorter, NumberSet configured, Path workDir) {
    List<String> why = new ArrayList<>();
    NumberSet all = NumberSet.empty();
    for (CoverageReport.Ineligible reason :
        List.of(CoverageReport.Ineligible.TOLL_FREE, CoverageReport.Ineligible.OFF_NET)) {
      NumberSet listed =
          (reason == CoverageReport.Ineligible.TOLL_FREE ? sorter.tollFree : sorter.offNet)
              .build()
              .intersect(configured)
              .minus(state.numbers());
      if (!listed.isEmpty()) {
        why.add(
            shown(listed)
                + " "
                + Plural.agree(listed.size(), "is", "are")
                + " "
                + reason.label
                + ", and "
                + reason.reason);
        all = all.union(listed);
      }
    }
    if (all.isEmpty()) {
      return new Ineligible(config, all, Optional.empty());
    }
    String them = Plural.agree(all.size(), "it", "them");
    String message =
        Plural.of(all.size(), "number")
            + " of the config cannot hold a passcode, so portlock sends no order for "
            + them
            + ": "
            + String.join("; ", why)
            + "; remove "
            + them
            + " from the config: "
            + Drift.places(config, all, workDir);
    Config without = config;
    for (GroupConfig group : config.groups()) {
      if (!group.numbers().intersect(all).isEmpty()) {
        without = without.withGroup(group.withNumbers(group.numbers().minus(all)));
      }
    }
    return new Ineligible(without, all, Optional.of(message));
  }

  private static String source(InventoryRead read, Config config) {
    return read.source() == InventoryRead.Source.TNS
        ? "GET /tns"
        : "GET /accounts/" + config.account().value() + "/inserviceNumbers";
  }

  private static String shown(NumberSet numbers) {
    List<String> ranges = CoverageReport.ranges(numbers);
    String text = String.join(", ", ranges.subList(0, Math.min(RANGES_SHOWN, ranges.size())));
    return ranges.size() > RANGES_SHOWN
        ? text + " and " + (ranges.size() - RANGES_SHOWN) + " more ranges"
        : text;
  }
}
