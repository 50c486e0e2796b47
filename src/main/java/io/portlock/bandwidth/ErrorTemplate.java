package io.portlock.bandwidth;

import com.fasterxml.jackson.annotation.JsonMerge;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlElementWrapper;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlProperty;
import java.util.ArrayList;
import java.util.List;

/**
 * One {@code ErrorList/Error}. Orders name one number, {@code tnPortoutPasscodes} a list:
 *
 * <pre>{@code
 * <Error><Code>5076</Code><Description>Telephone number is not available.</Description>
 *   <TelephoneNumber>2018551025</TelephoneNumber></Error>
 * <Error><Code>15619</Code><Description>Passcode was not found on tn(s)</Description>
 *   <TelephoneNumbers><TelephoneNumber>3172000000</TelephoneNumber></TelephoneNumbers></Error>
 * }</pre>
 */
final class ErrorTemplate {
  @JacksonXmlProperty(localName = "Code")
  String code;

  @JacksonXmlProperty(localName = "Description")
  String description;

  @JacksonXmlProperty(localName = "TelephoneNumber")
  String telephoneNumber;

  // A nested holder rather than a wrapped list: the wrapped element would share the name
  // TelephoneNumber with the field above, which Jackson refuses as ambiguous.
  @JacksonXmlProperty(localName = "TelephoneNumbers")
  Numbers telephoneNumbers;

  /** Every number this error names, single or listed. */
  List<String> allNumbers() {
    List<String> all = new ArrayList<>();
    if (telephoneNumber != null && !telephoneNumber.isBlank()) {
      all.add(telephoneNumber);
    }
    if (telephoneNumbers != null) {
      all.addAll(telephoneNumbers.values);
    }
    return all;
  }

  /** {@code TelephoneNumbers}. */
  static final class Numbers {
    @JsonMerge
    @JacksonXmlElementWrapper(useWrapping = false)
    @JacksonXmlProperty(localName = "TelephoneNumber")
    List<String> values = new ArrayList<>();
  }
}
