package io.portlock.engine;

import io.portlock.apply.Applier;
import io.portlock.apply.ApplyListener;
import io.portlock.apply.ApplyResult;
import io.portlock.apply.ApplySettings;
import io.portlock.apply.Cancellation;
import io.portlock.bandwidth.BandwidthApi;
import io.portlock.config.Config;
import io.portlock.config.GroupConfig;
import io.portlock.config.SafetySettings;
import io.portlock.domain.Fingerprint;
import io.portlock.domain.NumberSet;
import io.portlock.domain.Passcode;
import io.portlock.plan.Change;
import io.portlock.plan.ConfigDigest;
import io.portlock.plan.Desired;
import io.portlock.plan.Plan;
import io.portlock.plan.PlanCodec;
import io.portlock.plan.PlanContext;
import io.portlock.plan.PlanIntegrity;
import io.portlock.plan.Planner;
import io.portlock.state.State;
import io.portlock.state.StateChange;
import io.portlock.state.StateSession;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * The apply use case, one run under the state's lock: resume what an interrupted apply left in the
 * journal, plan afresh or check a saved plan (its MAC, that it is not stale, and that planning
 * again gives the same plan), enforce the guards, then send the orders.
 *
 * <p>The caller decides between the steps: it renders the plan, asks for approval and listens to
 * the run (progress, signals). Only here do the config's passcodes reach the applier.
 */
public final class Applying implements AutoCloseable {

  /** A plan checked and ready to send, with the state it applies to. */
  /**
   * A plan checked and ready to send, with the state it applies to.
   *
   * @param config the config the plan was made from (its inventory group filled in)
   */
  public record Ready(
      Plan plan, State state, Map<String, Fingerprint> fingerprints, Config config) {}

  private final Project project;
  private final BandwidthApi api;
  private final ApplySettings settings;
  private final Cancellation cancellation;
  private final StateSession session;
  private Optional<State> recorded;

  /** The state a saved plan applies to and its fingerprints, once {@link #checkSaved} passed. */
  private State savedState;

  private Map<String, Fingerprint> savedFingerprints;

  /** The project as the saved plan resolved it (its inventory group filled in). */
  private Project savedProject;

  private Applying(
      Project project,
      BandwidthApi api,
      ApplySettings settings,
      Cancellation cancellation,
      StateSession session) {
    this.project = project;
    this.api = api;
    this.settings = settings;
    this.cancellation = cancellation;
    this.session = session;
  }

  /** Takes the state's lock, waiting up to {@code lockTimeout}, and reads the state again. */
  public static Applying begin(
      Project project,
      BandwidthApi api,
      ApplySettings settings,
      Cancellation cancellation,
      Duration lockTimeout) {
    StateSession session = project.open("apply", lockTimeout);
    Applying applying = new Applying(project, api, settings, cancellation, session);
    applying.recorded = session.state();
    return applying;
  }

  /** The state as read under the lock; empty before the first apply. */
  public Optional<State> recorded() {
    return recorded;
  }

  /**
   * Takes in what following the journal recorded. Going on would be wrong while orders stay
   * unresolved (planning now would send their numbers again in a new order), and after resuming
   * before a saved plan (the plan was made from the state before the resume).
   */
  public void resumed(ApplyResult result) {
    if (savedState != null) {
      throw new UseCaseException(
          "an interrupted apply left orders in the journal; they are now"
              + " resumed and recorded, so the plan is stale: run 'portlock plan --out FILE' again,"
              + " review it and apply that");
    }
    recorded = Optional.of(result.state());
    if (!result.state().journal().isEmpty()) {
      throw new UseCaseException(
          result.state().journal().size()
              + " orders of an interrupted"
              + " apply are still unresolved and stay in the journal; nothing new was sent. Run"
              + " 'portlock apply' again later to follow them");
    }
  }

  /** Plans afresh from the config and the state, reading back from Bandwidth when asked. */
  public Ready planAfresh(boolean refresh) {
    Planning.Result planned = new Planning(project).plan(recorded, refresh ? api : null);
    return new Ready(planned.plan(), planned.state(), planned.fingerprints(), project.config());
  }

  /**
   * Checks a saved plan's MAC and that it was made from this config and state; returns the state it
   * applies to (a new one, of the plan's lineage, before the first apply).
   *
   * @param planFile the file as the user named it, for messages
   */
  public State checkSaved(PlanCodec.Saved file, String planFile) {
    Plan plan = file.plan();
    Map<String, Fingerprint> fingerprints =
        project.fingerprints(
            plan.kdf(),
            recorded.filter(s -> s.kdf().equals(plan.kdf())).map(State::seal).orElse(null));
    checkMac(file, planFile);
    // The config is resolved as the plan resolved it, so that its digest compares like with
    // like: a number bought since, or one the account now says cannot hold a passcode (taken out
    // of its group), makes the plan stale.
    Project resolved =
        project.config().inventoryGroup().isEmpty()
                && (!plan.refreshed()
                    || project.config().safety().unmanaged() == SafetySettings.Unmanaged.IGNORE)
            ? project
            : project.withConfig(
                new Planning(project)
                    .resolve(project.stateOrEmpty(recorded), plan.refreshed() ? api : null)
                    .config());
    checkNotStale(resolved, plan, fingerprints);
    savedProject = resolved;
    savedFingerprints = fingerprints;
    savedState =
        recorded.orElseGet(
            () ->
                State.empty(
                    plan.stateLineage() == null
                        ? UUID.randomUUID().toString()
                        : plan.stateLineage(),
                    project.config().account(),
                    plan.kdf()));
    return savedState;
  }

