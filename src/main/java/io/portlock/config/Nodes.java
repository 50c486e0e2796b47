package io.portlock.config;

import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/** Small questions about YAML nodes, and how to name what was found in messages. */
final class Nodes {
  private Nodes() {}

  static boolean isString(Node node) {
    return node instanceof ScalarNode && Tag.STR.equals(node.getTag());
  }

  static boolean isInt(Node node) {
    return node instanceof ScalarNode && Tag.INT.equals(node.getTag());
  }

  static boolean isNull(Node node) {
    return node instanceof ScalarNode && Tag.NULL.equals(node.getTag());
  }

  static String text(Node node) {
    return ((ScalarNode) node).getValue();
  }

  /** What kind of value a node is, without its value: safe for secrets. */
  static String kind(Node node) {
    if (node instanceof MappingNode) {
      return "a mapping";
    }
    if (node instanceof SequenceNode) {
      return "a list";
    }
    Tag tag = node.getTag();
    if (Tag.NULL.equals(tag)) {
      return "nothing";
    }
    if (Tag.STR.equals(tag)) {
      return "a string";
    }
    if (Tag.INT.equals(tag)) {
      return "an integer";
    }
    if (Tag.FLOAT.equals(tag)) {
      return "a decimal number";
    }
    if (Tag.BOOL.equals(tag)) {
      return "a boolean";
    }
    if (Tag.TIMESTAMP.equals(tag)) {
      return "a date";
    }
    return "a value tagged " + tag.getValue();
  }

  /** Like {@link #kind} but quotes short scalar values; never use it for secrets. */
  static String describe(Node node) {
    if (!(node instanceof ScalarNode scalar) || Tag.NULL.equals(node.getTag())) {
      return kind(node);
    }
    String value = scalar.getValue();
    if (value.length() > 40) {
      value = value.substring(0, 40) + "...";
    }
    String shown = Tag.STR.equals(node.getTag()) ? "\"" + value + "\"" : value;
    return kind(node).replaceFirst("^an? ", "the ") + " " + shown;
  }
}
