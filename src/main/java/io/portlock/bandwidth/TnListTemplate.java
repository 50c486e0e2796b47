package io.portlock.bandwidth;

import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlElementWrapper;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlProperty;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlRootElement;
import io.portlock.domain.NumberSet;
import io.portlock.domain.TelephoneNumber;
import java.util.ArrayList;
import java.util.List;

/**
 * The body of {@code POST /tnPortoutPasscodes}:
 *
 * <pre>{@code
 * <TnList><Tn>3172000285</Tn><Tn>3172000207</Tn></TnList>
 * }</pre>
 */
@JacksonXmlRootElement(localName = "TnList")
final class TnListTemplate {
  @JacksonXmlElementWrapper(useWrapping = false)
  @JacksonXmlProperty(localName = "Tn")
  List<String> tns = new ArrayList<>();

  static TnListTemplate of(NumberSet numbers) {
    TnListTemplate template = new TnListTemplate();
    numbers.forEach(n -> template.tns.add(TelephoneNumber.format(n)));
    return template;
  }
}
