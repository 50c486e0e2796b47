package io.portlock.config;

import io.portlock.domain.Passcode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * What {@link ConfigLoader} may read besides the config itself.
 *
 * @param environment where {@code {env: NAME}} passcodes are looked up
 * @param allowedRoots folders outside the config's own folder that the config may read files from
 *     ({@code --allow-read DIR}); the config's folder is always allowed
 * @param passcodes told every group's passcode, by group name, once they are all resolved and
 *     before any group's numbers are read, so that the slow fingerprints can start early; it must
 *     not keep or show them beyond that
 */
public record LoadOptions(
    Map<String, String> environment,
    List<Path> allowedRoots,
    Consumer<Map<String, Passcode>> passcodes) {

  private static final Consumer<Map<String, Passcode>> NOBODY = passcodes -> {};

  public LoadOptions(Map<String, String> environment, List<Path> allowedRoots) {
    this(environment, allowedRoots, NOBODY);
  }

  public LoadOptions {
    if (environment == null) {
      throw new IllegalArgumentException("expected an environment map but was null");
    }
    if (allowedRoots == null) {
      throw new IllegalArgumentException("expected a list of allowed folders but was null");
    }
    if (passcodes == null) {
      throw new IllegalArgumentException("expected a passcode listener but was null");
    }
    environment = Map.copyOf(environment);
    allowedRoots = List.copyOf(allowedRoots);
  }

  /** The process environment and no extra folders. */
  public static LoadOptions defaults() {
    return new LoadOptions(System.getenv(), List.of());
  }

  public LoadOptions withEnvironment(Map<String, String> environment) {
    return new LoadOptions(environment, allowedRoots, passcodes);
  }

  public LoadOptions withAllowedRoots(List<Path> allowedRoots) {
    return new LoadOptions(environment, allowedRoots, passcodes);
  }

  public LoadOptions withPasscodeListener(Consumer<Map<String, Passcode>> passcodes) {
    return new LoadOptions(environment, allowedRoots, passcodes);
  }
}
