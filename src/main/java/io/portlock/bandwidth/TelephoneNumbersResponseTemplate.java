package io.portlock.bandwidth;

import com.fasterxml.jackson.annotation.JsonMerge;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlElementWrapper;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlProperty;
import java.util.ArrayList;
import java.util.List;

/**
 * The answer of {@code /tnPortoutPasscodes}, GET (paged, with {@code Links}) and POST (with an
 * {@code ErrorList}). Holds passcodes in clear text: never log it.
 *
 * <pre>{@code
 * <TelephoneNumbersResponse>
 *   <Links><first>Link=<…?page=1&size=500>;rel="first";</first>
 *     <next>Link=<…?page=3172000286&size=500>;rel="next";</next></Links>
 *   <TelephoneNumberCount>4</TelephoneNumberCount>
 *   <TelephoneNumbers>
 *     <TelephoneNumber><FullNumber>3172000285</FullNumber><Passcode>1234</Passcode></TelephoneNumber>
 *   </TelephoneNumbers>
 *   <ErrorList>
 *     <Error><Code>15619</Code><Description>Passcode was not found on tn(s)</Description>
 *       <TelephoneNumbers><TelephoneNumber>3172000000</TelephoneNumber></TelephoneNumbers></Error>
 *   </ErrorList>
 * </TelephoneNumbersResponse>
 * }</pre>
 */
final class TelephoneNumbersResponseTemplate {
  /** Checked so that a proxy's 200 page does not read as "Bandwidth mentions none of them". */
  static final java.util.Set<String> ROOTS = java.util.Set.of("TelephoneNumbersResponse");

  @JacksonXmlProperty(localName = "Links")
  Links links;

  @JsonMerge
  @JacksonXmlElementWrapper(localName = "TelephoneNumbers")
  @JacksonXmlProperty(localName = "TelephoneNumber")
  List<Entry> numbers = new ArrayList<>();

  @JsonMerge
  @JacksonXmlElementWrapper(localName = "ErrorList")
  @JacksonXmlProperty(localName = "Error")
  List<ErrorTemplate> errors = new ArrayList<>();

  /** {@code Links}: where the first and next pages are. */
  static final class Links {
    @JacksonXmlProperty(localName = "first")
    String first;

    @JacksonXmlProperty(localName = "next")
    String next;
  }

  /** One number and its passcode. */
  static final class Entry {
    @JacksonXmlProperty(localName = "FullNumber")
    String fullNumber;

    @JacksonXmlProperty(localName = "Passcode")
    String passcode;

    @Override
    public String toString() {
      return "Entry(" + fullNumber + ", passcode sensitive)";
    }
  }
}
