package io.portlock.bandwidth;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * The structure of an XML document as one line, element names and trimmed text only: whitespace,
 * the declaration and namespace attributes do not count. Compares request bodies with Bandwidth's
 * samples.
 */
final class XmlShape {
  private XmlShape() {}

  static String of(String xml) {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      Element root =
          factory
              .newDocumentBuilder()
              .parse(new ByteArrayInputStream(xml.strip().getBytes(StandardCharsets.UTF_8)))
              .getDocumentElement();
      StringBuilder sb = new StringBuilder();
      append(root, sb);
      return sb.toString();
    } catch (Exception e) {
      throw new IllegalArgumentException("not XML: " + e.getMessage(), e);
    }
  }

  private static void append(Element element, StringBuilder sb) {
    sb.append(element.getTagName());
    StringBuilder children = new StringBuilder();
    StringBuilder text = new StringBuilder();
    for (Node n = element.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element child) {
        if (children.length() > 0) {
          children.append(',');
        }
        append(child, children);
      } else if (n.getNodeType() == Node.TEXT_NODE || n.getNodeType() == Node.CDATA_SECTION_NODE) {
        text.append(n.getNodeValue());
      }
    }
    if (children.length() > 0) {
      sb.append('(').append(children).append(')');
    } else if (!text.toString().isBlank()) {
      sb.append("=\"").append(text.toString().strip()).append('"');
    }
  }
}
