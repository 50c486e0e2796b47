package io.portlock.engine;

import io.portlock.config.Config;
import io.portlock.config.GroupConfig;
import io.portlock.domain.Fingerprint;
import io.portlock.domain.FingerprintKey;
import io.portlock.domain.FingerprintSeal;
import io.portlock.domain.Fingerprinter;
import io.portlock.domain.FingerprintsAhead;
import io.portlock.domain.KdfParameters;
import io.portlock.domain.Passcode;
import io.portlock.state.State;
import io.portlock.state.StateException;
import io.portlock.state.StateSession;
import io.portlock.state.StateStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * What every use case starts from: the loaded config, the store of its state and this run's
 * fingerprint key, with the fingerprints derived from them.
 *
 * @param key {@code PORTLOCK_FINGERPRINT_KEY}, or null when unset
 * @param workDir the folder portlock runs in: config places below it are shown relative to it
 * @param ahead the fingerprints started while the config and the state were still being read
 */
public record Project(
    Config config, StateStore store, FingerprintKey key, Path workDir, FingerprintsAhead ahead) {

  /** A project whose fingerprints are all derived when asked. */
  public Project(Config config, StateStore store, FingerprintKey key, Path workDir) {
    this(config, store, key, workDir, FingerprintsAhead.none());
  }

  /** The same project with {@code resolved} (its inventory group filled in) as the config. */
  public Project withConfig(Config resolved) {
    return new Project(resolved, store, key, workDir, ahead);
  }

  /** Checks that a state read belongs to the config's account. */
  public State checkAccount(State state) {
    if (!state.account().equals(config.account())) {
      throw new StateException(
          store.location(),
          "this state belongs to account "
              + state.account()
              + " but "
              + config.file().getFileName()
              + " declares account "
              + config.account()
              + "; pass --state with that account's state file, or fix"
              + " 'account:' in the config");
    }
    return state;
  }

  /** Reads the state without a lock (as plan does), checked to belong to the account. */
  public Optional<State> read() {
    Optional<State> state = store.read();
    state.ifPresent(this::checkAccount);
    return state;
  }

  /**
   * Takes the lock and reads the state again; the state, if any, is checked to belong to the
   * config's account (the lock is released when it does not).
   *
   * @param operation what takes the lock ({@code apply}, {@code state rm}), shown to others
   */
  public StateSession open(String operation, Duration lockTimeout) {
    StateSession session = store.open(operation, lockTimeout);
    try {
      session.state().ifPresent(this::checkAccount);
    } catch (RuntimeException e) {
      session.close();
      throw e;
    }
    return session;
  }

  /** The state, or an empty one with fresh KDF parameters when nothing was applied yet. */
  public State stateOrEmpty(Optional<State> state) {
    return state.orElseGet(
        () ->
            State.empty(
                config.account(), ahead.parametersForNewState(() -> KdfParameters.generate(key))));
  }

  /**
   * Each group's passcode fingerprint under the state's parameters: from its seal when that opens
   * with the config's passcodes, else derived ahead, or now in parallel.
   */
  public Map<String, Fingerprint> fingerprints(State state) {
    return fingerprints(state.kdf(), state.seal());
  }

  /**
   * Each group's passcode fingerprint under {@code kdf}: from {@code seal} (null: none) when it
   * opens with the config's passcodes, else derived ahead, or now in parallel.
   */
  public Map<String, Fingerprint> fingerprints(KdfParameters kdf, FingerprintSeal seal) {
    return ahead.fingerprints(fingerprinter(kdf), passcodes(), seal);
  }

  /**
   * The seal to record in {@code state} for {@code fingerprints} (this config's, under the state's
   * parameters), or empty when the state's own seal already holds exactly them.
   */
  public Optional<FingerprintSeal> sealToRecord(
      State state, Map<String, Fingerprint> fingerprints) {
    Fingerprinter fingerprinter = fingerprinter(state.kdf());
    Fingerprinter.SealKey sealKey = ahead.sealKey(fingerprinter, passcodes());
    if (Fingerprinter.open(sealKey, state.seal()).filter(fingerprints::equals).isPresent()) {
      return Optional.empty();
    }
    return Optional.of(Fingerprinter.seal(sealKey, fingerprints));
  }

  /**
   * The fingerprint of a config group's passcode under another group's salt, each pair derived
   * once: how the planner tells that a number recorded under another group keeps its passcode.
   */
  public BiFunction<String, String, Fingerprint> saltedAs(KdfParameters kdf) {
    Fingerprinter fingerprinter = fingerprinter(kdf);
    Map<String, Passcode> byGroup = passcodes();
    Map<List<String>, Fingerprint> derived = new HashMap<>();
    return (group, recordedGroup) ->
        derived.computeIfAbsent(
            List.of(group, recordedGroup),
            k -> fingerprinter.fingerprint(recordedGroup, byGroup.get(group)));
  }

  /** A fingerprinter for {@code kdf} with this run's key: a wrong or missing key is an error. */
  public Fingerprinter fingerprinter(KdfParameters kdf) {
    try {
      return new Fingerprinter(kdf, key);
    } catch (FingerprintKey.MismatchException e) {
      throw new StateException(store.location(), e.getMessage());
    }
  }

  /** The config path as the user would write it: relative to the working folder when inside. */
  public String displayConfigPath() {
    Path file = config.file();
    return file.startsWith(workDir) ? workDir.relativize(file).toString() : file.toString();
  }

  /** Each config group's passcode, by group name: only the applier and the drift check see them. */
  Map<String, Passcode> passcodes() {
    Map<String, Passcode> byGroup = new LinkedHashMap<>();
    for (GroupConfig group : config.groups()) {
      byGroup.put(group.name(), group.passcode());
    }
    return byGroup;
  }
}
