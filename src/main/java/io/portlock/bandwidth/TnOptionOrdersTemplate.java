package io.portlock.bandwidth;

import com.fasterxml.jackson.annotation.JsonMerge;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlElementWrapper;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlProperty;
import java.util.ArrayList;
import java.util.List;

/**
 * The answer of {@code GET /tnoptions?…}, under either root the sources show: SDK fixtures have
 * {@code <TnOptionOrders>}, the newer spec wraps it in {@code <TnOptionOrderReportResponse>} (read
 * into {@link #nested}). Items are full orders or, without {@code orderDetails=true}, summaries.
 *
 * <pre>{@code
 * <TnOptionOrderReportResponse>
 *   <TnOptionOrders>
 *     <TotalCount>1</TotalCount>
 *     <TnOptionOrder>...</TnOptionOrder>
 *     <TnOptionOrderSummary>
 *       <accountId>14</accountId><CountOfTNs>2</CountOfTNs><userId>jbm</userId>
 *       <lastModifiedDate>2016-01-15T12:01:14.363Z</lastModifiedDate>
 *       <OrderDate>2016-01-15T12:01:14.324Z</OrderDate><OrderType>tn_option</OrderType>
 *       <OrderStatus>FAILED</OrderStatus><OrderId>ddbdc72e-…</OrderId>
 *     </TnOptionOrderSummary>
 *   </TnOptionOrders>
 * </TnOptionOrderReportResponse>
 * }</pre>
 */
final class TnOptionOrdersTemplate {
  @JacksonXmlProperty(localName = "TotalCount")
  String totalCount;

  // @JsonMerge: repeated elements that are not adjacent add to the list instead of replacing it.
  @JsonMerge
  @JacksonXmlElementWrapper(useWrapping = false)
  @JacksonXmlProperty(localName = "TnOptionOrder")
  List<TnOptionOrderTemplate> orders = new ArrayList<>();

  @JsonMerge
  @JacksonXmlElementWrapper(useWrapping = false)
  @JacksonXmlProperty(localName = "TnOptionOrderSummary")
  List<Summary> summaries = new ArrayList<>();

  @JsonMerge
  @JacksonXmlElementWrapper(useWrapping = false)
  @JacksonXmlProperty(localName = "TnOptionOrders")
  List<TnOptionOrdersTemplate> nested = new ArrayList<>();

  /** Orders of this level and of any nested {@code TnOptionOrders}, in document order. */
  List<TnOptionOrderTemplate> allOrders() {
    List<TnOptionOrderTemplate> all = new ArrayList<>(orders);
    nested.forEach(n -> all.addAll(n.allOrders()));
    return all;
  }

  List<Summary> allSummaries() {
    List<Summary> all = new ArrayList<>(summaries);
    nested.forEach(n -> all.addAll(n.allSummaries()));
    return all;
  }

  /** A {@code TnOptionOrderSummary}: no customer order id, no errors, no warnings. */
  static final class Summary {
    @JacksonXmlProperty(localName = "OrderId")
    String orderId;

    @JacksonXmlProperty(localName = "OrderStatus")
    String orderStatus;

    @JacksonXmlProperty(localName = "OrderDate")
    String orderDate;

    @JacksonXmlProperty(localName = "LastModifiedDate")
    String lastModifiedDate;

    @JacksonXmlProperty(localName = "CountOfTNs")
    String countOfTns;
  }
}
