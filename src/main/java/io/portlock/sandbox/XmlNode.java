package io.portlock.sandbox;

import java.util.List;

/**
 * An option element of a {@code TnOptionGroup} kept as sent (name, text, children), so the order
 * can be echoed with options the sandbox does not interpret, such as {@code A2pSettings}.
 */
record XmlNode(String name, String text, List<XmlNode> children) {

  XmlNode {
    children = List.copyOf(children);
  }

  void writeTo(XmlWriter xml) {
    if (children.isEmpty()) {
      if (text == null || text.isEmpty()) {
        xml.empty(name);
      } else {
        xml.leaf(name, text);
      }
      return;
    }
    xml.open(name);
    for (XmlNode child : children) {
      child.writeTo(xml);
    }
    xml.close(name);
  }
}
