package io.portlock.bandwidth;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlElementWrapper;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlProperty;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlRootElement;
import io.portlock.domain.TelephoneNumber;
import java.util.ArrayList;
import java.util.List;

/**
 * The body of {@code POST /tnoptions}:
 *
 * <pre>{@code
 * <TnOptionOrder>
 *   <CustomerOrderId>portlock-3f9a1c-1</CustomerOrderId>
 *   <TnOptionGroups>
 *     <TnOptionGroup>
 *       <PortOutPasscode>a1b2c3</PortOutPasscode>
 *       <TelephoneNumbers>
 *         <TelephoneNumber>2018551020</TelephoneNumber>
 *       </TelephoneNumbers>
 *     </TnOptionGroup>
 *   </TnOptionGroups>
 * </TnOptionOrder>
 * }</pre>
 */
@JacksonXmlRootElement(localName = "TnOptionOrder")
@JsonPropertyOrder({"customerOrderId", "groups"})
final class TnOptionOrderRequestTemplate {
  /** Bandwidth's keyword for "remove the passcode". */
  static final String SYSTEM_DEFAULT = "systemDefault";

  @JacksonXmlProperty(localName = "CustomerOrderId")
  String customerOrderId;

  @JacksonXmlElementWrapper(localName = "TnOptionGroups")
  @JacksonXmlProperty(localName = "TnOptionGroup")
  List<Group> groups = new ArrayList<>();

  /** One {@code TnOptionGroup}: a passcode (or keyword) and its numbers. */
  @JsonPropertyOrder({"portOutPasscode", "telephoneNumbers"})
  static final class Group {
    @JacksonXmlProperty(localName = "PortOutPasscode")
    String portOutPasscode;

    @JacksonXmlElementWrapper(localName = "TelephoneNumbers")
    @JacksonXmlProperty(localName = "TelephoneNumber")
    List<String> telephoneNumbers = new ArrayList<>();
  }

  static TnOptionOrderRequestTemplate from(OrderRequest request) {
    TnOptionOrderRequestTemplate template = new TnOptionOrderRequestTemplate();
    template.customerOrderId = request.customerOrderId();
    for (OptionGroup option : request.groups()) {
      Group group = new Group();
      group.portOutPasscode =
          option.change() instanceof PasscodeChange.Set set
              ? set.passcode().reveal()
              : SYSTEM_DEFAULT;
      option.numbers().forEach(n -> group.telephoneNumbers.add(TelephoneNumber.format(n)));
      template.groups.add(group);
    }
    return template;
  }
}
