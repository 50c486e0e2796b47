package io.portlock.config;

import io.portlock.domain.NumberSet;
import io.portlock.domain.Passcode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.SequenceNode;

/** Reads {@code groups:}: each group's name, passcode and numbers, from the YAML and from files. */
final class GroupsReader {
  static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,39}");
  static final List<String> KEYS = List.of("passcode", "numbers", "numbers_file", "inventory");

  /** One group as read; {@code secret} is null when its passcode could not be resolved. */
  record Group(
      String name,
      Node keyNode,
      SecretResolver.Resolved secret,
      GroupNumbers numbers,
      NumberSet set,
      boolean inventory) {}

  private final Diagnostics out;
  private final PathPolicy paths;
  private final SecretResolver secrets;
  private final NumberBudget budget;
  private final Consumer<Map<String, Passcode>> passcodes;

  /** The passcodes resolved ahead of the numbers, by the node of each (empty: not resolved). */
  private final Map<Node, Optional<SecretResolver.Resolved>> secretsByNode =
      new IdentityHashMap<>();

  GroupsReader(
      Diagnostics out,
      PathPolicy paths,
      SecretResolver secrets,
      NumberBudget budget,
      Consumer<Map<String, Passcode>> passcodes) {
    this.out = out;
    this.paths = paths;
    this.secrets = secrets;
    this.budget = budget;
    this.passcodes = passcodes;
  }

  /** The groups in file order, including those with errors (already reported). */
  List<Group> read(Node node) {
    if (!(node instanceof MappingNode mapping) || mapping.getValue().isEmpty()) {
      out.error(
          node,
          "groups must be a mapping of group names to groups, with at least one"
              + " group; found "
              + (node instanceof MappingNode ? "no group" : Nodes.describe(node)));
      return List.of();
    }
    List<Group> groups = new ArrayList<>();
    List<NodeTuple> tuples = YamlMap.ofNames(mapping, "group", out).entries();
    // Every passcode first, so that their slow fingerprints start while the numbers are read.
    Map<String, Passcode> resolved = new LinkedHashMap<>();
    for (NodeTuple tuple : tuples) {
      Node passcode = passcodeNode(tuple.getValueNode());
      if (passcode != null) {
        String name = Nodes.text(tuple.getKeyNode());
        SecretResolver.Resolved secret = secrets.resolve(passcode, name);
        secretsByNode.put(passcode, Optional.ofNullable(secret));
        if (secret != null) {
          resolved.put(name, secret.passcode());
        }
      }
    }
    passcodes.accept(resolved);
    for (NodeTuple tuple : tuples) {
      groups.add(group(tuple.getKeyNode(), tuple.getValueNode()));
    }
    return groups;
  }

  private Group group(Node keyNode, Node value) {
    String name = Nodes.text(keyNode);
    if (!NAME.matcher(name).matches()) {
      out.error(
          keyNode,
          "group name '"
              + name
              + "' is not allowed; expected 1 to 40 letters,"
              + " digits, '_', '.' or '-', starting with a letter or digit");
    }
    String where = "group '" + name + "'";
    GroupNumbers numbers = new GroupNumbers(budget, out);
    if (!(value instanceof MappingNode mapping)) {
      out.error(
          value,
          where
              + " must be a mapping with passcode: and numbers: or numbers_file:;"
              + " found "
              + Nodes.kind(value));
      return new Group(name, keyNode, null, numbers, numbers.finish(), false);
    }
    YamlMap map = YamlMap.ofKeys(mapping, where, KEYS, out);
    map.require("passcode", where, "passcode: {env: NAME}", keyNode, out);
    SecretResolver.Resolved secret = null;
    boolean numberErrors = false;
    boolean inventory = inventory(map, where);
    for (NodeTuple entry : map.entries()) {
      Node item = entry.getValueNode();
      String key = Nodes.text(entry.getKeyNode());
      if (inventory && (key.equals("numbers") || key.equals("numbers_file"))) {
        out.error(
            entry.getKeyNode(),
            where
                + " has inventory: true and takes its numbers from"
                + " the account; remove "
                + key
                + ": (or inventory: true)");
        numberErrors = true;
        continue;
      }
      switch (key) {
        case "inventory" -> {}
        case "passcode" -> {
          Optional<SecretResolver.Resolved> early = secretsByNode.get(item);
          secret = early != null ? early.orElse(null) : secrets.resolve(item, name);
        }
        case "numbers" -> numberErrors |= readList(item, name, numbers);
        default -> numberErrors |= readFile(item, name, numbers);
      }
    }
    NumberSet set = numbers.finish();
    if (set.isEmpty() && !numberErrors && !numbers.refused() && map.value("inventory") == null) {
      out.error(
          keyNode,
          where
              + " has no numbers; list them under numbers: or in a file named"
              + " by numbers_file:");
    }
    warnRepeated(keyNode, name, numbers);
    return new Group(name, keyNode, secret, numbers, set, inventory);
  }

  /**
   * The value of a group's first {@code passcode} key, the one {@link YamlMap#ofKeys} keeps, or
   * null when the group is not a mapping or has none (reported when the group is read).
   */
  private static Node passcodeNode(Node group) {
    if (group instanceof MappingNode mapping) {
      for (NodeTuple entry : mapping.getValue()) {
        if (Nodes.isString(entry.getKeyNode())
            && "passcode".equals(Nodes.text(entry.getKeyNode()))) {
          return entry.getValueNode();
        }
      }
    }
    return null;
  }

  /** {@code inventory: true|false}; false when absent or wrong (reported). */
  private boolean inventory(YamlMap map, String where) {
    Node node = map.value("inventory");
    if (node == null) {
      return false;
    }
    if (node instanceof org.yaml.snakeyaml.nodes.ScalarNode scalar
        && org.yaml.snakeyaml.nodes.Tag.BOOL.equals(node.getTag())) {
      return Boolean.parseBoolean(scalar.getValue().toLowerCase(java.util.Locale.ROOT));
    }
    out.error(
        node, "inventory of " + where + " must be true or false; found " + Nodes.describe(node));
    return false;
  }

  /** Reads {@code numbers:}; returns true if any error was reported. */
  private boolean readList(Node node, String group, GroupNumbers numbers) {
    if (!(node instanceof SequenceNode list)) {
      out.error(
          node,
          "numbers of group '"
              + group
              + "' must be a list of numbers and ranges"
              + " such as [\"2018551020\", \"2018551030..2018551039\"]; found "
              + Nodes.describe(node));
      return true;
    }
    numbers.begin(new GroupNumbers.Source.Inline(out.configFile(), list));
    CappedErrors errors =
        new CappedErrors(
            out,
            out.configFile(),
            "group '" + group + "': ",
            "the numbers of group '" + group + "'");
    for (Node item : list.getValue()) {
      int line = item.getStartMark().getLine() + 1;
      int column = item.getStartMark().getColumn() + 1;
      // A plain 2018551020 is a YAML integer; its text is the number all the same.
      if (!Nodes.isString(item) && !Nodes.isInt(item)) {
        errors.error(
            line,
            column,
            "expected a number or range such as \"2018551020\" or"
                + " \"2018551030..2018551039\"; found "
                + Nodes.describe(item));
        continue;
      }
      try {
        NumberEntry.parse(Nodes.text(item), line, column, numbers);
      } catch (IllegalArgumentException e) {
        errors.error(line, column, e.getMessage());
      }
    }
    errors.finish();
    return errors.any();
  }

  /** Reads {@code numbers_file:}; returns true if any error was reported. */
  private boolean readFile(Node node, String group, GroupNumbers numbers) {
    String subject = "numbers_file of group '" + group + "'";
    if (!Nodes.isString(node)) {
      out.error(
          node,
          subject
              + " must be a path such as numbers/"
              + group
              + ".txt; found "
              + Nodes.describe(node));
      return true;
    }
    PathPolicy.Resolved path;
    try {
      path = paths.resolve(Nodes.text(node));
    } catch (PathPolicy.Refused e) {
      out.error(node, subject + ": " + e.getMessage());
      return true;
    }
    if (path.isFolder()) {
      out.error(node, subject + ": cannot read " + path.real() + ": it is a folder, not a file");
      return true;
    }
    numbers.begin(new GroupNumbers.Source.File(path.display(), path.real()));
    out.anchorAt(node);
    CappedErrors errors =
        new CappedErrors(out, path.display(), "group '" + group + "': ", "this file");
    try {
      NumbersFileReader.read(path.real(), numbers, errors);
    } catch (IOException e) {
      out.error(node, subject + ": cannot read " + path.real() + ": " + FileAccess.reason(e));
      return true;
    }
    errors.finish();
    return errors.any();
  }

  private void warnRepeated(Node keyNode, String group, GroupNumbers numbers) {
    long[] repeated = numbers.repeated();
    if (repeated.length == 0) {
      return;
    }
    Place[][] places = NumberLocator.locate(numbers, repeated, 2);
    out.anchorAt(keyNode);
    for (int i = 0; i < repeated.length; i++) {
      Place first = places[i][0];
      Place again = places[i][1];
      String message =
          repeated[i]
              + " is listed more than once in group '"
              + group
              + "'"
              + (first == null ? "" : " (first at " + first + ")")
              + "; it is kept once";
      if (again == null) {
        out.warning(keyNode, message);
      } else {
        out.add(Diagnostic.warning(again.file(), again.line(), again.column(), message));
      }
    }
    int hidden = numbers.repeatedCount() - repeated.length;
    if (hidden > 0) {
      out.warning(
          keyNode,
          "... and "
              + hidden
              + " more numbers listed more than once in group '"
              + group
              + "' (not shown)");
    }
  }
}
