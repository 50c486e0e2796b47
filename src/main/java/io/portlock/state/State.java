package io.portlock.state;

import io.portlock.domain.AccountId;
import io.portlock.domain.FingerprintSeal;
import io.portlock.domain.KdfParameters;
import io.portlock.domain.NumberSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * What portlock knows it applied: for each managed number its {@link StateEntry}, plus the lineage,
 * serial, KDF parameters, the journal of orders in flight and the {@link FingerprintSeal} of the
 * last apply's fingerprints, if any. Immutable: every change returns a new State. Numbers are kept
 * as a sorted {@code long[]} with a parallel index into the entries, so a million managed numbers
 * cost ~12 MB and are looked up by binary search.
 */
public final class State {
  /**
   * 2: fingerprints salted per group and optionally keyed ({@code kdf.salt_per_group}, {@code
   * kdf.key_id}).
   */
  public static final int FORMAT_VERSION = 2;

  /** The first format, still read: one salt for the whole state, no key. */
  public static final int FIRST_FORMAT_VERSION = 1;

  private final String lineage;
  private final long serial;
  private final AccountId account;
  private final KdfParameters kdf;
  private final long[] numbers;
  private final int[] entryIndex;
  private final List<StateEntry> entries;
  private final List<JournalEntry> journal;
  private final FingerprintSeal seal;

  State(
      String lineage,
      long serial,
      AccountId account,
      KdfParameters kdf,
      long[] numbers,
      int[] entryIndex,
      List<StateEntry> entries,
      List<JournalEntry> journal,
      FingerprintSeal seal) {
    this.lineage = lineage;
    this.serial = serial;
    this.account = account;
    this.kdf = kdf;
    this.numbers = numbers;
    this.entryIndex = entryIndex;
    this.entries = List.copyOf(entries);
    this.journal = List.copyOf(journal);
    this.seal = seal;
  }

  /** A state with nothing applied yet: a new lineage, serial 0. */
  public static State empty(AccountId account, KdfParameters kdf) {
    return empty(UUID.randomUUID().toString(), account, kdf);
  }

  public static State empty(String lineage, AccountId account, KdfParameters kdf) {
    return new State(lineage, 0, account, kdf, new long[0], new int[0], List.of(), List.of(), null);
  }

  public String lineage() {
    return lineage;
  }

  public long serial() {
    return serial;
  }

  public AccountId account() {
    return account;
  }

  public KdfParameters kdf() {
    return kdf;
  }

  /** The seal of the config's fingerprints as the last apply derived them, or null. */
  public FingerprintSeal seal() {
    return seal;
  }

  /** The same state with {@code next} as its seal (null: none). */
  State withSeal(FingerprintSeal next) {
    return new State(lineage, serial, account, kdf, numbers, entryIndex, entries, journal, next);
  }

  public List<JournalEntry> journal() {
    return journal;
  }

  public int size() {
    return numbers.length;
  }

  public NumberSet numbers() {
    return NumberSet.ofSorted(numbers.clone());
  }

  /** The entry of a managed number, or null when portlock does not manage it. */
  public StateEntry entryOf(long number) {
    int at = Arrays.binarySearch(numbers, number);
    return at < 0 ? null : entries.get(entryIndex[at]);
  }

  /**
   * How many of {@code numbers} are managed under an entry that {@code counts}: one forward walk
   * through both sorted lists, galloping over the gaps, with the test made once per entry. A binary
   * search per number cost a cache miss per step at millions of numbers.
   */
  public long countManaged(NumberSet numbers, Predicate<StateEntry> counts) {
    byte[] verdicts = new byte[entries.size()]; // 0 not yet tested, 1 counts, 2 does not
    long count = 0;
    int at = 0;
    for (int i = 0; i < numbers.size() && at < this.numbers.length; i++) {
      long number = numbers.get(i);
      at = lowerBound(number, at);
      if (at < this.numbers.length && this.numbers[at] == number) {
        int entry = entryIndex[at];
        if (verdicts[entry] == 0) {
          verdicts[entry] = counts.test(entries.get(entry)) ? (byte) 1 : (byte) 2;
        }
        if (verdicts[entry] == 1) {
          count++;
        }
      }
    }
    return count;
  }

  /** The first position at or after {@code from} whose number is not below {@code number}. */
  private int lowerBound(long number, int from) {
    int length = numbers.length;
    if (from >= length || numbers[from] >= number) {
      return from;
    }
    int step = 1;
    int low = from; // numbers[low] < number
    while (low + step < length && numbers[low + step] < number) {
      low += step;
      step <<= 1;
    }
    int high = Math.min(low + step, length); // numbers[high] >= number, or high == length
    int found = Arrays.binarySearch(numbers, low + 1, high, number);
    return found >= 0 ? found : -found - 1;
  }

