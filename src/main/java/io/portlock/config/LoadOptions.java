package io.portlock.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What {@link ConfigLoader} may read besides the config itself.
 *
 * @param environment where {@code {env: NAME}} passcodes are looked up
 * @param allowedRoots folders outside the config's own folder that the config may read files from
 *     ({@code --allow-read DIR}); the config's folder is always allowed
 */
public record LoadOptions(Map<String, String> environment, List<Path> allowedRoots) {

  public LoadOptions {
    if (environment == null) {
      throw new IllegalArgumentException("expected an environment map but was null");
    }
    if (allowedRoots == null) {
      throw new IllegalArgumentException("expected a list of allowed folders but was null");
    }
    environment = Map.copyOf(environment);
    allowedRoots = List.copyOf(allowedRoots);
  }

  /** The process environment and no extra folders. */
  public static LoadOptions defaults() {
    return new LoadOptions(System.getenv(), List.of());
  }

  public LoadOptions withEnvironment(Map<String, String> environment) {
    return new LoadOptions(environment, allowedRoots);
  }

  public LoadOptions withAllowedRoots(List<Path> allowedRoots) {
    return new LoadOptions(environment, allowedRoots);
  }
}
