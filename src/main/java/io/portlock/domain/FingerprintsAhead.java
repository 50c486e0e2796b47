package io.portlock.domain;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Fingerprints derived ahead of need. The KDF is slow on purpose (about a tenth of a second per
 * group on a cold JVM), so each group's passcode is derived on the KDF's threads as soon as both it
 * and the state's KDF parameters are known: while the rest of the config's numbers files, the state
 * and Bandwidth's read-back are still being read, instead of after them.
 *
 * <p>A derivation ahead is only a head start: it is used only for exactly the parameters, key and
 * passcode it was made from, and anything else (a state that changed between the hint and the read,
 * a group added later) is derived when asked. Derivations nobody asks for are abandoned with their
 * daemon threads.
 */
public final class FingerprintsAhead {
  private static final FingerprintsAhead NONE = new FingerprintsAhead(null, false);

  private final FingerprintKey key;
  private final boolean enabled;
  private final Map<String, Passcode> passcodes = new LinkedHashMap<>();
  private final Map<String, Derivation> derived = new LinkedHashMap<>();
  private Fingerprinter fingerprinter;
  private KdfParameters fresh;
  private ExecutorService threads;
  private CompletableFuture<Fingerprint> first;

  private record Derivation(Passcode passcode, CompletableFuture<Fingerprint> fingerprint) {}

  private FingerprintsAhead(FingerprintKey key, boolean enabled) {
    this.key = key;
    this.enabled = enabled;
  }

  /** Derives ahead with this run's {@code key} (null when unset). */
  public static FingerprintsAhead withKey(FingerprintKey key) {
    return new FingerprintsAhead(key, true);
  }

  /** Never derives ahead: every fingerprint is derived when asked. */
  public static FingerprintsAhead none() {
    return NONE;
  }

  /** A group's passcode, as soon as the config resolved it. */
  public synchronized void passcode(String group, Passcode passcode) {
    if (!enabled) {
      return;
    }
    passcodes.put(group, passcode);
    if (fingerprinter != null) {
      derive(group, passcode);
    }
  }

  /**
   * The KDF parameters the fingerprints will be compared under: a hint read ahead of the state,
   * then the state's own, which replace the hint's if they differ. A key that does not fit them is
   * left for the real derivation to report.
   */
  public synchronized void parameters(KdfParameters kdf) {
    if (!enabled || (fingerprinter != null && fingerprinter.parameters().equals(kdf))) {
      return;
    }
    try {
      fingerprinter = new Fingerprinter(kdf, key);
    } catch (FingerprintKey.MismatchException e) {
      fingerprinter = null;
      return;
    }
    derived.clear();
    passcodes.forEach(this::derive);
  }

  /**
   * There is no state yet: new parameters are made now, so that the fingerprints under them start
   * at once, and {@link #parametersForNewState} hands the same ones to the new state.
   */
  public synchronized void noState() {
    if (enabled && fingerprinter == null) {
      fresh = KdfParameters.generate(key);
      parameters(fresh);
    }
  }

  /** The parameters made by {@link #noState}, or new ones from {@code generate}. */
  public synchronized KdfParameters parametersForNewState(Supplier<KdfParameters> generate) {
    return fresh != null ? fresh : generate.get();
  }

  private void derive(String group, Passcode passcode) {
    Derivation known = derived.get(group);
    if (known != null && known.passcode().equals(passcode)) {
      return;
    }
    if (threads == null) {
      // One thread per core, each ending a second after its last derivation: a long-lived
      // process (a test run, the sandbox's own commands) keeps no idle threads behind.
      int cores = Runtime.getRuntime().availableProcessors();
      ThreadPoolExecutor pool =
          new ThreadPoolExecutor(
              cores,
              cores,
              1,
              TimeUnit.SECONDS,
              new LinkedBlockingQueue<>(),
              DaemonThreads.named("portlock-kdf"));
      pool.allowCoreThreadTimeOut(true);
      threads = pool;
    }
    Fingerprinter using = fingerprinter;
    CompletableFuture<Fingerprint> fingerprint;
    if (first == null) {
      fingerprint =
          CompletableFuture.supplyAsync(() -> using.fingerprint(group, passcode), threads);
      first = fingerprint;
    } else {
      // The others start once the first is done: until the JIT has compiled SHA-256 to the CPU's
      // SHA instructions a derivation costs several times its warm price, and two threads paying
      // it at once take that CPU from the config and state being read beside them.
      fingerprint =
          first
              .handle((done, failed) -> null)
              .thenApplyAsync(ignored -> using.fingerprint(group, passcode), threads);
    }
    derived.put(group, new Derivation(passcode, fingerprint));
  }

  /**
   * Each group's fingerprint under {@code fingerprinter}: those derived ahead under the same
   * parameters and key from the same passcode, the rest derived now (in parallel).
   */
  public Map<String, Fingerprint> fingerprints(
      Fingerprinter fingerprinter, Map<String, Passcode> passcodes) {
    Map<String, CompletableFuture<Fingerprint>> ahead = new LinkedHashMap<>();
    synchronized (this) {
      // Equal parameters name the same key id, and both fingerprinters were checked against it.
      if (this.fingerprinter != null
          && this.fingerprinter.parameters().equals(fingerprinter.parameters())) {
        passcodes.forEach(
            (group, passcode) -> {
              Derivation d = derived.get(group);
              if (d != null && d.passcode().equals(passcode)) {
                ahead.put(group, d.fingerprint());
              }
            });
      }
    }
    Map<String, Passcode> rest = new LinkedHashMap<>(passcodes);
    rest.keySet().removeAll(ahead.keySet());
    Map<String, Fingerprint> now =
        rest.isEmpty() ? Map.of() : fingerprinter.fingerprintGroups(rest);
    Map<String, Fingerprint> result = new LinkedHashMap<>();
    for (String group : passcodes.keySet()) {
      CompletableFuture<Fingerprint> f = ahead.get(group);
      result.put(group, f == null ? now.get(group) : join(f));
    }
    return result;
  }

  /** Whether {@code group}'s passcode is derived ahead under {@code kdf} (for tests). */
  synchronized boolean derivesAhead(KdfParameters kdf, String group) {
    return fingerprinter != null
        && fingerprinter.parameters().equals(kdf)
        && derived.containsKey(group);
  }

  private static Fingerprint join(CompletableFuture<Fingerprint> fingerprint) {
    try {
      return fingerprint.join();
    } catch (CompletionException e) {
      throw new IllegalStateException(
          "fingerprinting failed: " + e.getCause().getClass().getSimpleName(), e.getCause());
    }
  }
}