  /**
   * Plans again from the config, the state and the read-back the file recorded, and refuses a file
   * that differs: an edited order, change, removal or "left the account" is caught here, before
   * anything is sent. What is sent and guarded from here on is that plan, not the file. Numbers it
   * records without an order, or drops as gone, are asked about once more.
   */
  public Ready replanSaved(PlanCodec.Saved file, String planFile) {
    if (savedState == null) {
      checkSaved(file, planFile);
    }
    State state = savedState;
    Map<String, Fingerprint> fingerprints = savedFingerprints;
    Plan saved = file.plan();
    String refused =
        "the plan file "
            + planFile
            + " does not match what its config, state and"
            + " recorded read-back produce: ";
    String fix =
        "; it was edited or damaged, so nothing was sent. Run 'portlock plan --out FILE'"
            + " again, review it and apply the new plan";
    PlanContext context;
    try {
      context =
          new PlanContext(saved.planId(), saved.createdAt(), saved.gitCommit(), saved.configFile());
    } catch (IllegalArgumentException e) {
      throw new UseCaseException(refused + e.getMessage() + fix);
    }
    Plan expected =
        Planner.plan(
            Desired.of(savedProject.config()),
            fingerprints,
            savedProject.saltedAs(state.kdf()),
            state,
            recorded.isPresent(),
            saved.observed(),
            saved.refreshed(),
            context);
    NumberSet configured = NumberSet.empty();
    for (GroupConfig group : savedProject.config().groups()) {
      configured = configured.union(group.numbers());
    }
    Optional<String> problem = PlanIntegrity.difference(saved, expected, configured);
    if (problem.isPresent()) {
      throw new UseCaseException(refused + problem.get() + fix);
    }
    Plan plan = expected.withNotices(saved.notices());
    confirmLeftAccount(plan);
    confirmAlreadySet(plan, savedProject);
    return new Ready(plan, state, fingerprints, savedProject.config());
  }

  /** Refuses removals without {@code allowRemovals} and a tripped guard without {@code force}. */
  public void enforceGuards(Ready ready, boolean allowRemovals, boolean force) {
    Guards.enforce(ready.plan(), ready.config(), ready.state(), allowRemovals, force);
  }

  /**
   * An apply of {@code state} whose progress {@code listener} hears. Before the first apply, {@code
   * state} (the one the plan was made from) becomes the stored one.
   */
  public Run run(State state, ApplyListener listener) {
    if (session.state().isEmpty()) {
      session.commit(new StateChange.Replaced(state));
    }
    return new Run(
        new Applier(
            api,
            session,
            settings,
            listener,
            Clock.systemUTC(),
            d -> Thread.sleep(d.toMillis()),
            cancellation));
  }

  /** One pass of the applier: resume the journal, or send a plan. */
  public final class Run {
    private final Applier applier;

    private Run(Applier applier) {
      this.applier = applier;
    }

    /** The state as recorded so far (its journal holds the orders sent and not yet recorded). */
    public State state() {
      return applier.state();
    }

    /** Follows the orders an interrupted apply left in the journal. */
    public ApplyResult resume() {
      return applier.resume();
    }

    /**
     * Sends the plan's orders with the config's passcodes; records what Bandwidth confirms. First
     * it seals the fingerprints, unless the state's seal already holds them, so that the next plan
     * derives one key instead of every group's fingerprint.
     */
    public ApplyResult apply(Ready ready) {
      session
          .state()
          .filter(stored -> stored.kdf().equals(ready.state().kdf()))
          .flatMap(stored -> project.sealToRecord(stored, ready.fingerprints()))
          .ifPresent(seal -> session.commit(new StateChange.FingerprintsSealed(seal)));
      Map<Fingerprint, Passcode> passcodes = new HashMap<>();
      project
          .passcodes()
          .forEach((group, passcode) -> passcodes.put(ready.fingerprints().get(group), passcode));
      return applier.apply(ready.plan(), passcodes);
    }
  }

  @Override
  public void close() {
    session.close();
  }

