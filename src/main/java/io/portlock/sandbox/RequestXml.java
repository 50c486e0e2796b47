package io.portlock.sandbox;

import io.portlock.domain.TelephoneNumber;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads request bodies ({@code <TnOptionOrder>}, {@code <TnList>}) with a streaming parser that
 * refuses DTDs, so neither external entities (XXE) nor entity expansion can reach the sandbox.
 */
final class RequestXml {

  /** A parsed {@code <TnOptionOrder>}, before validation. */
  record ParsedOrder(String customerOrderId, List<OrderGroup> groups) {}

  private static final XMLInputFactory FACTORY = hardenedFactory();

  private RequestXml() {}

  private static XMLInputFactory hardenedFactory() {
    XMLInputFactory factory = XMLInputFactory.newFactory();
    factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, false);
    factory.setProperty(XMLInputFactory.IS_COALESCING, true);
    return factory;
  }

  static ParsedOrder parseOrder(byte[] body) {
    try {
      XMLStreamReader reader = open(body, "TnOptionOrder");
      String customerOrderId = null;
      List<OrderGroup> groups = new ArrayList<>();
      while (nextChild(reader)) {
        switch (reader.getLocalName()) {
          case "CustomerOrderId" -> customerOrderId = reader.getElementText();
          case "TnOptionGroups" -> readGroups(reader, groups);
          default -> skip(reader);
        }
      }
      return new ParsedOrder(customerOrderId, groups);
    } catch (XMLStreamException | RuntimeException e) {
      throw malformed(e);
    }
  }

  /**
   * The numbers of a number order, {@code <Order><ExistingTelephoneNumberOrderType>
   * <TelephoneNumberList><TelephoneNumber>…}, in the order sent.
   */
  static List<String> parseExistingNumberOrder(byte[] body) {
    try {
      XMLStreamReader reader = open(body, "Order");
      List<String> tns = new ArrayList<>();
      boolean found = false;
      while (nextChild(reader)) {
        if (!reader.getLocalName().equals("ExistingTelephoneNumberOrderType")) {
          skip(reader);
          continue;
        }
        found = true;
        while (nextChild(reader)) {
          if (!reader.getLocalName().equals("TelephoneNumberList")) {
            skip(reader);
            continue;
          }
          while (nextChild(reader)) {
            if (reader.getLocalName().equals("TelephoneNumber")) {
              tns.add(reader.getElementText().trim());
            } else {
              skip(reader);
            }
          }
        }
      }
      if (!found) {
        throw new ApiError(
            400,
            null,
            "The sandbox orders only existing numbers: expected"
                + " <ExistingTelephoneNumberOrderType><TelephoneNumberList> in the <Order>.");
      }
      return tns;
    } catch (ApiError e) {
      throw e;
    } catch (XMLStreamException | RuntimeException e) {
      throw malformed(e);
    }
  }

  /** The {@code <Tn>} texts of a {@code <TnList>}, in the order sent. */
  static List<String> parseTnList(byte[] body) {
    try {
      XMLStreamReader reader = open(body, "TnList");
      List<String> tns = new ArrayList<>();
      while (nextChild(reader)) {
        if (reader.getLocalName().equals("Tn")) {
          tns.add(reader.getElementText().trim());
        } else {
          skip(reader);
        }
      }
      return tns;
    } catch (XMLStreamException | RuntimeException e) {
      throw malformed(e);
    }
  }

  private static void readGroups(XMLStreamReader reader, List<OrderGroup> groups)
      throws XMLStreamException {
    while (nextChild(reader)) {
      if (reader.getLocalName().equals("TnOptionGroup")) {
        groups.add(readGroup(reader));
      } else {
        skip(reader);
      }
    }
  }

  private static OrderGroup readGroup(XMLStreamReader reader) throws XMLStreamException {
    List<XmlNode> options = new ArrayList<>();
    String passcode = null;
    NumberCollector numbers = new NumberCollector();
    while (nextChild(reader)) {
      String name = reader.getLocalName();
      if (name.equals("TelephoneNumbers")) {
        while (nextChild(reader)) {
          if (reader.getLocalName().equals("TelephoneNumber")) {
            numbers.add(reader.getElementText().trim());
          } else {
            skip(reader);
          }
        }
      } else if (name.equals("PortOutPasscode")) {
        passcode = reader.getElementText().trim();
      } else {
        options.add(readNode(reader));
      }
    }
    return new OrderGroup(options, passcode, numbers.valid(), numbers.invalid);
  }

  private static XmlNode readNode(XMLStreamReader reader) throws XMLStreamException {
    String name = reader.getLocalName();
    StringBuilder text = new StringBuilder();
    List<XmlNode> children = new ArrayList<>();
    while (true) {
      int event = reader.next();
      if (event == XMLStreamConstants.START_ELEMENT) {
        children.add(readNode(reader));
      } else if (event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA) {
        text.append(reader.getText());
      } else if (event == XMLStreamConstants.END_ELEMENT) {
        return new XmlNode(name, text.toString().trim(), children);
      } else if (event == XMLStreamConstants.DTD) {
        throw new XMLStreamException("DTDs are not allowed");
      }
    }
  }

  private static XMLStreamReader open(byte[] body, String root) throws XMLStreamException {
    XMLStreamReader reader = FACTORY.createXMLStreamReader(new ByteArrayInputStream(body));
    while (reader.hasNext()) {
      int event = reader.next();
      if (event == XMLStreamConstants.DTD) {
        throw new XMLStreamException("DTDs are not allowed");
      }
      if (event == XMLStreamConstants.START_ELEMENT) {
        if (!reader.getLocalName().equals(root)) {
          throw new XMLStreamException(
              "expected a <" + root + "> document but the root is <" + reader.getLocalName() + ">");
        }
        return reader;
      }
    }
    throw new XMLStreamException("expected a <" + root + "> document but the body is empty");
  }

  /** Advances to the next child start element; false at the end of the current element. */
  private static boolean nextChild(XMLStreamReader reader) throws XMLStreamException {
    while (reader.hasNext()) {
      int event = reader.next();
      if (event == XMLStreamConstants.START_ELEMENT) {
        return true;
      }
      if (event == XMLStreamConstants.END_ELEMENT || event == XMLStreamConstants.END_DOCUMENT) {
        return false;
      }
      if (event == XMLStreamConstants.DTD) {
        throw new XMLStreamException("DTDs are not allowed");
      }
    }
    return false;
  }

  private static void skip(XMLStreamReader reader) throws XMLStreamException {
    int depth = 1;
    while (depth > 0) {
      int event = reader.next();
      if (event == XMLStreamConstants.START_ELEMENT) {
        depth++;
      } else if (event == XMLStreamConstants.END_ELEMENT) {
        depth--;
      }
    }
  }

  private static ApiError malformed(Exception e) {
    // The parser's message can quote the body; keep only its first line, which names the problem.
    String message = String.valueOf(e.getMessage()).lines().findFirst().orElse("");
    return new ApiError(400, null, "The request body is not a valid XML document: " + message);
  }

  /** Parses ten-digit numbers into a growable {@code long[]}, keeping invalid texts aside. */
  private static final class NumberCollector {
    private long[] buffer = new long[16];
    private int size;
    final List<String> invalid = new ArrayList<>();

    void add(String text) {
      long value = tenDigits(text);
      if (value < 0) {
        invalid.add(text);
        return;
      }
      if (size == buffer.length) {
        buffer = Arrays.copyOf(buffer, size * 2);
      }
      buffer[size++] = value;
    }

    long[] valid() {
      return Arrays.copyOf(buffer, size);
    }
  }

  /** The number when {@code text} is a ten-digit NANP number, else -1. */
  static long tenDigits(String text) {
    if (text.length() != 10) {
      return -1;
    }
    long value = 0;
    for (int i = 0; i < 10; i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    // Toll-free numbers parse: Bandwidth refuses them per number (5126), not the whole order.
    return TelephoneNumber.problemWith(value) == null || isTollFree(value) ? value : -1;
  }

  static boolean isTollFree(long number) {
    return TelephoneNumber.isTollFree((int) (number / 10_000_000L));
  }
}
