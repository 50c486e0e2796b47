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
 * @param state where the state lives ({@code state:}); its defaults keep it in a file
 */
public record Config(
    Path file,
    AccountId account,
    ApiSettings api,
    int maxNumbers,
    SafetySettings safety,
    List<GroupConfig> groups,
    List<Diagnostic> warnings,
    StateSettings state) {

  public static final int DEFAULT_MAX_NUMBERS = 5000;

  public Config {
    groups = List.copyOf(groups);
    warnings = List.copyOf(warnings);
    state = state == null ? StateSettings.defaults() : state;
  }

  /** A config without {@code state:}: the state is a file beside it. */
  public Config(
      Path file,
      AccountId account,
      ApiSettings api,
      int maxNumbers,
      SafetySettings safety,
      List<GroupConfig> groups,
      List<Diagnostic> warnings) {
    this(file, account, api, maxNumbers, safety, groups, warnings, StateSettings.defaults());
  }

  /** The group with {@code inventory: true}, if there is one (there is at most one). */
  public java.util.Optional<GroupConfig> inventoryGroup() {
    return groups.stream().filter(GroupConfig::inventory).findFirst();
  }

  /** The same config with {@code group} in place of the group of the same name. */
  public Config withGroup(GroupConfig group) {
    List<GroupConfig> replaced = new java.util.ArrayList<>(groups.size());
    for (GroupConfig g : groups) {
      replaced.add(g.name().equals(group.name()) ? group : g);
    }
    return new Config(file, account, api, maxNumbers, safety, replaced, warnings, state);
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