  /** The number at {@code position} in sorted order, for merge-joins. */
  public long numberAt(int position) {
    return numbers[position];
  }

  /** The index (below {@link #entryCount()}) of the entry at {@code position}, for caches. */
  public int entryIndexAt(int position) {
    return entryIndex[position];
  }

  /** How many distinct entries the numbers are recorded under. */
  public int entryCount() {
    return entries.size();
  }

  public StateEntry entryAt(int position) {
    return entries.get(entryIndex[position]);
  }

  /** Managed numbers grouped by their entry, in first-appearance order (for writing). */
  public Map<StateEntry, NumberSet> byEntry() {
    Map<StateEntry, NumberSet.Builder> builders = new IdentityHashMap<>();
    List<StateEntry> order = new ArrayList<>();
    for (int i = 0; i < numbers.length; i++) {
      StateEntry entry = entries.get(entryIndex[i]);
      builders
          .computeIfAbsent(
              entry,
              e -> {
                order.add(e);
                return new NumberSet.Builder();
              })
          .add(numbers[i]);
    }
    Map<StateEntry, NumberSet> result = new LinkedHashMap<>();
    for (StateEntry entry : order) {
      result.merge(entry, builders.get(entry).build(), NumberSet::union);
    }
    return result;
  }

  /** The next version: serial + 1, same lineage. */
  public State nextSerial() {
    return new State(
        lineage, serial + 1, account, kdf, numbers, entryIndex, entries, journal, seal);
  }

  /** The same state as version {@code next}: stores number the versions they keep. */
  State withSerial(long next) {
    return new State(lineage, next, account, kdf, numbers, entryIndex, entries, journal, seal);
  }

  /**
   * This state with {@code change} applied (same serial). {@link StateChange.Replaced} is the
   * store's to handle: it checks the lineage and numbers the version.
   */
  public State apply(StateChange change) {
    return applyAll(List.of(change));
  }

  /**
   * This state with {@code changes} applied in order (same serial), in one pass over the numbers
   * however many changes there are: what a session does with the commits since it last looked, so
   * that a commit costs what it changes and not the size of the state.
   */
  public State applyAll(List<StateChange> changes) {
    State next = this;
    List<NumberSet> sets = new ArrayList<>();
    List<StateEntry> setEntries = new ArrayList<>(); // null: the numbers are dropped
    List<JournalEntry> nextJournal = null;
    for (StateChange change : changes) {
      if (change instanceof StateChange.FingerprintsSealed f) {
        next = next.withSeal(f.seal());
      } else if (change instanceof StateChange.NumbersMoved m) {
        // A move depends on each number's entry at that point: settle what came before.
        next = next.withJournalIfChanged(nextJournal).mergeAll(sets, setEntries);
        for (StateChange.Moved move : m.moves()) {
          next = next.withMoved(move);
        }
        nextJournal = null;
        sets.clear();
        setEntries.clear();
      } else if (change instanceof StateChange.OrderJournaled j) {
        nextJournal = withEntry(nextJournal == null ? next.journal : nextJournal, j.entry());
      } else if (change instanceof StateChange.OrderDropped d) {
        nextJournal =
            without(nextJournal == null ? next.journal : nextJournal, d.customerOrderId());
      } else if (change instanceof StateChange.OrderRecorded r) {
        for (StateChange.Applied a : r.applied()) {
          sets.add(a.numbers());
          setEntries.add(a.entry());
        }
        sets.add(r.cleared());
        setEntries.add(null);
        nextJournal =
            without(nextJournal == null ? next.journal : nextJournal, r.customerOrderId());
      } else if (change instanceof StateChange.NumbersRecorded r) {
        for (StateChange.Applied a : r.applied()) {
          sets.add(a.numbers());
          setEntries.add(a.entry());
        }
      } else if (change instanceof StateChange.NumbersDropped d) {
        sets.add(d.numbers());
        setEntries.add(null);
      } else {
        throw new IllegalArgumentException(
            "a replacement or migration is applied by the store, which checks its lineage");
      }
    }
    return next.withJournalIfChanged(nextJournal).mergeAll(sets, setEntries);
  }

  private State withJournalIfChanged(List<JournalEntry> nextJournal) {
    return nextJournal == null ? this : withJournal(nextJournal);
  }

