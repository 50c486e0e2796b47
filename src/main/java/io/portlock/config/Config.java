package io.portlock.config;

import io.portlock.domain.AccountId;
import java.nio.file.Path;
import java.util.List;

/**
 * A loaded, fully valid {@code portlock.yaml}: every number parsed, every passcode resolved.
 *
 * @param file the config file, absolute and normalised
 * @param maxNumbers numbers per tnoptions order ({@code orders.max_numbers}, default 5000)
 * @param warnings findings that do not stop portlock (a literal passcode committed to git, ...)
 */
public record Config(
    Path file,
    AccountId account,
    ApiSettings api,
    int maxNumbers,
    SafetySettings safety,
    List<GroupConfig> groups,
    List<Diagnostic> warnings) {

  public static final int DEFAULT_MAX_NUMBERS = 5000;

  public Config {
    groups = List.copyOf(groups);
    warnings = List.copyOf(warnings);
  }

  /** The folder the config's relative paths are resolved against. */
  public Path folder() {
    return file.getParent();
  }

  public long numberCount() {
    long count = 0;
    for (GroupConfig group : groups) {
      count += group.numbers().size();
    }
    return count;
  }
}
