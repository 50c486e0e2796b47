package io.portlock.bandwidth;

import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.dataformat.xml.XmlFactory;
import com.fasterxml.jackson.dataformat.xml.XmlMapper;
import com.fasterxml.jackson.dataformat.xml.ser.ToXmlGenerator;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Set;
import java.util.TreeSet;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * The one Jackson XML mapper of the client, hardened and lenient: no DTDs and no external entities
 * (XXE), any element order, unknown elements ignored, element names matched without regard to case
 * (list summaries write {@code accountId} where orders write {@code AccountId}).
 */
final class Xml {
  private static final XMLInputFactory INPUT = hardenedInput();
  private static final XmlMapper MAPPER = create();

  private Xml() {}

  private static XMLInputFactory hardenedInput() {
    XMLInputFactory input = XMLInputFactory.newFactory();
    input.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    input.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    return input;
  }

  private static XmlMapper create() {
    XmlFactory factory = XmlFactory.builder().xmlInputFactory(INPUT).build();
    XmlMapper mapper =
        XmlMapper.builder(factory)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_PROPERTIES)
            .enable(ToXmlGenerator.Feature.WRITE_XML_DECLARATION)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            // Templates are package-private field holders; their helper methods are not data.
            .visibility(PropertyAccessor.ALL, Visibility.NONE)
            .visibility(PropertyAccessor.FIELD, Visibility.ANY)
            .build();
    // <ErrorList/> and <TnOptionGroups/> arrive as empty text: read them as empty, not as errors.
    for (LogicalType type : new LogicalType[] {LogicalType.Collection, LogicalType.POJO}) {
      mapper
          .coercionConfigFor(type)
          .setCoercion(CoercionInputShape.EmptyString, CoercionAction.AsEmpty);
    }
    return mapper;
  }

  /**
   * Parses a body into a template.
   *
   * @throws MalformedAnswerException whose message holds only the position of the problem: the
   *     parser's own message may quote the body, and bodies may hold passcodes
   */
  static <T> T read(byte[] body, Class<T> type) {
    if (body == null || body.length == 0) {
      throw new MalformedAnswerException("the answer had no body where XML was expected");
    }
    try {
      T value = MAPPER.readValue(body, type);
      if (value == null) {
        throw new MalformedAnswerException("the answer held no XML element");
      }
      return value;
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      String where =
          at == null || at.getLineNr() < 0
              ? ""
              : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
      throw new MalformedAnswerException("the answer is not the XML expected" + where);
    } catch (IOException e) {
      throw new MalformedAnswerException("the answer could not be read");
    }
  }

  /**
   * Like {@link #read(byte[], Class)}, but the root element must be one of {@code roots}: Jackson
   * ignores the root's name, so any page (a proxy's HTML) would otherwise read as an empty value.
   */
  static <T> T readRoot(byte[] body, Class<T> type, Set<String> roots) {
    T value = read(body, type);
    String root = rootName(body);
    if (!roots.contains(root)) {
      throw new MalformedAnswerException(
          "the answer's root element is <"
              + Excerpts.clean(root, 40)
              + ">, expected <"
              + String.join("> or <", new TreeSet<>(roots))
              + ">");
    }
    return value;
  }

  /** A hardened streaming reader (no DTDs, no external entities) over {@code body}. */
  static XMLStreamReader streamReader(byte[] body) throws XMLStreamException {
    return INPUT.createXMLStreamReader(new ByteArrayInputStream(body));
  }

  private static String rootName(byte[] body) {
    try {
      XMLStreamReader reader = INPUT.createXMLStreamReader(new ByteArrayInputStream(body));
      try {
        while (reader.hasNext()) {
          if (reader.next() == XMLStreamConstants.START_ELEMENT) {
            return reader.getLocalName();
          }
        }
        return "";
      } finally {
        reader.close();
      }
    } catch (XMLStreamException e) {
      throw new MalformedAnswerException("the answer is not the XML expected");
    }
  }

  /** Writes a template as UTF-8 XML with a declaration. */
  static byte[] write(Object template) {
    try {
      return MAPPER.writeValueAsBytes(template);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("could not write " + template.getClass().getSimpleName(), e);
    }
  }
}
