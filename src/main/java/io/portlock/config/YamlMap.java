package io.portlock.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;

/**
 * A YAML mapping whose keys have been checked: each a plain string, none repeated, each one of the
 * allowed keys. Reports every bad key and keeps the first of repeated ones.
 */
final class YamlMap {
  private final MappingNode node;
  private final Map<String, NodeTuple> entries = new LinkedHashMap<>();

  private YamlMap(MappingNode node) {
    this.node = node;
  }

  /**
   * Checks the keys of a mapping with a fixed set of keys.
   *
   * @param where how messages name the mapping, such as "the top level" or "api"
   */
  static YamlMap ofKeys(MappingNode node, String where, List<String> allowed, Diagnostics out) {
    return ofKeys(node, where, allowed, false, out);
  }

  /**
   * Like {@link #ofKeys(MappingNode, String, List, Diagnostics)}; with {@code secret} set, messages
   * never quote a key that is not allowed, as it may be a passcode written as a key.
   */
  static YamlMap ofKeys(
      MappingNode node, String where, List<String> allowed, boolean secret, Diagnostics out) {
    YamlMap map = new YamlMap(node);
    for (NodeTuple tuple : node.getValue()) {
      Node keyNode = tuple.getKeyNode();
      boolean known = Nodes.isString(keyNode) && allowed.contains(Nodes.text(keyNode));
      if (secret && !known) {
        out.error(
            keyNode,
            "unknown key in "
                + where
                + " (not shown, as it may be the secret);"
                + " expected one of: "
                + String.join(", ", allowed));
        continue;
      }
      String key = map.keyOf(tuple, where, "key", out);
      if (key != null && !allowed.contains(key)) {
        out.error(keyNode, unknownKey(key, where, allowed));
      }
    }
    map.entries.keySet().retainAll(allowed);
    return map;
  }

  /** Checks the keys of a mapping whose keys are names chosen by the user (the groups). */
  static YamlMap ofNames(MappingNode node, String noun, Diagnostics out) {
    YamlMap map = new YamlMap(node);
    for (NodeTuple tuple : node.getValue()) {
      map.keyOf(tuple, "groups", noun, out);
    }
    return map;
  }

  private String keyOf(NodeTuple tuple, String where, String noun, Diagnostics out) {
    Node keyNode = tuple.getKeyNode();
    if (!Nodes.isString(keyNode) && !Nodes.isInt(keyNode)) {
      out.error(
          keyNode,
          "expected a " + noun + " name in " + where + " but found " + Nodes.kind(keyNode));
      return null;
    }
    String key = Nodes.text(keyNode);
    NodeTuple first = entries.get(key);
    if (first != null) {
      int firstLine = first.getKeyNode().getStartMark().getLine() + 1;
      out.error(
          keyNode,
          "duplicate "
              + noun
              + " '"
              + key
              + "' in "
              + where
              + " (first at line "
              + firstLine
              + "); "
              + ("group".equals(noun)
                  ? "a group name can appear only once; merge the two groups or rename one"
                  : "remove one of them"));
      return null;
    }
    entries.put(key, tuple);
    return key;
  }

  static String unknownKey(String key, String where, List<String> allowed) {
    StringBuilder message =
        new StringBuilder("unknown key '").append(key).append("' in ").append(where).append(';');
    String suggestion = DidYouMean.closest(key, allowed);
    if (suggestion != null) {
      message.append(" did you mean '").append(suggestion).append("'?");
    }
    return message.append(" expected one of: ").append(String.join(", ", allowed)).toString();
  }

  MappingNode node() {
    return node;
  }

  boolean has(String key) {
    return entries.containsKey(key);
  }

  Node value(String key) {
    NodeTuple tuple = entries.get(key);
    return tuple == null ? null : tuple.getValueNode();
  }

  Node keyNode(String key) {
    NodeTuple tuple = entries.get(key);
    return tuple == null ? null : tuple.getKeyNode();
  }

  /** The accepted entries, in file order. */
  List<NodeTuple> entries() {
    return new ArrayList<>(entries.values());
  }

  /** Reports {@code key} as missing (at {@code anchor}) and returns false when it is absent. */
  boolean require(String key, String where, String example, Node anchor, Diagnostics out) {
    if (has(key)) {
      return true;
    }
    out.error(anchor, "missing required key '" + key + "' in " + where + "; add " + example);
    return false;
  }
}
