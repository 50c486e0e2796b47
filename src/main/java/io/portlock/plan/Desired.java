package io.portlock.plan;

import io.portlock.config.Config;
import io.portlock.config.GroupConfig;
import io.portlock.domain.AccountId;
import io.portlock.domain.NumberSet;
import java.util.ArrayList;
import java.util.List;

/**
 * What the config asks the planner for, without its passcodes: the planner compares fingerprints,
 * so a passcode never needs to reach it (only the applier, which builds the orders, sees one).
 *
 * @param configDigest {@link ConfigDigest} of the config, which a saved plan is checked against
 */
public record Desired(AccountId account, int maxNumbers, String configDigest, List<Group> groups) {

  /** One config group: its name and numbers. */
  public record Group(String name, NumberSet numbers) {}

  public Desired {
    groups = List.copyOf(groups);
  }

  /** The config's groups and limits, its passcodes left behind. */
  public static Desired of(Config config) {
    List<Group> groups = new ArrayList<>(config.groups().size());
    for (GroupConfig group : config.groups()) {
      groups.add(new Group(group.name(), group.numbers()));
    }
    return new Desired(config.account(), config.maxNumbers(), ConfigDigest.of(config), groups);
  }
}