  private static List<JournalEntry> withEntry(List<JournalEntry> journal, JournalEntry entry) {
    List<JournalEntry> next = without(journal, entry.customerOrderId());
    next.add(entry);
    return next;
  }

  private static List<JournalEntry> without(List<JournalEntry> journal, String customerOrderId) {
    List<JournalEntry> next = new ArrayList<>(journal);
    next.removeIf(e -> e.customerOrderId().equals(customerOrderId));
    return next;
  }

  /**
   * Sets or drops ({@code entry} null) the numbers of each set, a later set winning over an earlier
   * one for the same number: one sort of the changed numbers and one merge with ours.
   */
  private State mergeAll(List<NumberSet> sets, List<StateEntry> setEntries) {
    if (sets.isEmpty()) {
      return this;
    }
    if (sets.size() == 1) {
      return merge(sets.get(0), setEntries.get(0));
    }
    if (sets.size() >= 1 << 20) { // a change's index must fit beside its number in one long
      int half = sets.size() / 2;
      return mergeAll(sets.subList(0, half), setEntries.subList(0, half))
          .mergeAll(sets.subList(half, sets.size()), setEntries.subList(half, sets.size()));
    }
    int total = 0;
    for (NumberSet set : sets) {
      total += set.size();
    }
    long[] numberOp = new long[total];
    int[] op = new int[total];
    int k = 0;
    for (int s = 0; s < sets.size(); s++) {
      NumberSet set = sets.get(s);
      for (int i = 0; i < set.size(); i++) {
        numberOp[k] = set.get(i);
        op[k++] = s;
      }
    }
    // Sort the changed numbers by (number, change), keeping for each number its last change.
    long[] packed = new long[total];
    for (int i = 0; i < total; i++) {
      packed[i] = numberOp[i] << 20 | op[i];
    }
    Arrays.sort(packed);
    long[] changed = new long[total];
    int[] changeOp = new int[total];
    int distinct = 0;
    for (int i = 0; i < total; i++) {
      long number = packed[i] >>> 20;
      int which = (int) (packed[i] & 0xFFFFF);
      if (distinct > 0 && changed[distinct - 1] == number) {
        changeOp[distinct - 1] = which; // a later change of the same number wins
      } else {
        changed[distinct] = number;
        changeOp[distinct++] = which;
      }
    }
    List<StateEntry> nextEntries = new ArrayList<>(entries);
    int[] opIndex = new int[sets.size()];
    for (int s = 0; s < sets.size(); s++) {
      StateEntry entry = setEntries.get(s);
      opIndex[s] = entry == null ? -1 : nextEntries.size();
      if (entry != null) {
        nextEntries.add(entry);
      }
    }
    long[] outNumbers = new long[numbers.length + distinct];
    int[] outIndex = new int[outNumbers.length];
    int i = 0;
    int j = 0;
    int out = 0;
    while (i < numbers.length || j < distinct) {
      long a = i < numbers.length ? numbers[i] : Long.MAX_VALUE;
      long b = j < distinct ? changed[j] : Long.MAX_VALUE;
      if (a < b) {
        outNumbers[out] = a;
        outIndex[out++] = entryIndex[i++];
      } else {
        int index = opIndex[changeOp[j]];
        if (index >= 0) {
          outNumbers[out] = b;
          outIndex[out++] = index;
        }
        if (a == b) {
          i++;
        }
        j++;
      }
    }
    return compact(Arrays.copyOf(outNumbers, out), Arrays.copyOf(outIndex, out), nextEntries);
  }

  /** Managed numbers of {@code move} under its group and fingerprint; others are ignored. */
  private State withMoved(StateChange.Moved move) {
    Map<StateEntry, NumberSet.Builder> byWas = new IdentityHashMap<>();
    List<StateEntry> order = new ArrayList<>();
    NumberSet moved = move.numbers();
    for (int i = 0; i < moved.size(); i++) {
      StateEntry was = entryOf(moved.get(i));
      if (was != null) {
        byWas
            .computeIfAbsent(
                was,
                e -> {
                  order.add(e);
                  return new NumberSet.Builder();
                })
            .add(moved.get(i));
      }
    }
    State next = this;
    for (StateEntry was : order) {
      next =
          next.withApplied(
              byWas.get(was).build(),
              new StateEntry(
                  move.group(),
                  move.fingerprint(),
                  was.appliedAt(),
                  was.orderId(),
                  was.customerOrderId()));
    }
    return next;
  }

  /** Records that {@code applied} now carry {@code entry}. */
  public State withApplied(NumberSet applied, StateEntry entry) {
    return merge(applied, entry);
  }

