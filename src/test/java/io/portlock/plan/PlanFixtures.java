package io.portlock.plan;

import io.portlock.config.ApiSettings;
import io.portlock.config.Config;
import io.portlock.config.GroupConfig;
import io.portlock.config.SafetySettings;
import io.portlock.config.SecretSource;
import io.portlock.domain.AccountId;
import io.portlock.domain.Fingerprint;
import io.portlock.domain.KdfParameters;
import io.portlock.domain.NumberSet;
import io.portlock.domain.Passcode;
import io.portlock.state.State;
import io.portlock.state.StateEntry;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds configs, states and fingerprints for planner and renderer tests, without a KDF. */
final class PlanFixtures {
  static final AccountId ACCOUNT = new AccountId("9900000");
  static final KdfParameters KDF =
      new KdfParameters(KdfParameters.PBKDF2_HMAC_SHA256, 100_000, "cG9ydGxvY2stdGVzdC1zYWx0", 32);
  static final PlanContext CONTEXT =
      new PlanContext(
          "3fa9c1d2e4b5a6f7", Instant.parse("2026-11-26T18:00:00Z"), null, "portlock.yaml");

  private final List<GroupConfig> groups = new ArrayList<>();
  private final Map<String, Fingerprint> fingerprints = new LinkedHashMap<>();
  private int maxNumbers = 5000;

  /** A group whose passcode's fingerprint is {@code fp} repeated (a stand-in for the KDF). */
  PlanFixtures group(String name, String fpSeed, long... numbers) {
    groups.add(
        new GroupConfig(
            name,
            new SecretSource.Env(name.toUpperCase() + "_PASSCODE"),
            Passcode.of("pass" + fpSeed),
            NumberSet.of(numbers)));
    fingerprints.put(name, fp(fpSeed));
    return this;
  }

  PlanFixtures maxNumbers(int max) {
    this.maxNumbers = max;
    return this;
  }

  Config config() {
    return new Config(
        Path.of("/work/portlock.yaml"),
        ACCOUNT,
        ApiSettings.defaults(),
        maxNumbers,
        SafetySettings.defaults(),
        groups,
        List.of());
  }

  Map<String, Fingerprint> fingerprints() {
    return fingerprints;
  }

  Plan plan(State state) {
    return Planner.plan(
        Desired.of(config()),
        fingerprints,
        state,
        state.size() > 0,
        Observations.none(),
        false,
        CONTEXT);
  }

  static Fingerprint fp(String seed) {
    StringBuilder hex = new StringBuilder();
    while (hex.length() < 64) {
      hex.append(Integer.toHexString(Math.abs(seed.hashCode()) % 16));
      hex.append(seed.length() % 10);
    }
    return new Fingerprint(hex.substring(0, 64));
  }

  static State emptyState() {
    return State.empty("0b4e6c1a-0000-4000-8000-000000000001", ACCOUNT, KDF);
  }

  static State state(String group, String fpSeed, long... numbers) {
    return emptyState()
        .withApplied(
            NumberSet.of(numbers),
            new StateEntry(
                group,
                fp(fpSeed),
                Instant.parse("2026-11-01T00:00:00Z"),
                "order-1",
                "portlock-0000000000000000-1"));
  }

  static long[] range(long first, long last) {
    long[] out = new long[(int) (last - first + 1)];
    for (int i = 0; i < out.length; i++) {
      out[i] = first + i;
    }
    return out;
  }
}
