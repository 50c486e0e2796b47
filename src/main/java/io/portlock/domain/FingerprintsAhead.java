package io.portlock.domain;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
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
 * <p>When the state holds a {@link FingerprintSeal}, only its key is derived ahead (one derivation
 * of all the passcodes together): if the seal opens, that is all the plan needs; if it stays shut,
 * every group's derivation starts then.
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
  private Map<String, Passcode> passcodes = Map.of();
  private final Map<String, Derivation> derived = new LinkedHashMap<>();
  private Fingerprinter fingerprinter;
  private boolean sealed;
  private CompletableFuture<Fingerprinter.SealKey> sealKey;
  private KdfParameters fresh;
  private ExecutorService threads;
  private CompletableFuture<?> first;

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

  /** Every group's passcode, as soon as the config resolved them all, before any number. */
  public synchronized void passcodes(Map<String, Passcode> resolved) {
    if (!enabled) {
      return;
    }
    passcodes = Map.copyOf(resolved);
    start();
  }

  /**
   * The KDF parameters the fingerprints will be compared under, and whether the state holds a seal:
   * a hint read ahead of the state, then the state's own ({@link #stateRead}), which replace the
   * hint's if they differ. A key that does not fit them is left for the real derivation to report.
   */
  public synchronized void parameters(KdfParameters kdf, boolean sealedState) {
    if (!enabled || (sameParameters(kdf) && sealed == sealedState)) {
      return;
    }
    if (!sameParameters(kdf)) {
      try {
        fingerprinter = new Fingerprinter(kdf, key);
      } catch (FingerprintKey.MismatchException e) {
        fingerprinter = null;
        return;
      }
      derived.clear();
      sealKey = null;
    }
    sealed = sealedState;
    start();
  }

  /**
   * The state as read: its parameters and seal. When the seal does not open with the config's
   * passcodes (one changed, a group was added), every group's derivation starts.
   */
  public synchronized void stateRead(KdfParameters kdf, FingerprintSeal seal) {
    parameters(kdf, seal != null);
    if (!enabled || seal == null || sealKey == null) {
      return;
    }
    Fingerprinter at = fingerprinter;
    Map<String, Passcode> sealedPasscodes = passcodes;
    sealKey.thenAccept(
        k -> {
          if (Fingerprinter.open(k, seal).isEmpty()) {
            synchronized (this) {
              if (fingerprinter == at && passcodes.equals(sealedPasscodes)) {
                passcodes.forEach(this::derive);
              }
            }
          }
        });
  }

  /**
   * There is no state yet: new parameters are made now, so that the fingerprints under them start
   * at once, and {@link #parametersForNewState} hands the same ones to the new state.
   */
  public synchronized void noState() {
    if (enabled && fingerprinter == null) {
      fresh = KdfParameters.generate(key);
      parameters(fresh, false);
    }
  }

  /** The parameters made by {@link #noState}, or new ones from {@code generate}. */
  public synchronized KdfParameters parametersForNewState(Supplier<KdfParameters> generate) {
    return fresh != null ? fresh : generate.get();
  }

  /**
   * Starts what the parameters and passcodes known so far call for: the seal's key, or each group.
   */
  private void start() {
    if (fingerprinter == null || passcodes.isEmpty()) {
      return;
    }
    if (!sealed) {
      passcodes.forEach(this::derive);
    } else if (sealKey == null) {
      Fingerprinter using = fingerprinter;
      Map<String, Passcode> all = passcodes;
      sealKey = later(() -> using.sealKey(all));
    }
  }

  private void derive(String group, Passcode passcode) {
    Derivation known = derived.get(group);
    if (known != null && known.passcode().equals(passcode)) {
      return;
    }
    Fingerprinter using = fingerprinter;
    derived.put(group, new Derivation(passcode, later(() -> using.fingerprint(group, passcode))));
  }

  /**
   * Runs {@code derivation} on the KDF's threads. The first runs alone and the others start once it
   * is done: until the JIT has compiled SHA-256 to the CPU's SHA instructions a derivation costs
   * several times its warm price, and two threads paying it at once take that CPU from the config
   * and state being read beside them.
   */
  private <T> CompletableFuture<T> later(Supplier<T> derivation) {
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
    if (first == null) {
      CompletableFuture<T> alone = CompletableFuture.supplyAsync(derivation, threads);
      first = alone;
      return alone;
    }
    return first
        .handle((done, failed) -> null)
        .thenApplyAsync(ignored -> derivation.get(), threads);
  }

  /**
   * Each group's fingerprint under {@code fingerprinter}: those {@code seal} holds when it opens
   * with these passcodes, else those derived ahead under the same parameters and key from the same
   * passcode, the rest derived now (in parallel).
   *
   * @param seal the state's seal, or null
   */
  public Map<String, Fingerprint> fingerprints(
      Fingerprinter fingerprinter, Map<String, Passcode> passcodes, FingerprintSeal seal) {
    if (seal != null && !passcodes.isEmpty()) {
      Optional<Map<String, Fingerprint>> opened =
          Fingerprinter.open(sealKey(fingerprinter, passcodes), seal);
      if (opened.isPresent()) {
        Map<String, Fingerprint> result = new LinkedHashMap<>();
        passcodes.keySet().forEach(group -> result.put(group, opened.get().get(group)));
        return result;
      }
      synchronized (this) {
        // What stateRead starts once the key is derived, unless it has already.
        if (sameParameters(fingerprinter) && this.passcodes.equals(passcodes)) {
          passcodes.forEach(this::derive);
        }
      }
    }
    return fingerprints(fingerprinter, passcodes);
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
      if (sameParameters(fingerprinter)) {
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

  /**
   * The key of a seal over {@code passcodes} under {@code fingerprinter}: the one derived ahead
   * when it is of the same parameters and passcodes, else derived now.
   */
  public Fingerprinter.SealKey sealKey(
      Fingerprinter fingerprinter, Map<String, Passcode> passcodes) {
    CompletableFuture<Fingerprinter.SealKey> ahead = null;
    synchronized (this) {
      if (sealKey != null && sameParameters(fingerprinter) && this.passcodes.equals(passcodes)) {
        ahead = sealKey;
      }
    }
    return ahead == null ? fingerprinter.sealKey(passcodes) : join(ahead);
  }

  private boolean sameParameters(Fingerprinter other) {
    return sameParameters(other.parameters());
  }

  private boolean sameParameters(KdfParameters kdf) {
    return fingerprinter != null && fingerprinter.parameters().equals(kdf);
  }

  /** Whether {@code group}'s passcode is derived ahead under {@code kdf} (for tests). */
  synchronized boolean derivesAhead(KdfParameters kdf, String group) {
    return sameParameters(kdf) && derived.containsKey(group);
  }

  /** Whether the key of a seal is derived ahead under {@code kdf} (for tests). */
  synchronized boolean derivesSealKeyAhead(KdfParameters kdf) {
    return sameParameters(kdf) && sealKey != null;
  }

  private static <T> T join(CompletableFuture<T> derivation) {
    try {
      return derivation.join();
    } catch (CompletionException e) {
      throw new IllegalStateException(
          "fingerprinting failed: " + e.getCause().getClass().getSimpleName(), e.getCause());
    }
  }
}