  /**
   * A plan whose fingerprints are keyed must carry the MAC of its content under that key (the
   * fingerprinter has checked it is this run's key): without the key, no byte can be changed.
   */
  private void checkMac(PlanCodec.Saved file, String planFile) {
    if (!file.plan().kdf().keyed()) {
      return;
    }
    String again =
        "; nothing was sent. Run 'portlock plan --out FILE' again, review it and apply"
            + " the new plan";
    if (file.mac() == null) {
      throw new UseCaseException(
          "the plan file "
              + planFile
              + " carries no MAC, but its"
              + " fingerprints are keyed (key id "
              + file.plan().kdf().keyId()
              + "), so every plan"
              + " saved with the key has one: the file was edited"
              + again);
    }
    byte[] expected = PlanCodec.mac(file.plan(), project.key()).getBytes(StandardCharsets.US_ASCII);
    if (!MessageDigest.isEqual(expected, file.mac().getBytes(StandardCharsets.US_ASCII))) {
      throw new UseCaseException(
          "the plan file "
              + planFile
              + " was edited or damaged: its MAC"
              + " does not match its content under key id "
              + project.key().id()
              + again);
    }
  }

  /** A saved plan is applied only to the state and config it was made from. */
  private void checkNotStale(Project resolved, Plan plan, Map<String, Fingerprint> fingerprints) {
    String again = "; run 'portlock plan --out FILE' again, review it and apply the new plan";
    if (!plan.account().equals(project.config().account())) {
      throw new UseCaseException(
          "the plan is for account "
              + plan.account()
              + " but the config"
              + " declares account "
              + project.config().account()
              + again);
    }
    String lineage = recorded.map(State::lineage).orElse(null);
    long serial = recorded.map(State::serial).orElse(0L);
    if (!Objects.equals(lineage, plan.stateLineage()) || serial != plan.stateSerial()) {
      throw new UseCaseException(
          "the plan is stale: it was made from state "
              + describe(plan.stateLineage(), plan.stateSerial())
              + " but the state is now "
              + describe(lineage, serial)
              + again);
    }
    if (!ConfigDigest.of(resolved.config()).equals(plan.configDigest())) {
      throw new UseCaseException(
          "the plan is stale: the config changed since it was made"
              + (resolved.config().inventoryGroup().isPresent()
                  ? " (or the account's numbers that its inventory group takes)"
                  : "")
              + again);
    }
    if (!fingerprints.equals(plan.groupFingerprints())) {
      throw new UseCaseException(
          "the plan is stale: a passcode read from its source no longer"
              + " matches the plan's fingerprint"
              + again);
    }
  }

  private static String describe(String lineage, long serial) {
    return lineage == null ? "(none yet)" : lineage + " serial " + serial;
  }

  /**
   * Numbers the plan drops from the state as having left the account are asked about once more: the
   * state forgets a number only when Bandwidth confirms it is gone.
   */
  private void confirmLeftAccount(Plan plan) {
    NumberSet left = plan.leftAccount();
    if (left.isEmpty()) {
      return;
    }
    NumberSet stillThere = left.minus(api.readPasscodes(left).notOnAccount());
    if (!stillThere.isEmpty()) {
      throw new UseCaseException(
          "the plan says "
              + stillThere.size()
              + (stillThere.size() == 1 ? " number (" : " numbers (")
              + stillThere.ranges(1).get(0)
              + (stillThere.rangeCount() > 1 ? ", \u2026" : "")
              + ") left the account, but"
              + " Bandwidth still has "
              + (stillThere.size() == 1 ? "it" : "them")
              + "; the plan"
              + " file was edited, or the numbers came back, so nothing was sent. Run 'portlock plan"
              + " --out FILE' again, review it and apply the new plan");
    }
  }

  /**
   * Numbers the plan records without an order are read back once more: the state records a
   * protection without an order only while Bandwidth confirms it holds that very passcode.
   */
  private void confirmAlreadySet(Plan plan, Project resolved) {
    Map<String, Passcode> desired = resolved.passcodes();
    NumberSet.Builder adopted = new NumberSet.Builder();
    for (Change change : plan.changes()) {
      if (change instanceof Change.Adopt) {
        adopted.addAll(change.numbers());
      }
    }
    NumberSet numbers = adopted.build();
    if (numbers.isEmpty()) {
      return;
    }
    Map<Long, Passcode> held = api.readPasscodes(numbers).passcodes();
    NumberSet.Builder notHeld = new NumberSet.Builder();
    for (Change change : plan.changes()) {
      if (change instanceof Change.Adopt adopt) {
        Passcode wanted = desired.get(adopt.group());
        adopt
            .numbers()
            .forEach(
                n -> {
                  if (wanted == null || !wanted.equals(held.get(n))) {
                    notHeld.add(n);
                  }
                });
      }
    }
    NumberSet missing = notHeld.build();
    if (!missing.isEmpty()) {
      throw new UseCaseException(
          "the plan records "
              + missing.size()
              + (missing.size() == 1 ? " number (" : " numbers (")
              + missing.ranges(1).get(0)
              + (missing.rangeCount() > 1 ? ", \u2026" : "")
              + ") as already holding its"
              + " passcode, but Bandwidth no longer holds it; the passcodes changed since the plan, or"
              + " the plan file was edited, so nothing was sent. Run 'portlock plan --out FILE'"
              + " again, review it and apply the new plan");
    }
  }
}
