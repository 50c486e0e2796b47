package io.portlock.bandwidth;

import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlElementWrapper;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlProperty;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@code TnOptionOrder} as Bandwidth answers it, bare ({@code GET /tnoptions/{id}}, list items)
 * or wrapped ({@code POST /tnoptions} answers {@code <TnOptionOrderResponse><TnOptionOrder>}; the
 * wrapper is read into {@link #wrapped}). Only the fields portlock uses are mapped; the group echo
 * is ignored because samples disagree on whether it repeats the passcode.
 *
 * <pre>{@code
 * <TnOptionOrder>
 *   <OrderCreateDate>2016-01-15T12:01:14.324Z</OrderCreateDate>
 *   <CustomerOrderId>portlock-3f9a1c-1</CustomerOrderId>
 *   <OrderId>ddbdc72e-dc27-490c-904e-d0c11291b095</OrderId>
 *   <LastModifiedDate>2016-01-15T12:01:14.363Z</LastModifiedDate>
 *   <ProcessingStatus>FAILED</ProcessingStatus>
 *   <TnOptionGroups>...</TnOptionGroups>
 *   <ErrorList>
 *     <Error><Code>5076</Code><Description>Telephone number is not available.</Description>
 *       <TelephoneNumber>2018551025</TelephoneNumber></Error>
 *   </ErrorList>
 *   <Warnings>
 *     <Warning><TelephoneNumber>2174101601</TelephoneNumber><Description>...</Description></Warning>
 *   </Warnings>
 * </TnOptionOrder>
 * }</pre>
 */
final class TnOptionOrderTemplate {
  @JacksonXmlProperty(localName = "TnOptionOrder")
  TnOptionOrderTemplate wrapped;

  @JacksonXmlProperty(localName = "OrderId")
  String orderId;

  @JacksonXmlProperty(localName = "CustomerOrderId")
  String customerOrderId;

  @JacksonXmlProperty(localName = "ProcessingStatus")
  String processingStatus;

  @JacksonXmlProperty(localName = "OrderCreateDate")
  String orderCreateDate;

  @JacksonXmlProperty(localName = "LastModifiedDate")
  String lastModifiedDate;

  @JacksonXmlElementWrapper(localName = "ErrorList")
  @JacksonXmlProperty(localName = "Error")
  List<ErrorTemplate> errors = new ArrayList<>();

  @JacksonXmlElementWrapper(localName = "Warnings")
  @JacksonXmlProperty(localName = "Warning")
  List<WarningTemplate> warnings = new ArrayList<>();

  /** The order itself, whether it came bare or wrapped. */
  TnOptionOrderTemplate unwrap() {
    return wrapped != null && orderId == null ? wrapped : this;
  }

  /** A {@code Warnings/Warning}. */
  static final class WarningTemplate {
    @JacksonXmlProperty(localName = "TelephoneNumber")
    String telephoneNumber;

    @JacksonXmlProperty(localName = "Description")
    String description;
  }
}
