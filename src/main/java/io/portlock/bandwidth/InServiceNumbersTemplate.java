package io.portlock.bandwidth;

import com.fasterxml.jackson.annotation.JsonMerge;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlProperty;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * One page of {@code GET /accounts/{id}/inserviceNumbers}: bare numbers, no tier.
 *
 * <pre>{@code
 * <TNs>
 *   <TotalCount>59</TotalCount>
 *   <Links><first>…</first><next>Link=<…?page=9195551213&size=1000>;rel="next";</next></Links>
 *   <TelephoneNumbers><Count>59</Count><TelephoneNumber>9195551212</TelephoneNumber>…
 *   </TelephoneNumbers>
 * </TNs>
 * }</pre>
 */
final class InServiceNumbersTemplate {
  static final Set<String> ROOTS = Set.of("TNs");

  @JacksonXmlProperty(localName = "TotalCount")
  String totalCount;

  @JacksonXmlProperty(localName = "Links")
  TelephoneNumbersResponseTemplate.Links links;

  @JacksonXmlProperty(localName = "TelephoneNumbers")
  Numbers numbers;

  /** {@code <TelephoneNumbers>}: a count, then the numbers. */
  static final class Numbers {
    @JacksonXmlProperty(localName = "Count")
    String count;

    @JsonMerge
    @JacksonXmlProperty(localName = "TelephoneNumber")
    List<String> numbers = new ArrayList<>();
  }
}
