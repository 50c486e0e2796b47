package io.portlock.plan;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;

/**
 * The parts of a plan that do not come from config or state: its id, time, the git commit and the
 * config digest. Kept apart so the planner stays a pure function and tests can fix them.
 */
public record PlanContext(String planId, Instant now, String gitCommit, String configFile) {

  public PlanContext {
    if (planId == null || !planId.matches("[a-z0-9]{4,20}")) {
      throw new IllegalArgumentException(
          "expected a plan id of 4 to 20 lower-case letters or digits but was " + planId);
    }
  }

  /** A fresh random 16-hex-digit plan id, so CustomerOrderIds stay within 40 characters. */
  public static String newPlanId() {
    byte[] bytes = new byte[8];
    new SecureRandom().nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }
}
