package io.portlock.config;

import io.portlock.domain.AccountId;
import io.portlock.domain.NumberSet;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;

/**
 * Loads {@code portlock.yaml} into a fully valid {@link Config}, or throws a {@link
 * ConfigException} with every error found, each with file, line and column.
 */
public final class ConfigLoader {
  static final List<String> ROOT_KEYS =
      List.of("version", "account", "api", "orders", "safety", "state", "groups");
  private static final String TOP = "the top level";

  private final Path file;
  private final LoadOptions options;
  private final Diagnostics out;
  private final long maxNumbers;

  private ConfigLoader(Path file, LoadOptions options, long maxNumbers) {
    this.file = file;
    this.options = options;
    this.out = new Diagnostics(file);
    this.maxNumbers = maxNumbers;
  }

  /** Loads with the process environment and no folders allowed besides the config's own. */
  public static Config load(Path file) {
    return load(file, LoadOptions.defaults());
  }

  /**
   * Loads and checks {@code file}.
   *
   * @throws ConfigException with every error (and the warnings found alongside), in file order
   */
  public static Config load(Path file, LoadOptions options) {
    return load(file, options, NumberBudget.MAX_NUMBERS);
  }

  /** Like {@link #load(Path, LoadOptions)} with a smaller number limit, for tests. */
  static Config load(Path file, LoadOptions options, long maxNumbers) {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(options, "options");
    ConfigLoader loader = new ConfigLoader(file, options, maxNumbers);
    Config config;
    try {
      config = loader.read();
    } catch (RuntimeException e) {
      // A bug must still end as a ConfigException; its message is left out as it might hold a
      // value from the config, but it stays attached for --debug.
      loader.out.error(
          file,
          1,
          1,
          "portlock failed while reading the config ("
              + e.getClass().getSimpleName()
              + "); this is a bug: please report it");
      ConfigException failure = new ConfigException(loader.out.all());
      failure.addSuppressed(e);
      throw failure;
    }
    if (config == null || loader.out.hasErrors()) {
      throw new ConfigException(loader.out.all());
    }
    return config;
  }

  private Config read() {
    Node root = YamlParser.parse(file, out);
    if (root == null) {
      return null;
    }
    if (!(root instanceof MappingNode mapping)) {
      out.error(
          root,
          "the config must be a mapping with version:, account: and groups:; found "
              + Nodes.kind(root));
      return null;
    }
    YamlMap map = YamlMap.ofKeys(mapping, TOP, ROOT_KEYS, out);
    map.require("version", TOP, "version: 1", root, out);
    map.require("account", TOP, "account: \"9900000\" (your Bandwidth account id)", root, out);
    map.require("groups", TOP, "groups: with at least one group", root, out);

    SettingsReader settings = new SettingsReader(out);
    PathPolicy paths = new PathPolicy(file, options.allowedRoots());
    GroupsReader groupsReader =
        new GroupsReader(
            out,
            paths,
            new SecretResolver(options.environment(), paths, out),
            new NumberBudget(maxNumbers),
            options.passcodes());
    AccountId account = null;
    ApiSettings api = ApiSettings.defaults();
    Integer maxOrderNumbers = Config.DEFAULT_MAX_NUMBERS;
    SafetySettings safety = SafetySettings.defaults();
    StateSettings state = StateSettings.defaults();
    List<GroupsReader.Group> groups = List.of();
    // In file order, so that diagnostics come out in file order.
    for (NodeTuple entry : map.entries()) {
      Node value = entry.getValueNode();
      switch (Nodes.text(entry.getKeyNode())) {
        case "version" -> settings.version(value);
        case "account" -> account = settings.account(value);
        case "api" -> api = settings.api(value);
        case "orders" -> maxOrderNumbers = settings.maxNumbers(value);
        case "safety" -> safety = settings.safety(value);
        case "state" -> state = new StateSettingsReader(options.environment(), out).read(value);
        default -> {
          groups = groupsReader.read(value);
          reportOverlaps(entry.getKeyNode(), groups);
          reportSecondInventoryGroup(groups);
        }
      }
    }
    if (safety != null) {
      reportWeakPasscodes(groups, safety.passcodePolicy());
    }
    if (out.hasErrors()) {
      return null;
    }
    return new Config(
        file.toAbsolutePath().normalize(),
        account,
        api,
        maxOrderNumbers,
        safety,
        toGroupConfigs(groups),
        out.warnings(),
        state);
  }

