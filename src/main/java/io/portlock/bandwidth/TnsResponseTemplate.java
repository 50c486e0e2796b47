package io.portlock.bandwidth;

import com.fasterxml.jackson.annotation.JsonMerge;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlElementWrapper;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlProperty;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * One page of {@code GET /tns?accountId=…}: the account's numbers with their tier and status.
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
 * <p>A refusal may come inside a 200 as {@code <ResponseStatus><ErrorCode>1006</ErrorCode>…}.
 */
final class TnsResponseTemplate {
  static final Set<String> ROOTS = Set.of("TelephoneNumbersResponse");

  @JacksonXmlProperty(localName = "TelephoneNumberCount")
  String count;

  @JacksonXmlProperty(localName = "Links")
  TelephoneNumbersResponseTemplate.Links links;

  @JacksonXmlProperty(localName = "ResponseStatus")
  ResponseStatusTemplate.Status status;

  @JsonMerge
  @JacksonXmlElementWrapper(localName = "TelephoneNumbers")
  @JacksonXmlProperty(localName = "TelephoneNumber")
  List<Entry> numbers = new ArrayList<>();

  /** One number; other elements (City, Lata, RateCenter, VendorName …) are ignored. */
  static final class Entry {
    @JacksonXmlProperty(localName = "FullNumber")
    String fullNumber;

    @JacksonXmlProperty(localName = "Tier")
    String tier;

    @JacksonXmlProperty(localName = "Status")
    String status;

    @JacksonXmlProperty(localName = "AccountId")
    String accountId;
  }
}