  /** Stops managing {@code removed} (their passcode was cleared, or they left). */
  public State withRemoved(NumberSet removed) {
    return merge(removed, null);
  }

  /**
   * The same numbers and entries under new KDF parameters. The entries' fingerprints are then
   * stale: only {@code refresh --rekey} uses it, and it sets every number again right after.
   */
  public State withKdf(KdfParameters newKdf) {
    // A seal is of fingerprints under the old parameters: it would never open again.
    return new State(lineage, serial, account, newKdf, numbers, entryIndex, entries, journal, null);
  }

  public State withJournal(List<JournalEntry> newJournal) {
    return new State(lineage, serial, account, kdf, numbers, entryIndex, entries, newJournal, seal);
  }

  public State withJournalEntry(JournalEntry entry) {
    List<JournalEntry> next = new ArrayList<>(journal);
    next.removeIf(e -> e.customerOrderId().equals(entry.customerOrderId()));
    next.add(entry);
    return withJournal(next);
  }

  public State withoutJournalEntry(String customerOrderId) {
    List<JournalEntry> next = new ArrayList<>(journal);
    next.removeIf(e -> e.customerOrderId().equals(customerOrderId));
    return withJournal(next);
  }

  /** Merge-join of the sorted numbers with {@code changed}: set their entry, or drop them. */
  private State merge(NumberSet changed, StateEntry entry) {
    List<StateEntry> nextEntries = new ArrayList<>(entries);
    int newIndex = -1;
    if (entry != null) {
      newIndex = nextEntries.size();
      nextEntries.add(entry);
    }
    long[] outNumbers = new long[numbers.length + changed.size()];
    int[] outIndex = new int[outNumbers.length];
    int i = 0;
    int j = 0;
    int out = 0;
    while (i < numbers.length || j < changed.size()) {
      long a = i < numbers.length ? numbers[i] : Long.MAX_VALUE;
      long b = j < changed.size() ? changed.get(j) : Long.MAX_VALUE;
      if (a < b) {
        outNumbers[out] = a;
        outIndex[out++] = entryIndex[i++];
      } else {
        if (entry != null) {
          outNumbers[out] = b;
          outIndex[out++] = newIndex;
        }
        if (a == b) {
          i++;
        }
        j++;
      }
    }
    return compact(Arrays.copyOf(outNumbers, out), Arrays.copyOf(outIndex, out), nextEntries);
  }

  /** Drops entries no number refers to any more, so the file does not grow with every apply. */
  private State compact(long[] nums, int[] index, List<StateEntry> all) {
    int[] remap = new int[all.size()];
    Arrays.fill(remap, -1);
    List<StateEntry> used = new ArrayList<>();
    for (int k = 0; k < index.length; k++) {
      int old = index[k];
      if (remap[old] < 0) {
        remap[old] = used.size();
        used.add(all.get(old));
      }
      index[k] = remap[old];
    }
    return new State(lineage, serial, account, kdf, nums, index, used, journal, seal);
  }

  /** Builds a State from entries read back from a file. */
  static State fromEntries(
      String lineage,
      long serial,
      AccountId account,
      KdfParameters kdf,
      Map<StateEntry, NumberSet> byEntry,
      List<JournalEntry> journal) {
    int total = byEntry.values().stream().mapToInt(NumberSet::size).sum();
    long[] nums = new long[total];
    int[] index = new int[total];
    List<StateEntry> entries = new ArrayList<>(byEntry.keySet());
    // Pairs (number, entry) packed into one long each so a single primitive sort orders them.
    long[] packed = new long[total];
    int k = 0;
    for (int e = 0; e < entries.size(); e++) {
      NumberSet set = byEntry.get(entries.get(e));
      for (int n = 0; n < set.size(); n++) {
        packed[k++] = set.get(n) << 20 | e;
      }
    }
    if (entries.size() >= 1 << 20) {
      throw new IllegalArgumentException("a state may hold at most 1048575 distinct entries");
    }
    Arrays.sort(packed);
    for (int p = 0; p < total; p++) {
      nums[p] = packed[p] >>> 20;
      index[p] = (int) (packed[p] & 0xFFFFF);
      if (p > 0 && nums[p] == nums[p - 1]) {
        throw new DuplicateNumberException(nums[p]);
      }
    }
    return new State(lineage, serial, account, kdf, nums, index, entries, journal, null);
  }

  /** A number appears under two entries of a state file. */
  static final class DuplicateNumberException extends RuntimeException {
    final long number;

    DuplicateNumberException(long number) {
      super("number " + number + " appears in two entries");
      this.number = number;
    }
  }
}