  /** One group at most may take the account's remaining numbers. */
  private void reportSecondInventoryGroup(List<GroupsReader.Group> groups) {
    String first = null;
    for (GroupsReader.Group group : groups) {
      if (!group.inventory()) {
        continue;
      }
      if (first == null) {
        first = group.name();
      } else {
        out.error(
            group.keyNode(),
            "group '"
                + group.name()
                + "' is a second group with"
                + " inventory: true (the first is '"
                + first
                + "'); only one group can take the"
                + " account's remaining numbers");
      }
    }
  }

  private static List<GroupConfig> toGroupConfigs(List<GroupsReader.Group> groups) {
    List<GroupConfig> configs = new ArrayList<>(groups.size());
    for (GroupsReader.Group group : groups) {
      configs.add(
          new GroupConfig(
              group.name(),
              group.secret().source(),
              group.secret().passcode(),
              group.set(),
              new NumberPlaces(group.numbers().sources()),
              group.inventory()));
    }
    return configs;
  }

  /**
   * Weak passcodes, as warnings or, with {@code safety.passcode_policy: strict}, as errors: at the
   * group's name, naming the rules and never the passcode.
   */
  private void reportWeakPasscodes(List<GroupsReader.Group> groups, PasscodePolicy policy) {
    for (GroupsReader.Group group : groups) {
      if (group.secret() == null) {
        continue;
      }
      List<String> rules =
          WeakPasscodes.rules(
              group.secret().passcode(), group.set() == null ? NumberSet.empty() : group.set());
      if (rules.isEmpty()) {
        continue;
      }
      String message =
          "the passcode of group '"
              + group.name()
              + "' is weak: "
              + String.join(", ", rules)
              + "; use 8 to 10 mixed letters and digits that are not"
              + " taken from the numbers";
      if (policy == PasscodePolicy.STRICT) {
        out.error(group.keyNode(), message + " (safety.passcode_policy is strict)");
      } else {
        out.warning(
            group.keyNode(),
            message + " (safety.passcode_policy: strict makes this an" + " error)");
      }
    }
  }

  /** A number can have only one passcode, so it may be in only one group. */
  private void reportOverlaps(Node groupsKey, List<GroupsReader.Group> groups) {
    List<NumberSet> sets = groups.stream().map(GroupsReader.Group::set).toList();
    OverlapFinder.Result result = OverlapFinder.find(sets, CappedErrors.LIMIT);
    out.anchorAt(null);
    if (result.total() == 0) {
      return;
    }
    Place[][] places = placesOfOverlaps(groups, result.shown());
    for (int i = 0; i < result.shown().size(); i++) {
      OverlapFinder.Overlap overlap = result.shown().get(i);
      StringBuilder message = new StringBuilder().append(overlap.number());
      Place last = null;
      for (int j = 0; j < overlap.groups().length; j++) {
        Place place = places[overlap.groups()[j]][i];
        message
            .append(j == 0 ? " is in group '" : " and in group '")
            .append(groups.get(overlap.groups()[j]).name())
            .append("' (")
            .append(place)
            .append(')');
        last = place == null ? last : place;
      }
      message.append("; a number can have only one passcode");
      if (last == null) {
        out.error(groupsKey, message.toString());
      } else {
        out.error(last.file(), last.line(), last.column(), message.toString());
      }
    }
    long hidden = result.total() - result.shown().size();
    if (hidden > 0) {
      out.error(
          groupsKey,
          "... and " + hidden + " more numbers are in more than one group" + " (not shown)");
    }
  }

  /** For each group and each shown overlap, where the group lists the number (or null). */
  private static Place[][] placesOfOverlaps(
      List<GroupsReader.Group> groups, List<OverlapFinder.Overlap> shown) {
    Place[][] places = new Place[groups.size()][shown.size()];
    for (int g = 0; g < groups.size(); g++) {
      long[] wanted = new long[shown.size()];
      int[] index = new int[shown.size()];
      int count = 0;
      for (int i = 0; i < shown.size(); i++) {
        if (Arrays.binarySearch(shown.get(i).groups(), g) >= 0) {
          wanted[count] = shown.get(i).number();
          index[count++] = i;
        }
      }
      if (count == 0) {
        continue;
      }
      // Overlaps come in ascending order of number, so wanted is sorted as the locator needs.
      Place[][] found =
          NumberLocator.locate(groups.get(g).numbers(), Arrays.copyOf(wanted, count), 1);
      for (int k = 0; k < count; k++) {
        places[g][index[k]] = found[k][0];
      }
    }
    return places;
  }
}
