package io.portlock.sandbox;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/** DOM helpers for tests: small answers, read back and compared with Bandwidth's fixtures. */
final class Xml {
  private Xml() {}

  static Document parse(String xml) {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      return factory
          .newDocumentBuilder()
          .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    } catch (Exception e) {
      throw new AssertionError("not XML: " + e.getMessage() + "\n" + xml, e);
    }
  }

  /** The text of the first element named {@code name}. */
  static String text(String xml, String name) {
    NodeList nodes = parse(xml).getElementsByTagName(name);
    if (nodes.getLength() == 0) {
      throw new AssertionError("no <" + name + "> in " + xml);
    }
    return nodes.item(0).getTextContent().trim();
  }

  /** The texts of every element named {@code name}, in document order. */
  static List<String> texts(String xml, String name) {
    NodeList nodes = parse(xml).getElementsByTagName(name);
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < nodes.getLength(); i++) {
      texts.add(nodes.item(i).getTextContent().trim());
    }
    return texts;
  }

  /** Every element path in the document, such as {@code TnOptionOrder/ErrorList/Error/Code}. */
  static Set<String> paths(String xml) {
    Set<String> paths = new TreeSet<>();
    collect(parse(xml).getDocumentElement(), "", paths);
    return paths;
  }

  private static void collect(Element element, String parent, Set<String> paths) {
    String path = parent.isEmpty() ? element.getTagName() : parent + "/" + element.getTagName();
    paths.add(path);
    NodeList children = element.getChildNodes();
    for (int i = 0; i < children.getLength(); i++) {
      if (children.item(i).getNodeType() == Node.ELEMENT_NODE) {
        collect((Element) children.item(i), path, paths);
      }
    }
  }

  /** A fixture copied from {@code /work/shared/bandwidth/fixtures}, without its source line. */
  static String fixture(String name) {
    try (InputStream in = Xml.class.getResourceAsStream("fixtures/" + name)) {
      if (in == null) {
        throw new AssertionError("missing fixture " + name);
      }
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      text = text.substring(text.indexOf('\n') + 1);
      if (name.endsWith(".http")) {
        text = text.substring(text.indexOf("\n\n") + 2);
      }
      return text.strip();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
