package io.portlock.bandwidth;

/** The {@code User-Agent} portlock sends: {@code portlock/<version>}. */
final class UserAgent {
  static final String VALUE = "portlock/" + version();

  private UserAgent() {}

  private static String version() {
    // Set from the jar manifest (Implementation-Version); absent when run from classes.
    String version = UserAgent.class.getPackage().getImplementationVersion();
    return version == null || version.isBlank() ? "dev" : version;
  }
}
