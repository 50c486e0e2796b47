package io.portlock.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Derives {@link Fingerprint}s from passcodes with PBKDF2-HMAC-SHA256, salted per group and, with a
 * {@link FingerprintKey}, keyed: HMAC-SHA256(key, PBKDF2(passcode, group salt)).
 *
 * <p>Passcodes are 4 to 10 characters, so a fast hash would be brute-forced in seconds; a salted,
 * deliberately slow KDF makes each guess cost as much as one fingerprint. Each group's salt is
 * derived from the state's salt and the group's name, so one pass over the key space cracks one
 * group at most, and groups sharing a passcode do not show it. The key, kept out of git, makes the
 * fingerprints useless offline altogether. The HMAC key of PBKDF2 is the same for every iteration,
 * so the SHA-256 states after the inner and outer pad blocks are computed once and cloned, which
 * halves the work of the JDK's generic PBKDF2 (two compressions per iteration instead of four) for
 * exactly the same output.
 */
public final class Fingerprinter {
  private final KdfParameters parameters;
  private final FingerprintKey key;
  private final byte[] salt;

  /** Unkeyed fingerprints (throws when {@code parameters} are keyed). */
  public Fingerprinter(KdfParameters parameters) {
    this(parameters, null);
  }

  /**
   * @param key the key the parameters name, or null for unkeyed parameters
   * @throws FingerprintKey.MismatchException when the key is missing, another one, or unexpected
   */
  public Fingerprinter(KdfParameters parameters, FingerprintKey key) {
    FingerprintKey.check(parameters, key);
    this.parameters = parameters;
    this.key = key;
    this.salt = parameters.saltBytes();
  }

  public KdfParameters parameters() {
    return parameters;
  }

  /** Fingerprints the passcode of one group. */
  public Fingerprint fingerprint(String group, Passcode passcode) {
    byte[] derived =
        pbkdf2(
            passcode.reveal().getBytes(StandardCharsets.US_ASCII),
            saltOf(group),
            parameters.iterations(),
            32);
    byte[] out = key == null ? derived : key.mac("portlock-fingerprint-v1", derived);
    return new Fingerprint(
        HexFormat.of().formatHex(java.util.Arrays.copyOf(out, parameters.lengthBytes())));
  }

