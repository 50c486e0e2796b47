package io.portlock.apply;

import io.portlock.bandwidth.BandwidthApi;
import io.portlock.bandwidth.BandwidthException;
import io.portlock.bandwidth.NumberError;
import io.portlock.bandwidth.NumberWarning;
import io.portlock.bandwidth.OptionGroup;
import io.portlock.bandwidth.OrderRequest;
import io.portlock.bandwidth.OrderStatus;
import io.portlock.bandwidth.PasscodeChange;
import io.portlock.bandwidth.ProcessingStatus;
import io.portlock.domain.DaemonThreads;
import io.portlock.domain.Fingerprint;
import io.portlock.domain.NumberSet;
import io.portlock.domain.Passcode;
import io.portlock.domain.Plural;
import io.portlock.domain.Sleeper;
import io.portlock.domain.Target;
import io.portlock.plan.Change;
import io.portlock.plan.OrderSplitter;
import io.portlock.plan.Plan;
import io.portlock.plan.PlannedGroup;
import io.portlock.plan.PlannedOrder;
import io.portlock.state.JournalEntry;
import io.portlock.state.State;
import io.portlock.state.StateChange;
import io.portlock.state.StateEntry;
import io.portlock.state.StateSession;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sends a plan's orders and records what Bandwidth confirmed. The only code that creates orders.
 *
 * <p>Every order is written to the state's journal before it is sent and leaves it when its result
 * is recorded, so an apply killed at any moment is resumed by looking its orders up by
 * CustomerOrderId: no order is ever sent twice. Because that lookup may lag behind the create, an
 * empty lookup never makes this run send an order again (see {@link ApplySettings#lookupWait()}).
 * State writes are serialised; orders run with bounded parallelism and are polled with growing
 * intervals until they end.
 */
public final class Applier {
  /** Bandwidth's "The specified Port-Out Passcode/PIN already exists": already converged. */
  static final int ALREADY_SET = 5195;

  static final int TOO_MANY_NUMBERS = 5095;

  /** Lookups of one order in one run: the growing waits reach the lookup wait well before. */
  private static final int MAX_LOOKUPS = 12;

  private final BandwidthApi api;
  private final StateSession session;
  private final ApplySettings settings;
  private final ApplyListener listener;
  private final Clock clock;
  private final Sleeper sleeper;
  private final Cancellation cancellation;

  private final AtomicInteger maxNumbers = new AtomicInteger(Integer.MAX_VALUE);

  /** How long Bandwidth took to process the last order that ended, by its own timestamps. */
  private final java.util.concurrent.atomic.AtomicLong learnedProcessingMillis =
      new java.util.concurrent.atomic.AtomicLong(-1);

  public Applier(
      BandwidthApi api,
      StateSession session,
      ApplySettings settings,
      ApplyListener listener,
      Clock clock,
      Sleeper sleeper) {
    this(api, session, settings, listener, clock, sleeper, Cancellation.never());
  }

  /**
   * @param cancellation once cancelled (Ctrl-C, SIGTERM), no new order is sent and the orders
   *     already at Bandwidth are followed for at most its grace period
   */
  public Applier(
      BandwidthApi api,
      StateSession session,
      ApplySettings settings,
      ApplyListener listener,
      Clock clock,
      Sleeper sleeper,
      Cancellation cancellation) {
    if (session.state().isEmpty()) {
      throw new IllegalArgumentException(
          "the session of "
              + session.location()
              + " holds no"
              + " state yet: commit the (empty) state the plan was made from first");
    }
    this.cancellation = cancellation;
    this.api = api;
    this.session = session;
    this.settings = settings;
    this.listener = listener;
    this.clock = clock;
    this.sleeper = sleeper;
  }

  public Applier(
      BandwidthApi api, StateSession session, ApplySettings settings, ApplyListener listener) {
    this(api, session, settings, listener, Clock.systemUTC(), d -> Thread.sleep(d.toMillis()));
  }

  /** The state as of the last commit. */
  public State state() {
    return session.state().orElseThrow();
  }

  /**
   * Follows every order left in the journal by an interrupted apply and records its result; drops
   * entries whose order Bandwidth never received (their numbers are planned again).
   */
  public ApplyResult resume() {
    Tally tally = new Tally(null);
    List<JournalEntry> journal = state().journal();
    runAll(journal.size(), i -> resumeOne(journal.get(i), tally));
    return tally.result(state(), 0);
  }

  private void resumeOne(JournalEntry entry, Tally tally) {
    if (graceOver()) {
      tally.unfinished.incrementAndGet();
      return;
    }
    // Bandwidth's lookup may lag behind the create: an empty answer means "never received" only
    // once the entry is older than the lag allowed for.
    Instant conclusive = entry.recordedAt().plus(settings.lookupWait());
    Lookup lookup =
        lookUp(
            entry.customerOrderId(),
            conclusive,
            () ->
                listener.note(
                    "Order "
                        + entry.customerOrderId()
                        + " of an interrupted apply is not in Bandwidth's lookup yet;"
                        + " the lookup may lag behind a create, so portlock looks again until "
                        + conclusive
                        + " before planning its numbers again."));
    if (lookup.failure() != null) {
      throw lookup.failure();
    }
    if (lookup.found() == null && clock.instant().isBefore(conclusive)) {
      // Stopped looking early (an interrupt's grace period ended): not yet conclusive.
      tally.unfinished.incrementAndGet();
      return;
    }
    if (lookup.found() == null) {
      listener.note(
          "Order "
              + entry.customerOrderId()
              + " of an interrupted apply never reached"
              + " Bandwidth; its "
              + Plural.of(entry.numberCount(), "number")
              + " "
              + (entry.numberCount() == 1 ? "is" : "are")
              + " planned again.");
      session.commit(new StateChange.OrderDropped(entry.customerOrderId()));
      return;
    }
    OrderStatus order = lookup.found();
    listener.note(
        "Resuming order "
            + entry.customerOrderId()
            + " ("
            + order.orderId()
            + ", "
            + order.status()
            + ") of an interrupted apply.");
    listener.orderResumed(entry.customerOrderId(), order.orderId(), entry.numberCount());
    tally.resumed.incrementAndGet();
    follow(entry, order, tally);
  }

  /**
   * Sends the plan's orders and follows each to its end.
   *
   * @param passcodes the passcode of each fingerprint the plan sets
   */
  public ApplyResult apply(Plan plan, Map<Fingerprint, Passcode> passcodes) {
    Tally tally = new Tally(plan);
    NumberSet left = plan.leftAccount().intersect(state().numbers());
    if (!left.isEmpty()) {
      session.commit(new StateChange.NumbersDropped(left));
      listener.note(
          "Dropped "
              + Plural.of(left.size(), "number")
              + " that left the account"
              + " from the state.");
    }
    recordStateOnly(plan);
    List<PlannedOrder> orders = plan.orders();
    runAll(orders.size(), i -> send(plan.planId(), orders.get(i), passcodes, tally, null));
    return tally.result(state(), plan.leftAccount().size());
  }

  /**
   * Records the changes that need no order, in one state write: moves keep what the state knew of
   * each number under its new group; numbers already holding their passcode are recorded as seen by
   * the plan's read-back, without an order id.
   */
  private void recordStateOnly(Plan plan) {
    long moved = 0;
    long adopted = 0;
    List<StateChange.Moved> moves = new ArrayList<>();
    List<StateChange.Applied> adopts = new ArrayList<>();
    Instant now = clock.instant();
    for (Change change : plan.changes()) {
      if (change instanceof Change.Move move) {
        moved += move.numbers().size();
        // The planner found the same passcode; under the new group's salt its fingerprint is
        // the group's own, so the next plan sees the number unchanged.
        moves.add(
            new StateChange.Moved(
                move.numbers(), move.group(), plan.groupFingerprints().get(move.group())));
      } else if (change instanceof Change.Adopt adopt) {
        adopted += adopt.numbers().size();
        adopts.add(
            new StateChange.Applied(
                adopt.numbers(),
                new StateEntry(
                    adopt.group(), plan.groupFingerprints().get(adopt.group()), now, null, null)));
      }
    }
    if (!moves.isEmpty()) {
      session.commit(new StateChange.NumbersMoved(moves));
      listener.note(
          "Moved "
              + Plural.of(moved, "number")
              + " to "
              + Plural.agree(moved, "its", "their")
              + " new group in the state; the passcode is the same, so no order was sent.");
    }
    if (!adopts.isEmpty()) {
      session.commit(new StateChange.NumbersRecorded(adopts));
      listener.note(
          "Recorded "
              + Plural.of(adopted, "number")
              + " that already "
              + Plural.agree(adopted, "holds its", "hold their")
              + " passcode at Bandwidth, without"
              + " an order.");
    }
  }

  /**
   * Runs {@code count} tasks on at most {@code parallelism} threads; rethrows the first failure.
   */
  private void runAll(int count, java.util.function.IntConsumer task) {
    if (count == 0) {
      return;
    }
    ExecutorService pool =
        Executors.newFixedThreadPool(
            Math.min(count, settings.parallelism()), DaemonThreads.named("portlock-apply"));
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        int index = i;
        futures.add(pool.submit(() -> task.accept(index)));
      }
      RuntimeException first = null;
      for (Future<?> future : futures) {
        try {
          future.get();
        } catch (ExecutionException e) {
          if (first == null) {
            first =
                e.getCause() instanceof RuntimeException r
                    ? r
                    : new IllegalStateException(e.getCause());
          }
        }
      }
      if (first != null) {
        throw first;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while applying", e);
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * Sends one order (or, when Bandwidth's limit is lower, its parts).
   *
   * @param parts the part ids of the planned order this one was cut from, or null for an order of
   *     the plan itself
   */
  private void send(
      String planId,
      PlannedOrder order,
      Map<Fingerprint, Passcode> passcodes,
      Tally tally,
      PartIds parts) {
    if (cancellation.isCancelled()) {
      // Interrupted: no new order goes out; this one is planned again by the next apply.
      tally.notSent.incrementAndGet();
      return;
    }
    int max = maxNumbers.get();
    if (order.numberCount() > max) {
      resplit(planId, order, order.groups(), max, passcodes, tally, parts);
      return;
    }
    // Built before the journal entry: an order Bandwidth would refuse on its face (a
    // CustomerOrderId it does not take) must not leave an entry behind.
    OrderRequest request = request(order, passcodes);
    JournalEntry entry = journalEntry(planId, order, clock.instant());
    session.commit(new StateChange.OrderJournaled(entry));
    OrderStatus created;
    try {
      created = api.createOrder(request);
    } catch (BandwidthException e) {
      if (e.outcomeUnknown()) {
        created = findLost(entry, e, tally);
        if (created == null) {
          return;
        }
        listener.orderSent(order.customerOrderId(), created.orderId(), order.numberCount());
        tally.sent.incrementAndGet();
        follow(entry, created, tally);
        return;
      }
      session.commit(new StateChange.OrderDropped(entry.customerOrderId()));
      if (e.maximumNumbersPerOrder().isPresent()) {
        int limit = e.maximumNumbersPerOrder().getAsInt();
        maxNumbers.accumulateAndGet(limit, Math::min);
        listener.resplit(order.customerOrderId(), limit);
        resplit(planId, order, order.groups(), limit, passcodes, tally, parts);
        return;
      }
      if (e.httpStatus() >= 400
          && e.httpStatus() < 500
          && e.httpStatus() != 401
          && e.httpStatus() != 403) {
        // Bandwidth refused this order's content: its numbers failed, the other orders go on.
        listener.orderRefused(order.customerOrderId(), e.getMessage());
        for (PlannedGroup group : order.groups()) {
          group
              .numbers()
              .forEach(n -> tally.fail(n, e.errorCode(), e.description(), order.customerOrderId()));
        }
        return;
      }
      throw e;
    }
    listener.orderSent(order.customerOrderId(), created.orderId(), order.numberCount());
    tally.sent.incrementAndGet();
    follow(entry, created, tally);
  }

  /**
   * The order whose create answer was lost, once Bandwidth's lookup shows it; null when it does not
   * within the lookup wait. It is never sent again by this run, whatever the lookup says: the
   * lookup may lag behind the create. An order still unknown stays in the journal for the next
   * apply, which resolves it.
   */
  private OrderStatus findLost(JournalEntry entry, BandwidthException lost, Tally tally) {
    String id = entry.customerOrderId();
    Instant until = clock.instant().plus(settings.lookupWait());
    listener.note(
        "The answer to order "
            + id
            + " was lost; Bandwidth's lookup by"
            + " CustomerOrderId may lag behind the create, so portlock looks it up again for up to "
            + human(settings.lookupWait())
            + " and does not send it again.");
    Lookup lookup = lookUp(id, until, () -> {});
    if (lookup.found() != null) {
      return lookup.found();
    }
    if (lookup.failure() != null) {
      lost.addSuppressed(lookup.failure());
      if (!lookup.retryable()) {
        // A refused lookup (401, 403, 4xx) will not heal by waiting: stop, keeping the journal.
        throw lost;
      }
    }
    listener.note(
        "Order "
            + id
            + ": its answer was lost and Bandwidth's lookup still shows no"
            + " such order after "
            + human(settings.lookupWait())
            + ". Its outcome is unknown: it"
            + " stays in the journal and is not sent again; the next 'portlock apply' resolves it.");
    tally.outcomeUnknown.incrementAndGet();
    return null;
  }

  /** What looking an order up by CustomerOrderId came to. */
  private record Lookup(OrderStatus found, BandwidthException failure, boolean retryable) {}

  /**
   * Looks {@code customerOrderId} up until Bandwidth's lookup shows it or {@code until} passes,
   * with waits growing from a twentieth of the lookup wait (45 s by default), doubling. A failed
   * lookup is tried again while it may heal (no answer, 429, 5xx); the last failure is returned
   * when nothing was found.
   */
  private Lookup lookUp(String customerOrderId, Instant until, Runnable onFirstMiss) {
    Duration wait = settings.lookupWait().dividedBy(20);
    boolean missed = false;
    // The waits add up to the lookup wait within six lookups; the count also bounds the loop
    // should the clock stand still.
    for (int lookups = 1; ; lookups++) {
      BandwidthException failure = null;
      try {
        List<OrderStatus> found = api.findOrdersByCustomerOrderId(customerOrderId);
        if (!found.isEmpty()) {
          return new Lookup(found.get(0), null, true);
        }
      } catch (BandwidthException e) {
        failure = e;
      }
      boolean retryable =
          failure == null
              || failure.httpStatus() == 0
              || failure.httpStatus() == 429
              || failure.httpStatus() >= 500;
      Instant end = cancellation.deadline().filter(d -> d.isBefore(until)).orElse(until);
      Duration left = Duration.between(clock.instant(), end);
      if (!retryable || left.isNegative() || left.isZero() || lookups >= MAX_LOOKUPS) {
        return new Lookup(null, failure, retryable);
      }
      if (!missed) {
        missed = true;
        onFirstMiss.run();
      }
      try {
        sleeper.sleep(min(wait.isZero() ? Duration.ofMillis(1) : wait, left));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while looking up order " + customerOrderId, e);
      }
      wait = min(wait.multipliedBy(2), settings.lookupWait());
    }
  }

  /** {@code 15m}, {@code 45s}, {@code 1m30s}, {@code 800ms}. */
  static String human(Duration d) {
    if (d.toMillis() < 1000) {
      return d.toMillis() + "ms";
    }
    long seconds = d.toSeconds();
    if (seconds < 60) {
      return seconds + "s";
    }
    return seconds / 60 + "m" + (seconds % 60 == 0 ? "" : seconds % 60 + "s");
  }

  /**
   * Cuts {@code groups} of {@code order} into parts of at most {@code max} numbers and sends them
   * one after the other. Every part of one planned order, however often its parts are cut again, is
   * named {@code <planned id>-<n>} with n counting up: flat, unique, and within Bandwidth's 40
   * characters. A part is named only when it is sent, so ids stay in step with what was sent.
   */
  private void resplit(
      String planId,
      PlannedOrder order,
      List<PlannedGroup> groups,
      int max,
      Map<Fingerprint, Passcode> passcodes,
      Tally tally,
      PartIds parts) {
    PartIds ids = parts != null ? parts : new PartIds(order.customerOrderId());
    for (List<PlannedGroup> chunk : OrderSplitter.split(groups, max)) {
      int limit = maxNumbers.get();
      if (OrderSplitter.numberCount(chunk) > limit) {
        // Another order learned a lower limit meanwhile: cut this chunk before naming it.
        resplit(planId, order, chunk, limit, passcodes, tally, ids);
      } else {
        send(planId, new PlannedOrder(order.index(), ids.next(), chunk), passcodes, tally, ids);
      }
    }
  }

  /** Hands out the part ids of one planned order: {@code portlock-<plan id>-<index>-<n>}. */
  private static final class PartIds {
    private final String plannedId;
    private final AtomicInteger last = new AtomicInteger();

    PartIds(String plannedId) {
      this.plannedId = plannedId;
    }

    String next() {
      return plannedId + "-" + last.incrementAndGet();
    }
  }

  /** Polls until the order ends, then records what Bandwidth confirmed. */
  private void follow(JournalEntry entry, OrderStatus first, Tally tally) {
    OrderStatus status = first;
    Instant deadline =
        settings.orderTimeout() == null ? null : clock.instant().plus(settings.orderTimeout());
    Duration wait = firstWait();
    boolean firstWait = true;
    while (!status.status().isTerminal()) {
      if (deadline != null && clock.instant().isAfter(deadline)) {
        listener.note(
            "Order "
                + entry.customerOrderId()
                + " ("
                + status.orderId()
                + ") is still "
                + status.status()
                + " after "
                + settings.orderTimeout().toSeconds()
                + "s; it stays in"
                + " the journal and the next apply follows it.");
        tally.unfinished.incrementAndGet();
        return;
      }
      if (graceOver()) {
        listener.note(
            "Order "
                + entry.customerOrderId()
                + " ("
                + status.orderId()
                + ") is still "
                + status.status()
                + " at the end of the "
                + cancellation.grace().toSeconds()
                + "s"
                + " grace period; it stays in the journal and the next apply follows it.");
        tally.unfinished.incrementAndGet();
        return;
      }
      try {
        sleeper.sleep(untilGraceEnds(wait));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(
            "interrupted while following order " + entry.customerOrderId(), e);
      }
      wait =
          firstWait
              ? settings.firstPoll()
              : min(settings.maxPoll(), wait.multipliedBy(3).dividedBy(2));
      firstWait = false;
      status = api.getOrder(status.orderId());
    }
    learn(status);
    record(entry, status, tally);
  }

  /** True once an interrupted apply's grace period has run out: stop following orders. */
  private boolean graceOver() {
    return cancellation.deadline().map(d -> !clock.instant().isBefore(d)).orElse(false);
  }

  /** {@code wait}, cut short so that following orders stops when the grace period ends. */
  private Duration untilGraceEnds(Duration wait) {
    return cancellation
        .deadline()
        .map(d -> min(wait, Duration.between(clock.instant(), d)))
        .orElse(wait);
  }

  /**
   * The first wait: once an order has ended, later ones are first checked when they should be done
   * (Bandwidth's processing time of the last order, plus a little), instead of waking up several
   * times too early; until then, {@code firstPoll}.
   */
  private Duration firstWait() {
    long learned = learnedProcessingMillis.get();
    if (learned <= 0) {
      return settings.firstPoll();
    }
    Duration expected = Duration.ofMillis(Math.min(learned + 100, 60_000));
    return expected.compareTo(settings.firstPoll()) > 0 ? expected : settings.firstPoll();
  }

  private void learn(OrderStatus status) {
    if (status.createdAt() != null && status.lastModifiedAt() != null) {
      long millis = Duration.between(status.createdAt(), status.lastModifiedAt()).toMillis();
      if (millis > 0) {
        learnedProcessingMillis.set(millis);
      }
    }
  }

  private void record(JournalEntry entry, OrderStatus status, Tally tally) {
    Map<Long, NumberError> failed = new LinkedHashMap<>();
    java.util.Set<Long> alreadySet = new java.util.HashSet<>();
    NumberError orderLevel = null;
    for (NumberError error : status.errors()) {
      if (error.number() == null) {
        orderLevel = error;
      } else if (error.code() == ALREADY_SET) {
        alreadySet.add(error.number());
      } else {
        failed.put(error.number(), error);
      }
    }
    // Bandwidth ends an order FAILED when no number of it changed, also when every number
    // answered 5195 (it already holds that very passcode). In a FAILED order only a 5195
    // confirms a number; one that Bandwidth names with no error at all is not confirmed.
    boolean orderFailed = status.status() == ProcessingStatus.FAILED;
    if (orderFailed && !alreadySet.isEmpty() && failed.isEmpty()) {
      listener.note(
          "Bandwidth ended order "
              + entry.customerOrderId()
              + " FAILED because its"
              + " numbers already hold the passcode it sets (code 5195); they count as set.");
    }
    Instant now = clock.instant();
    List<StateChange.Applied> applied = new ArrayList<>();
    NumberSet.Builder clearedNumbers = new NumberSet.Builder();
    int succeeded = 0;
    int cleared = 0;
    int failures = 0;
    for (JournalEntry.Group group : entry.groups()) {
      NumberSet.Builder ok = new NumberSet.Builder();
      for (int i = 0; i < group.numbers().size(); i++) {
        long number = group.numbers().get(i);
        NumberError error = failed.get(number);
        if (error == null && orderFailed && !alreadySet.contains(number)) {
          error =
              orderLevel != null
                  ? orderLevel
                  : new NumberError(0, "the order FAILED without a reason", number);
        }
        if (error != null) {
          tally.fail(number, error.code(), error.description(), entry.customerOrderId());
          failures++;
        } else {
          ok.add(number);
          tally.succeed(number, group.isRemoval());
          succeeded++;
          cleared += group.isRemoval() ? 1 : 0;
        }
      }
      NumberSet done = ok.build();
      if (group.target() instanceof Target.Set set) {
        if (!done.isEmpty()) {
          applied.add(
              new StateChange.Applied(
                  done,
                  new StateEntry(
                      set.group(),
                      set.fingerprint(),
                      now,
                      status.orderId(),
                      entry.customerOrderId())));
        }
      } else {
        clearedNumbers.addAll(done);
      }
    }
    for (NumberWarning warning : status.warnings()) {
      listener.warning(entry.customerOrderId(), warning);
    }
    session.commit(
        new StateChange.OrderRecorded(entry.customerOrderId(), applied, clearedNumbers.build()));
    listener.orderEnded(status, succeeded - cleared, cleared, failures);
  }

  private static JournalEntry journalEntry(String planId, PlannedOrder order, Instant now) {
    List<JournalEntry.Group> groups = new ArrayList<>();
    for (PlannedGroup g : order.groups()) {
      groups.add(new JournalEntry.Group(g.target(), g.numbers()));
    }
    return new JournalEntry(order.customerOrderId(), planId, now, null, groups);
  }

  /** One TnOptionGroup per distinct passcode (config groups sharing one travel together). */
  static OrderRequest request(PlannedOrder order, Map<Fingerprint, Passcode> passcodes) {
    Map<Optional<Fingerprint>, NumberSet.Builder> byChange = new LinkedHashMap<>();
    Map<Optional<Fingerprint>, PasscodeChange> changes = new LinkedHashMap<>();
    for (PlannedGroup group : order.groups()) {
      Optional<Fingerprint> key = group.target().passcodeKey();
      changes.computeIfAbsent(
          key,
          k -> {
            if (!(group.target() instanceof Target.Set set)) {
              return new PasscodeChange.Clear();
            }
            Passcode passcode = passcodes.get(set.fingerprint());
            if (passcode == null) {
              throw new IllegalStateException(
                  "no passcode for fingerprint "
                      + set.fingerprint().shortForm()
                      + " of group "
                      + set.group());
            }
            return new PasscodeChange.Set(passcode);
          });
      byChange.computeIfAbsent(key, k -> new NumberSet.Builder()).addAll(group.numbers());
    }
    List<OptionGroup> groups = new ArrayList<>();
    byChange.forEach(
        (key, numbers) -> groups.add(new OptionGroup(changes.get(key), numbers.build())));
    return new OrderRequest(order.customerOrderId(), groups);
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  /** Counts results as orders end, from any thread. */
  private static final class Tally {
    private final NumberSet adds;
    private final AtomicInteger added = new AtomicInteger();
    private final AtomicInteger changed = new AtomicInteger();
    private final AtomicInteger removed = new AtomicInteger();
    private final AtomicInteger sent = new AtomicInteger();
    private final AtomicInteger resumed = new AtomicInteger();
    private final AtomicInteger unfinished = new AtomicInteger();
    private final AtomicInteger notSent = new AtomicInteger();
    private final AtomicInteger outcomeUnknown = new AtomicInteger();
    private final List<NumberFailure> failures = Collections.synchronizedList(new ArrayList<>());

    Tally(Plan plan) {
      NumberSet.Builder builder = new NumberSet.Builder();
      if (plan != null) {
        for (Change change : plan.changes()) {
          if (change instanceof Change.Add) {
            builder.addAll(change.numbers());
          }
        }
      }
      this.adds = builder.build();
    }

    void succeed(long number, boolean removal) {
      if (removal) {
        removed.incrementAndGet();
      } else if (adds.contains(number)) {
        added.incrementAndGet();
      } else {
        changed.incrementAndGet();
      }
    }

    void fail(long number, Integer code, String description, String customerOrderId) {
      failures.add(new NumberFailure(number, code, description, customerOrderId));
    }

    ApplyResult result(State state, long droppedLeft) {
      List<NumberFailure> sorted = new ArrayList<>(failures);
      sorted.sort(java.util.Comparator.comparingLong(NumberFailure::number));
      return new ApplyResult(
          state,
          added.get(),
          changed.get(),
          removed.get(),
          sorted,
          sent.get(),
          resumed.get(),
          unfinished.get(),
          droppedLeft,
          notSent.get(),
          outcomeUnknown.get());
    }
  }
}
