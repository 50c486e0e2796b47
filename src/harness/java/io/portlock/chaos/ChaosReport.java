package io.portlock.chaos;

import io.portlock.sandbox.FaultCounts;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a chaos run found, with a verdict per criterion; {@link #render} prints the table.
 *
 * @param killsWanted {@code --kills}
 * @param kills where each kill landed, by moment
 * @param appliesOnTheirOwn applies that ended before their kill, by exit code
 * @param passes passes over the config (1 + passcode rotations done because an apply finished)
 * @param ordersPerPass ceil(numbers / max_numbers)
 * @param createRequests {@code POST /tnoptions} the sandbox saw, faulted ones included
 * @param stateProblems each time the state did not parse, went missing or went back a serial
 * @param stateChecks how often the state was read after a kill or an apply
 * @param lockRace the two-applies-at-once phase
 * @param finalApplyExit the last apply's exit code; -1 when it hung and was killed
 * @param finalApplyTime how long the last apply took
 * @param finalApplies how many applies the final phase ran: one more each time an apply ended
 *     non-zero leaving an order whose answer was lost for good in the journal, for the next to
 *     resolve
 * @param finalPlanExit {@code plan --detailed-exitcode --refresh=false}; 0 means no changes
 */
public record ChaosReport(
    ChaosOptions options,
    int killsWanted,
    Map<KillMoment, Integer> kills,
    Map<Integer, Integer> appliesOnTheirOwn,
    int passes,
    int ordersPerPass,
    FaultCounts faults,
    int createRequests,
    OrderAudit orders,
    List<String> stateProblems,
    int stateChecks,
    LockRace lockRace,
    int finalApplyExit,
    Duration finalApplyTime,
    int finalApplies,
    Convergence convergence,
    int finalPlanExit,
    Duration wallTime,
    DatabaseFaults database) {

  /** Where an apply was when it was killed, as the state and the sandbox show afterwards. */
  public enum KillMoment {
    NOTHING_IN_FLIGHT("no order in flight", "idle"),
    JOURNALED_NOT_SENT("order journaled, not yet at Bandwidth", "before send"),
    SENT_NOT_RECORDED("order at Bandwidth, result not recorded", "after send");

    final String description;
    final String brief;

    KillMoment(String description, String brief) {
      this.description = description;
      this.brief = brief;
    }
  }

  /**
   * Two applies started at the same moment.
   *
   * @param passed one proceeded and the other failed on the lock with the holder's details
   * @param summary what happened, in a few words
   * @param detail what happened, with the refused apply's message
   */
  public record LockRace(boolean passed, String summary, String detail, String required) {
    public LockRace(boolean passed, String summary, String detail) {
      this(passed, summary, detail, "1 runs, 1 locked out");
    }
  }

  /**
   * Database faults played mid-apply with the state in PostgreSQL.
   *
   * @param cuts times every portlock connection to the database was cut
   * @param cutsThatHit those cuts that found a portlock connection open
   * @param restarts times the database was restarted
   */
  public record DatabaseFaults(int cuts, int cutsThatHit, int restarts) {}

  public int killsLanded() {
    return kills.values().stream().mapToInt(Integer::intValue).sum();
  }

  public int duplicateCustomerOrderIds() {
    return orders.duplicateCustomerOrderIds();
  }

  public int stateParseFailures() {
    return stateProblems.size();
  }

  /** Every criterion held. */
  public boolean passed() {
    return rows().stream().allMatch(r -> r.verdict != Verdict.FAIL);
  }

  private enum Verdict {
    PASS,
    FAIL,
    INFO
  }

  private record Row(String check, String result, String required, Verdict verdict) {}

  private List<Row> rows() {
    List<Row> rows = new ArrayList<>();
    rows.add(
        new Row(
            "kills survived (SIGKILL)",
            killsLanded() + ": " + moments(),
            ">= " + killsWanted,
            verdict(killsLanded() >= killsWanted)));
    rows.add(new Row("applies that ended before their kill", ownEnds(), "-", Verdict.INFO));
    rows.add(
        new Row(
            "faults injected",
            faults.total()
                + ": "
                + faults.tooManyRequests()
                + " x 429, "
                + faults.serverErrors()
                + " x 500, "
                + faults.drops()
                + " dropped ("
                + faults.dropsAfter()
                + " after the work was done)",
            "-",
            Verdict.INFO));
    rows.add(
        new Row(
            "rate-limit refusals",
            faults.rateLimited() + " x 429 with" + " X-RateLimit-Reset",
            "-",
            Verdict.INFO));
    rows.add(
        new Row(
            "orders sent vs expected",
            orders.orders()
                + " vs "
                + passes * ordersPerPass
                + " ("
                + passes
                + (passes == 1 ? " pass" : " passes")
                + " of "
                + ordersPerPass
                + "); "
                + createRequests
                + " create requests",
            "-",
            Verdict.INFO));
    rows.add(
        new Row(
            "orders with duplicate CustomerOrderId",
            Integer.toString(orders.duplicateCustomerOrderIds()),
            "0",
            verdict(orders.duplicateCustomerOrderIds() == 0)));
    rows.add(
        new Row(
            "numbers set twice under one CustomerOrderId",
            Long.toString(orders.numbersSetTwiceUnderOneId()),
            "0",
            verdict(orders.numbersSetTwiceUnderOneId() == 0)));
    rows.add(
        new Row(
            "numbers sent in more than one order",
            orders.numbersSentTwiceInOnePass() + " (within a pass)",
            "0",
            verdict(orders.numbersSentTwiceInOnePass() == 0)));
    rows.add(
        new Row(
            "state parse failures",
            stateProblems.size() + " of " + stateChecks + " reads",
            "0",
            verdict(stateProblems.isEmpty())));
    rows.add(
        new Row(
            "two applies at once",
            lockRace.summary(),
            lockRace.required(),
            verdict(lockRace.passed())));
    if (database != null) {
      rows.add(
          new Row(
              "database faults mid-apply",
              database.cuts()
                  + " connection cuts ("
                  + database.cutsThatHit()
                  + " with a connection open), "
                  + database.restarts()
                  + " restarts",
              "-",
              Verdict.INFO));
    }
    rows.add(
        new Row(
            "final apply exit code",
            (finalApplyExit < 0 ? "hung, killed" : Integer.toString(finalApplyExit))
                + " after "
                + seconds(finalApplyTime)
                + (finalApplies > 1
                    ? " (apply "
                        + finalApplies
                        + "; the ones before left a lost"
                        + " answer for the next to resolve)"
                    : ""),
            "0",
            verdict(finalApplyExit == 0)));
    rows.add(
        new Row(
            "final state matches sandbox",
            (convergence.checked() - Math.min(convergence.checked(), convergence.mismatches()))
                + " of "
                + convergence.checked()
                + " numbers"
                + (convergence.matches() ? "" : "; " + convergence.mismatches() + " mismatches"),
            "all",
            verdict(convergence.matches())));
    rows.add(
        new Row(
            "final plan exit code",
            Integer.toString(finalPlanExit),
            "0",
            verdict(finalPlanExit == 0)));
    rows.add(new Row("wall time", seconds(wallTime), "-", Verdict.INFO));
    return rows;
  }

  private static Verdict verdict(boolean ok) {
    return ok ? Verdict.PASS : Verdict.FAIL;
  }

  private String moments() {
    List<String> parts = new ArrayList<>();
    Map<KillMoment, Integer> all = new EnumMap<>(KillMoment.class);
    all.putAll(kills);
    for (KillMoment moment : KillMoment.values()) {
      parts.add(all.getOrDefault(moment, 0) + " " + moment.brief);
    }
    return String.join(", ", parts);
  }

  private String ownEnds() {
    if (appliesOnTheirOwn.isEmpty()) {
      return "none";
    }
    List<String> parts = new ArrayList<>();
    appliesOnTheirOwn.forEach((code, count) -> parts.add(count + " with exit " + code));
    return String.join(", ", parts)
        + (passes > 1
            ? "; passcodes rotated " + (passes - 1) + (passes == 2 ? " time" : " times")
            : "");
  }

  static String seconds(Duration d) {
    long s = d.toSeconds();
    return s >= 60
        ? String.format(Locale.ROOT, "%dm %02ds", s / 60, s % 60)
        : String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
  }

  /** The table, then the details of whatever failed, then PASS or FAIL. */
  public String render() {
    List<Row> rows = rows();
    String[] head = {"check", "result", "required", "verdict"};
    int[] width = {head[0].length(), head[1].length(), head[2].length(), head[3].length()};
    for (Row r : rows) {
      width[0] = Math.max(width[0], r.check.length());
      width[1] = Math.max(width[1], r.result.length());
      width[2] = Math.max(width[2], r.required.length());
    }
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            Locale.ROOT,
            "Chaos run: %,d numbers in %d groups, orders of %,d," + " %d kills, seed %d%s%n",
            options.numbers(),
            options.groups(),
            options.maxNumbers(),
            options.kills(),
            options.seed(),
            options.postgres() ? "; state in PostgreSQL" : ""));
    out.append(
        String.format(
            Locale.ROOT,
            "  faults: %.0f%% 429 (Retry-After 1), %.0f%% 500,"
                + " %.0f%% dropped; rate limit %s; lookup lag %s; processing %s-%s; timed kills"
                + " %s-%s after start; in %s%n%n",
            options.rate429() * 100,
            options.rate500() * 100,
            options.dropRate() * 100,
            options.rateLimitRequests() == 0
                ? "none"
                : options.rateLimitRequests() + " calls per " + seconds(options.rateLimitWindow()),
            seconds(options.lookupLag()),
            seconds(options.processingMin()),
            seconds(options.processingMax()),
            seconds(options.killAfterMin()),
            seconds(options.killAfterMax()),
            options.dir()));
    line(out, width, head);
    line(
        out,
        width,
        new String[] {
          "-".repeat(width[0]), "-".repeat(width[1]), "-".repeat(width[2]), "-".repeat(width[3])
        });
    for (Row r : rows) {
      line(out, width, new String[] {r.check, r.result, r.required, r.verdict.name()});
    }
    List<String> details = new ArrayList<>();
    details.add(
        "kills: idle = "
            + KillMoment.NOTHING_IN_FLIGHT.description
            + "; before send = "
            + KillMoment.JOURNALED_NOT_SENT.description
            + "; after send = "
            + KillMoment.SENT_NOT_RECORDED.description);
    details.add("two applies at once: " + lockRace.detail());
    details.addAll(stateProblems);
    details.addAll(convergence.examples());
    if (orders.example() != null) {
      details.add(orders.example());
    }
    out.append("\nDetails:\n");
    details.forEach(d -> out.append("  ").append(d).append('\n'));
    out.append('\n')
        .append(
            passed()
                ? "PASS: every criterion held."
                : "FAIL: see the rows marked FAIL; each apply's output is in "
                    + options.dir().resolve("logs"))
        .append('\n');
    return out.toString();
  }

  private static void line(StringBuilder out, int[] width, String[] cells) {
    out.append(
        String.format(
            Locale.ROOT,
            "| %-" + width[0] + "s | %-" + width[1] + "s | %-" + width[2] + "s | %-" + width[3]
                + "s |%n",
            (Object[]) cells));
  }
}