  /** The salt of a group: the state's own for the first format, else derived from its name. */
  private byte[] saltOf(String group) {
    if (!parameters.saltPerGroup()) {
      return salt;
    }
    return saltFor("portlock-group-salt-v1", group.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * A 16-byte salt of its own for {@code purpose}: SHA-256 of the purpose, the state's salt after
   * its length, and {@code suffix}.
   */
  private byte[] saltFor(String purpose, byte[] suffix) {
    MessageDigest sha = HmacSha256.sha256();
    sha.update(purpose.getBytes(StandardCharsets.US_ASCII));
    sha.update(java.nio.ByteBuffer.allocate(4).putInt(salt.length).array());
    sha.update(salt);
    sha.update(suffix);
    return java.util.Arrays.copyOf(sha.digest(), 16);
  }

  /** A group's salt and passcode: what one derivation depends on. */
  private record Input(String saltHex, Passcode passcode) {}

  /**
   * Fingerprints each group's passcode, in parallel on every core. Each distinct (salt, passcode)
   * is derived once: once per group, or once per passcode for first-format states.
   */
  public Map<String, Fingerprint> fingerprintGroups(Map<String, Passcode> passcodes) {
    Map<Input, String> firstGroup = new LinkedHashMap<>();
    Map<String, Input> inputs = new LinkedHashMap<>();
    passcodes.forEach(
        (group, passcode) -> {
          Input input = new Input(HexFormat.of().formatHex(saltOf(group)), passcode);
          inputs.put(group, input);
          firstGroup.putIfAbsent(input, group);
        });
    List<Input> distinct = new ArrayList<>(firstGroup.keySet());
    Map<Input, Fingerprint> derived = new LinkedHashMap<>();
    if (distinct.size() <= 1) {
      distinct.forEach(i -> derived.put(i, fingerprint(firstGroup.get(i), i.passcode())));
    } else {
      deriveInParallel(distinct, firstGroup, derived);
    }
    Map<String, Fingerprint> result = new LinkedHashMap<>();
    inputs.forEach((group, input) -> result.put(group, derived.get(input)));
    return result;
  }

  private void deriveInParallel(
      List<Input> distinct, Map<Input, String> firstGroup, Map<Input, Fingerprint> into) {
    int threads = Math.min(distinct.size(), Runtime.getRuntime().availableProcessors());
    ExecutorService pool =
        Executors.newFixedThreadPool(threads, DaemonThreads.named("portlock-kdf"));
    try {
      List<Future<Fingerprint>> futures = new ArrayList<>();
      for (Input input : distinct) {
        futures.add(pool.submit(() -> fingerprint(firstGroup.get(input), input.passcode())));
      }
      for (int i = 0; i < distinct.size(); i++) {
        into.put(distinct.get(i), futures.get(i).get());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while fingerprinting passcodes", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException(
          "fingerprinting failed: " + e.getCause().getMessage(), e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * The key of a {@link FingerprintSeal} over exactly these passcodes: one derivation, under this
   * fingerprinter's parameters and key, of every group's name and passcode together (in name order)
   * and of the parameters themselves, with a salt of its own derived from the state's.
   */
  public SealKey sealKey(Map<String, Passcode> passcodes) {
    if (passcodes.isEmpty()) {
      throw new IllegalArgumentException("expected at least one group to seal but there is none");
    }
    java.util.TreeMap<String, Passcode> sorted = new java.util.TreeMap<>(passcodes);
    java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
    framed(all, "portlock-seal-v1".getBytes(StandardCharsets.US_ASCII));
    // Every parameter that shapes a fingerprint: a seal never opens under others (a state moved
    // to another format keeps its salt, but not its fingerprints).
    framed(
        all,
        String.join(
                "\n",
                parameters.algorithm(),
                Integer.toString(parameters.iterations()),
                parameters.salt(),
                Integer.toString(parameters.lengthBytes()),
                Boolean.toString(parameters.saltPerGroup()),
                parameters.keyId() == null ? "" : parameters.keyId())
            .getBytes(StandardCharsets.UTF_8));
    sorted.forEach(
        (group, passcode) -> {
          framed(all, group.getBytes(StandardCharsets.UTF_8));
          framed(all, passcode.reveal().getBytes(StandardCharsets.US_ASCII));
        });
    byte[] password = all.toByteArray();
    byte[] derived =
        pbkdf2(
            password, saltFor("portlock-seal-salt-v1", new byte[0]), parameters.iterations(), 32);
    java.util.Arrays.fill(password, (byte) 0);
    byte[] sealKey = key == null ? derived : key.mac("portlock-seal-v1", derived);
    return new SealKey(sealKey, sorted.keySet());
  }

  /** Seals {@code fingerprints}, which must be those of exactly the groups {@code key} is of. */
  public static FingerprintSeal seal(SealKey key, Map<String, Fingerprint> fingerprints) {
    if (!key.groups.equals(fingerprints.keySet())) {
      throw new IllegalArgumentException(
          "expected fingerprints of the "
              + key.groups.size()
              + " sealed groups but got those of "
              + fingerprints.size()
              + " other groups");
    }
    return new FingerprintSeal(fingerprints, macOf(key, fingerprints));
  }

  /**
   * The fingerprints {@code seal} holds, if it was made with {@code key}: for the same groups, with
   * the same passcodes, under the same parameters and key. Else empty, and they must be derived.
   */
  public static java.util.Optional<Map<String, Fingerprint>> open(
      SealKey key, FingerprintSeal seal) {
    if (seal == null || !key.groups.equals(seal.groups().keySet())) {
      return java.util.Optional.empty();
    }
    boolean intact =
        MessageDigest.isEqual(
            macOf(key, seal.groups()).getBytes(StandardCharsets.US_ASCII),
            seal.mac().getBytes(StandardCharsets.US_ASCII));
    return intact ? java.util.Optional.of(seal.groups()) : java.util.Optional.empty();
  }

  private static String macOf(SealKey key, Map<String, Fingerprint> fingerprints) {
    java.io.ByteArrayOutputStream data = new java.io.ByteArrayOutputStream();
    framed(data, "portlock-seal-mac-v1".getBytes(StandardCharsets.US_ASCII));
    new java.util.TreeMap<>(fingerprints)
        .forEach(
            (group, fingerprint) -> {
              framed(data, group.getBytes(StandardCharsets.UTF_8));
              framed(data, fingerprint.hex().getBytes(StandardCharsets.US_ASCII));
            });
    return HexFormat.of().formatHex(HmacSha256.mac(key.key, data.toByteArray()));
  }

  /** Writes {@code bytes} after their length, so that no two sequences encode alike. */
  private static void framed(java.io.ByteArrayOutputStream out, byte[] bytes) {
    out.writeBytes(java.nio.ByteBuffer.allocate(4).putInt(bytes.length).array());
    out.writeBytes(bytes);
  }

  /** The key of a seal and the groups it is of; shows neither the key nor anything it came from. */
  public static final class SealKey {
    private final byte[] key;
    private final java.util.Set<String> groups;

    private SealKey(byte[] key, java.util.Set<String> groups) {
      this.key = key;
      this.groups = java.util.Set.copyOf(groups);
    }

    /** The groups whose passcodes the key was derived from. */
    public java.util.Set<String> groups() {
      return groups;
    }

    @Override
    public String toString() {
      return "SealKey(" + groups.size() + " groups)";
    }
  }

  /** PBKDF2 (RFC 8018) with HMAC-SHA256; output of at most one 32-byte block. */
  static byte[] pbkdf2(byte[] password, byte[] salt, int iterations, int length) {
    MessageDigest[] padded = HmacSha256.padded(password);
    MessageDigest inner = padded[0];
    MessageDigest outer = padded[1];

    // U1 = HMAC(P, S || INT(1)); Uj = HMAC(P, Uj-1); T = U1 ^ U2 ^ ... Uc. The digests are
    // written into one reused buffer: no allocation per iteration besides the two clones.
    byte[] u = new byte[32];
    MessageDigest first = copy(inner);
    first.update(salt);
    first.update(new byte[] {0, 0, 0, 1});
    finish(first, u);
    MessageDigest firstOuter = copy(outer);
    firstOuter.update(u);
    finish(firstOuter, u);
    byte[] t = u.clone();
    for (int iteration = 1; iteration < iterations; iteration++) {
      iterate(inner, outer, u, t);
    }
    return java.util.Arrays.copyOf(t, length);
  }

  /**
   * One PBKDF2 iteration: u = HMAC(u), t ^= u. A method of its own so the JIT compiles it after a
   * few thousand calls, instead of waiting to compile the whole loop on the stack.
   */
  private static void iterate(MessageDigest inner, MessageDigest outer, byte[] u, byte[] t) {
    MessageDigest in = copy(inner);
    in.update(u);
    finish(in, u);
    MessageDigest out = copy(outer);
    out.update(u);
    finish(out, u);
    for (int i = 0; i < t.length; i++) {
      t[i] ^= u[i];
    }
  }

  private static void finish(MessageDigest digest, byte[] into) {
    try {
      digest.digest(into, 0, into.length);
    } catch (java.security.DigestException e) {
      throw new IllegalStateException("SHA-256 digest into a 32-byte buffer failed", e);
    }
  }

  private static MessageDigest copy(MessageDigest digest) {
    try {
      return (MessageDigest) digest.clone();
    } catch (CloneNotSupportedException e) {
      throw new IllegalStateException("SHA-256 digest cannot be cloned", e);
    }
  }
}
