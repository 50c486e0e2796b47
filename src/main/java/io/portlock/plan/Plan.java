package io.portlock.plan;

import io.portlock.domain.AccountId;
import io.portlock.domain.Fingerprint;
import io.portlock.domain.KdfParameters;
import io.portlock.domain.NumberSet;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A plan: what portlock would change and the orders it would send. Pure data, holding no passcode,
 * only fingerprints; rendered as text, JSON or Markdown, saved and applied later.
 *
 * @param stateLineage null when there was no state yet
 * @param stateSerial the serial of the state the plan was made from (0 when none)
 * @param gitCommit the commit of the checkout the plan was made in, or null
 * @param groupFingerprints the desired passcode of each config group, in config order
 * @param unchangedByGroup numbers already as desired, per config group
 * @param leftAccount numbers of the config or the state that Bandwidth says left the account: no
 *     order is sent for them, and apply drops them from the state
 * @param observed what the read-back found (sets of numbers, never a passcode): saved with the plan
 *     so that apply can plan again from the same facts and refuse a file that differs
 */
public record Plan(
    String planId,
    Instant createdAt,
    String gitCommit,
    AccountId account,
    String configFile,
    String configDigest,
    String stateLineage,
    long stateSerial,
    KdfParameters kdf,
    int maxNumbers,
    boolean refreshed,
    Map<String, Fingerprint> groupFingerprints,
    Map<String, Long> unchangedByGroup,
    List<Change> changes,
    NumberSet leftAccount,
    List<PlannedOrder> orders,
    List<Notice> notices,
    Observations observed) {

  public static final int FORMAT_VERSION = 3;

  public Plan {
    // Copies that keep config order, which every rendering follows.
    groupFingerprints =
        java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(groupFingerprints));
    unchangedByGroup =
        java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(unchangedByGroup));
    changes = List.copyOf(changes);
    orders = List.copyOf(orders);
    notices = List.copyOf(notices);
  }

  /** A plan made without a read-back: nothing observed. */
  public Plan(
      String planId,
      Instant createdAt,
      String gitCommit,
      AccountId account,
      String configFile,
      String configDigest,
      String stateLineage,
      long stateSerial,
      KdfParameters kdf,
      int maxNumbers,
      boolean refreshed,
      Map<String, Fingerprint> groupFingerprints,
      Map<String, Long> unchangedByGroup,
      List<Change> changes,
      NumberSet leftAccount,
      List<PlannedOrder> orders,
      List<Notice> notices) {
    this(
        planId,
        createdAt,
        gitCommit,
        account,
        configFile,
        configDigest,
        stateLineage,
        stateSerial,
        kdf,
        maxNumbers,
        refreshed,
        groupFingerprints,
        unchangedByGroup,
        changes,
        leftAccount,
        orders,
        notices,
        Observations.none());
  }

  public Summary summary() {
    long add = 0;
    long change = 0;
    long remove = 0;
    long drift = 0;
    long move = 0;
    long adopt = 0;
    for (Change c : changes) {
      if (c instanceof Change.Add a) {
        add += a.numbers().size();
      } else if (c instanceof Change.Modify m) {
        change += m.numbers().size();
        drift += m.reason().isDrift() ? m.numbers().size() : 0;
      } else if (c instanceof Change.Move) {
        move += c.numbers().size();
      } else if (c instanceof Change.Adopt) {
        adopt += c.numbers().size();
      } else {
        remove += c.numbers().size();
      }
    }
    long unchanged = unchangedByGroup.values().stream().mapToLong(Long::longValue).sum();
    return new Summary(
        add, change, remove, unchanged, orders.size(), drift + leftAccount.size(), move, adopt);
  }

  /** True when apply has something to do: orders to send, or the state to update. */
  public boolean hasChanges() {
    return !orders.isEmpty()
        || !leftAccount.isEmpty()
        || changes.stream().anyMatch(c -> !c.sendsOrder());
  }

  /** The plan without notices of {@code kind}: a guard that --force overrides is not news. */
  public Plan withoutNotices(Notice.Kind kind) {
    return withNoticeList(notices.stream().filter(n -> n.kind() != kind).toList());
  }

  public Plan withNotices(List<Notice> more) {
    List<Notice> all = new java.util.ArrayList<>(notices);
    all.addAll(more);
    return withNoticeList(all);
  }

  private Plan withNoticeList(List<Notice> kept) {
    return new Plan(
        planId,
        createdAt,
        gitCommit,
        account,
        configFile,
        configDigest,
        stateLineage,
        stateSerial,
        kdf,
        maxNumbers,
        refreshed,
        groupFingerprints,
        unchangedByGroup,
        changes,
        leftAccount,
        orders,
        kept,
        observed);
  }
}
