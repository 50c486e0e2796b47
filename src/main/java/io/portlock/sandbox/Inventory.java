package io.portlock.sandbox;

import io.portlock.domain.NumberSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.LongPredicate;

/**
 * The numbers on the sandbox's account: the configured set (or, when none was configured, every
 * number for orders), the numbers bought since, and the numbers outside NANP, minus the numbers
 * that have since left the account. Each number has a tier (0, on-net, unless configured).
 *
 * <p>Numbers are listed in order of a key: a NANP number's ten digits, or the digits of an E.164
 * number outside NANP (eleven or more, so they sort after every NANP number). {@code GET /tns}
 * pages are ranges of these keys.
 */
final class Inventory {
  private final NumberSet configured;
  private final Map<Long, Integer> tiers = new HashMap<>();
  private final TreeSet<Long> others = new TreeSet<>();
  private final TreeSet<Long> bought = new TreeSet<>();
  private final Set<Long> removed = new HashSet<>();

  Inventory(NumberSet configured) {
    this(configured, AccountProfile.plain());
  }

  Inventory(NumberSet configured, AccountProfile profile) {
    this.configured = configured;
    tiers.putAll(profile.tiers());
    for (String e164 : profile.otherNumbers()) {
      others.add(Long.parseLong(e164.substring(1)));
    }
  }

  /** True for the account's NANP numbers (any, when no inventory was configured). */
  boolean contains(long number) {
    return (configured == null || configured.contains(number) || bought.contains(number))
        && !removed.contains(number);
  }

  /** 0 (on-net) unless configured otherwise. */
  int tier(long number) {
    return tiers.getOrDefault(number, 0);
  }

  /** A key of a number outside NANP. */
  static boolean isOther(long key) {
    return key >= 10_000_000_000L;
  }

  /** The number joins the account (again), with its tier. */
  void buy(long number, int tier) {
    removed.remove(number);
    bought.add(number);
    if (tier == 0) {
      tiers.remove(number);
    } else {
      tiers.put(number, tier);
    }
  }

  void remove(long number) {
    removed.add(number);
  }

  /**
   * Visits the listed keys from {@code from} on, in order, until {@code visitor} answers false.
   * Without a configured inventory the account lists what it knows of: numbers holding a passcode
   * ({@code passcodes}, sorted) and numbers bought.
   */
  void forEachFrom(long from, NavigableSet<Long> passcodes, LongPredicate visitor) {
    Iterator<Long> extra = configured == null ? passcodes.tailSet(from, true).iterator() : null;
    int index = configured == null ? 0 : firstIndexAtLeast(configured, from);
    Iterator<Long> boughtFrom = bought.tailSet(from, true).iterator();
    Iterator<Long> othersFrom = others.tailSet(from, true).iterator();
    Long nextExtra = nextOf(extra);
    Long nextBought = nextOf(boughtFrom);
    Long nextOther = nextOf(othersFrom);
    long last = Long.MIN_VALUE;
    while (true) {
      long best = Long.MAX_VALUE;
      if (configured != null && index < configured.size()) {
        best = configured.get(index);
      }
      if (nextExtra != null) {
        best = Math.min(best, nextExtra);
      }
      if (nextBought != null) {
        best = Math.min(best, nextBought);
      }
      if (nextOther != null) {
        best = Math.min(best, nextOther);
      }
      if (best == Long.MAX_VALUE) {
        return;
      }
      if (configured != null && index < configured.size() && configured.get(index) == best) {
        index++;
      }
      if (nextExtra != null && nextExtra == best) {
        nextExtra = nextOf(extra);
      }
      if (nextBought != null && nextBought == best) {
        nextBought = nextOf(boughtFrom);
      }
      if (nextOther != null && nextOther == best) {
        nextOther = nextOf(othersFrom);
      }
      if (best != last && !removed.contains(best)) {
        last = best;
        if (!visitor.test(best)) {
          return;
        }
      }
    }
  }

  /** How many numbers {@link #forEachFrom} lists from the start, without listing them. */
  int size(NavigableSet<Long> passcodes) {
    long count = others.size();
    if (configured != null) {
      count += configured.size();
      for (long n : bought) {
        if (!configured.contains(n)) {
          count++;
        }
      }
    } else {
      count += passcodes.size();
      for (long n : bought) {
        if (!passcodes.contains(n)) {
          count++;
        }
      }
    }
    for (long n : removed) {
      boolean listed =
          configured != null
              ? configured.contains(n) || bought.contains(n)
              : passcodes.contains(n) || bought.contains(n);
      if (listed) {
        count--;
      }
    }
    return (int) count;
  }

  private static Long nextOf(Iterator<Long> it) {
    return it != null && it.hasNext() ? it.next() : null;
  }

  private static int firstIndexAtLeast(NumberSet set, long from) {
    int low = 0;
    int high = set.size();
    while (low < high) {
      int mid = (low + high) >>> 1;
      if (set.get(mid) < from) {
        low = mid + 1;
      } else {
        high = mid;
      }
    }
    return low;
  }

  /** The numbers that left the account, for persistence. */
  long[] removed() {
    return removed.stream().mapToLong(Long::longValue).sorted().toArray();
  }

  void restoreRemoved(long[] numbers) {
    for (long n : numbers) {
      removed.add(n);
    }
  }

  /** The numbers bought since the start, with their tiers, for persistence. */
  Map<Long, Integer> bought() {
    Map<Long, Integer> result = new java.util.TreeMap<>();
    for (long n : bought) {
      result.put(n, tier(n));
    }
    return result;
  }

  void restoreBought(Map<Long, Integer> numbers) {
    numbers.forEach(
        (n, tier) -> {
          bought.add(n);
          if (tier != 0) {
            tiers.put(n, tier);
          }
        });
  }
}
