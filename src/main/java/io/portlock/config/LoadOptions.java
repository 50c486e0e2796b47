package io.portlock.config;

import io.portlock.domain.Passcode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * What {@link ConfigLoader} may read besides the config itself.
 *
 * @param environment where {@code {env: NAME}} passcodes are looked up
 * @param allowedRoots folders outside the config's own folder that the config may read files from
 *     ({@code --allow-read DIR}); the config's folder is always allowed
 * @param passcodes told each group's passcode as soon as it is resolved, before the group's numbers
 *     are read, so that its slow fingerprint can start early; it must not keep or show it beyond
 *     that
 */
public record LoadOptions(
    Map<String, String> environment,
    List<Path> allowedRoots,
    BiConsumer<String, Passcode> passcodes) {

  private static final BiConsumer<String, Passcode> NOBODY = (group, passcode) -> {};

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

  public LoadOptions withPasscodeListener(BiConsumer<String, Passcode> passcodes) {
    return new LoadOptions(environment, allowedRoots, passcodes);
  }
}
