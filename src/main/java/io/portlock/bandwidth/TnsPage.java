package io.portlock.bandwidth;

import java.util.ArrayList;
import java.util.List;
import javax.xml.stream.Location;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * One page of {@code GET /tns?accountId=…}, read with one pass of a streaming parser: the numbers
 * with their tier and status, {@code Links/next}, and a refusal inside a 200.
 *
 * <pre>{@code
 * <TelephoneNumbersResponse>
 *   <TelephoneNumberCount>2</TelephoneNumberCount>
 *   <Links><first>Link=<https://…/tns?accountId=9900000&page=1&size=2500>;rel="first";</first>
 *     <next>Link=<https://…/tns?accountId=9900000&page=9193499474&size=2500>;rel="next";</next>
 *   </Links>
 *   <TelephoneNumbers>
 *     <TelephoneNumber><City>RALEIGH</City><Lata>426</Lata><State>NC</State>
 *       <FullNumber>9193491234</FullNumber><Tier>0</Tier><VendorId>49</VendorId>
 *       <VendorName>Bandwidth CLEC</VendorName><RateCenter>RALEIGH</RateCenter>
 *       <Status>Inservice</Status><AccountId>9900000</AccountId>
 *       <LastModified>2015-06-03T15:06:35.000Z</LastModified></TelephoneNumber>
 *   </TelephoneNumbers>
 * </TelephoneNumbersResponse>
 * }</pre>
 *
 * <p>A page of 2,500 numbers is about a megabyte of which three short texts per number matter; the
 * data binding the other answers go through spent most of a coverage run's CPU on the rest. The
 * reading is as lenient as {@link Xml}'s: any order, unknown elements skipped, names matched
 * without regard to case, the last of a repeated element kept. A refusal may come inside a 200 as
 * {@code <ResponseStatus><ErrorCode>1006</ErrorCode>…}.
 *
 * @param errorCode {@code ResponseStatus/ErrorCode}, or null
 * @param description {@code ResponseStatus/Description}, or null
 * @param next the text of {@code Links/next}, or null
 * @param entries the {@code TelephoneNumbers/TelephoneNumber} entries, in order
 */
record TnsPage(String errorCode, String description, String next, List<Entry> entries) {
  static final String ROOT = "TelephoneNumbersResponse";

  /** One number's texts as written (any of them null when absent). */
  record Entry(String fullNumber, String tier, String status) {}

  /**
   * @throws MalformedAnswerException naming only the position of a problem (a body may hold
   *     anything), or the root element when it is not {@code <TelephoneNumbersResponse>}
   */
  static TnsPage read(byte[] body) {
    if (body == null || body.length == 0) {
      throw new MalformedAnswerException("the answer had no body where XML was expected");
    }
    XMLStreamReader reader = null;
    try {
      reader = Xml.streamReader(body);
      if (!toFirstElement(reader)) {
        throw new MalformedAnswerException("the answer held no XML element");
      }
      if (!reader.getLocalName().equals(ROOT)) {
        throw new MalformedAnswerException(
            "the answer's root element is <"
                + Excerpts.clean(reader.getLocalName(), 40)
                + ">, expected <"
                + ROOT
                + ">");
      }
      return root(reader);
    } catch (XMLStreamException e) {
      Location at = e.getLocation();
      String where =
          at == null || at.getLineNumber() < 0
              ? ""
              : " at line " + at.getLineNumber() + ", column " + at.getColumnNumber();
      throw new MalformedAnswerException("the answer is not the XML expected" + where);
    } finally {
      close(reader);
    }
  }

  private static boolean toFirstElement(XMLStreamReader reader) throws XMLStreamException {
    while (reader.hasNext()) {
      if (reader.next() == XMLStreamConstants.START_ELEMENT) {
        return true;
      }
    }
    return false;
  }

  private static TnsPage root(XMLStreamReader reader) throws XMLStreamException {
    String errorCode = null;
    String description = null;
    String next = null;
    List<Entry> entries = new ArrayList<>();
    while (nextChild(reader, false)) {
      String name = reader.getLocalName();
      if (name.equalsIgnoreCase("Links")) {
        String[] links = children(reader, false, "next");
        next = links[0] != null ? links[0] : next;
      } else if (name.equalsIgnoreCase("ResponseStatus")) {
        String[] status = children(reader, false, "ErrorCode", "Description");
        errorCode = status[0];
        description = status[1];
      } else if (name.equalsIgnoreCase("TelephoneNumbers")) {
        numbers(reader, entries);
      } else {
        skip(reader);
      }
    }
    return new TnsPage(errorCode, description, next, entries);
  }

  private static void numbers(XMLStreamReader reader, List<Entry> entries)
      throws XMLStreamException {
    while (nextChild(reader, false)) {
      if (reader.getLocalName().equalsIgnoreCase("TelephoneNumber")) {
        String[] texts = children(reader, true, "FullNumber", "Tier", "Status");
        entries.add(new Entry(texts[0], texts[1], texts[2]));
      } else {
        skip(reader);
      }
    }
  }

  /**
   * The texts of the named children of the current element (the last of each wins), the others
   * skipped; ends on the element's end tag.
   *
   * @param strict text of its own (not of a child) is refused: an entry written as a bare number
   *     must not pass for an empty one
   */
  private static String[] children(XMLStreamReader reader, boolean strict, String... names)
      throws XMLStreamException {
    String[] texts = new String[names.length];
    while (nextChild(reader, strict)) {
      int found = -1;
      for (int i = 0; i < names.length && found < 0; i++) {
        if (reader.getLocalName().equalsIgnoreCase(names[i])) {
          found = i;
        }
      }
      if (found >= 0) {
        // getElementText refuses an element with children where a text is expected.
        texts[found] = reader.getElementText();
      } else {
        skip(reader);
      }
    }
    return texts;
  }

  /**
   * Moves to the next child element of the current one: false at its end tag.
   *
   * @param strict text other than white space is refused on the way
   */
  private static boolean nextChild(XMLStreamReader reader, boolean strict)
      throws XMLStreamException {
    while (reader.hasNext()) {
      int event = reader.next();
      if (event == XMLStreamConstants.START_ELEMENT) {
        return true;
      }
      if (event == XMLStreamConstants.END_ELEMENT) {
        return false;
      }
      if (strict
          && (event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA)
          && !reader.isWhiteSpace()
          && !reader.getText().isBlank()) {
        throw new MalformedAnswerException(
            "a TelephoneNumber entry holds text of its own, expected FullNumber, Tier and Status");
      }
    }
    return false;
  }

  /** Skips the current element with everything inside it; ends on its end tag. */
  private static void skip(XMLStreamReader reader) throws XMLStreamException {
    int depth = 1;
    while (depth > 0 && reader.hasNext()) {
      int event = reader.next();
      if (event == XMLStreamConstants.START_ELEMENT) {
        depth++;
      } else if (event == XMLStreamConstants.END_ELEMENT) {
        depth--;
      }
    }
  }

  private static void close(XMLStreamReader reader) {
    if (reader == null) {
      return;
    }
    try {
      reader.close();
    } catch (XMLStreamException e) {
      // nothing to release beyond the byte array
    }
  }
}
