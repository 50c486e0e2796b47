package io.portlock.domain;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * Every config group's fingerprint as the last apply derived them, sealed by a MAC under a key
 * derived from all the config's passcodes at once ({@link Fingerprinter#sealKey}). A plan whose
 * passcodes did not change derives that one key instead of one fingerprint per group, and takes the
 * fingerprints from the seal once its MAC checks out; any other passcode, group or fingerprint
 * makes the MAC fail, and then every fingerprint is derived as before.
 *
 * <p>The key costs one full KDF derivation (the state's algorithm, iterations and {@link
 * FingerprintKey}) of every group's name and passcode together, so testing guesses against a seal
 * costs as much per guess as against one fingerprint, and a guess must be right for every group at
 * once: a seal gives an attacker with the state file less than any fingerprint in it does. It holds
 * no passcode, and the fingerprints it holds are the ones the state records anyway.
 *
 * @param groups each group's fingerprint, by group name
 * @param mac HMAC-SHA256 of the names and fingerprints under the seal key, 64 lower-case hex digits
 */
public record FingerprintSeal(Map<String, Fingerprint> groups, String mac) {

  public FingerprintSeal {
    if (groups == null || groups.isEmpty()) {
      throw new IllegalArgumentException("expected a seal over at least one group but it has none");
    }
    if (mac == null || !mac.matches("[0-9a-f]{64}")) {
      throw new IllegalArgumentException(
          "expected the seal's mac to be 64 lower-case hex digits but it is not");
    }
    for (Map.Entry<String, Fingerprint> e : groups.entrySet()) {
      if (e.getKey() == null || e.getValue() == null) {
        throw new IllegalArgumentException(
            "expected a seal's groups to have names and fingerprints");
      }
    }
    groups = Collections.unmodifiableMap(new TreeMap<>(groups));
  }
}
