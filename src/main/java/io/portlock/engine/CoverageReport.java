package io.portlock.engine;

import io.portlock.bandwidth.InventoryRead;
import io.portlock.domain.NumberSet;
import java.util.List;
import java.util.Objects;

/**
 * Every number of the account in exactly one class: managed (in the config), protected but
 * unmanaged (a passcode set outside portlock), unprotected (eligible, no passcode), or ineligible
 * (toll-free, off-net, outside NANP). Holds no passcode.
 *
 * @param configuredNotOnAccount numbers of the config that the account's inventory does not list
 */
public record CoverageReport(
    String account,
    InventoryRead.Source source,
    NumberSet managed,
    NumberSet protectedUnmanaged,
    NumberSet unprotected,
    NumberSet tollFree,
    NumberSet offNet,
    List<String> outsideNanp,
    NumberSet configuredNotOnAccount) {

  public CoverageReport {
    Objects.requireNonNull(account, "account");
    Objects.requireNonNull(source, "source");
    outsideNanp = List.copyOf(outsideNanp);
  }

  /** Why a number cannot hold a passcode. */
  public enum Ineligible {
    TOLL_FREE("toll_free", "toll-free", "Bandwidth refuses passcodes on toll-free numbers (5126)"),
    OFF_NET(
        "off_net",
        "off-net (tier not 0)",
        "only on-net numbers (tier 0) can hold a passcode (5196)"),
    OUTSIDE_NANP(
        "outside_nanp", "outside NANP", "port-out passcodes exist for NANP (+1) numbers" + " only");

    public final String key;
    public final String label;
    public final String reason;

    Ineligible(String key, String label, String reason) {
      this.key = key;
      this.label = label;
      this.reason = reason;
    }
  }

  public long ineligible() {
    return tollFree.size() + offNet.size() + outsideNanp.size();
  }

  public long total() {
    return managed.size() + protectedUnmanaged.size() + unprotected.size() + ineligible();
  }

  /** True when an eligible number holds no passcode: {@code --detailed-exitcode} exits 2. */
  public boolean hasUnprotected() {
    return !unprotected.isEmpty();
  }

  /** The ineligible numbers of one reason, as range strings or E.164 texts. */
  public List<String> ineligible(Ineligible reason) {
    return switch (reason) {
      case TOLL_FREE -> ranges(tollFree);
      case OFF_NET -> ranges(offNet);
      case OUTSIDE_NANP -> outsideNanp;
    };
  }

  /**
   * {@code FIRST..LAST} for each run of consecutive numbers, a single number alone. Unlike {@link
   * NumberSet#toRangeStrings()} it takes numbers that a config refuses (toll-free ones).
   */
  public static List<String> ranges(NumberSet numbers) {
    List<String> ranges = new java.util.ArrayList<>();
    int i = 0;
    while (i < numbers.size()) {
      long first = numbers.get(i);
      long last = first;
      while (i + 1 < numbers.size() && numbers.get(i + 1) == last + 1) {
        last = numbers.get(++i);
      }
      ranges.add(first == last ? Long.toString(first) : first + ".." + last);
      i++;
    }
    return ranges;
  }

  public long ineligibleCount(Ineligible reason) {
    return switch (reason) {
      case TOLL_FREE -> tollFree.size();
      case OFF_NET -> offNet.size();
      case OUTSIDE_NANP -> outsideNanp.size();
    };
  }
}
