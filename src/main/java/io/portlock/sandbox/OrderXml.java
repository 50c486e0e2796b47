package io.portlock.sandbox;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * Renders orders in the shapes of Bandwidth's answers (see {@code fixtures/} next to API.md):
 *
 * <pre>{@code
 * <TnOptionOrder><CustomerOrderId>…</CustomerOrderId><OrderCreateDate>2016-01-15T12:01:14.324Z
 * </OrderCreateDate><AccountId>14</AccountId><CreatedByUser>jbm</CreatedByUser><OrderId>…
 * </OrderId><LastModifiedDate>…</LastModifiedDate><ProcessingStatus>RECEIVED</ProcessingStatus>
 * <TnOptionGroups><TnOptionGroup>…<TelephoneNumbers><TelephoneNumber>2018551020
 * </TelephoneNumber></TelephoneNumbers></TnOptionGroup></TnOptionGroups><ErrorList/>
 * </TnOptionOrder>
 * }</pre>
 *
 * <p>The passcode is never echoed: answers can end up in logs, and clients must not rely on it.
 */
final class OrderXml {
  static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT)
          .withZone(ZoneOffset.UTC);

  private OrderXml() {}

  static String timestamp(Instant instant) {
    return TIMESTAMP.format(instant);
  }

  /** About how many characters an order renders to, so the buffer is sized once. */
  static int sizeHint(Order order) {
    return 1024 + order.numberCount() * 40 + order.errors.size() * 120;
  }

  /**
   * @param e164 write numbers as {@code +1XXXXXXXXXX}, as E.164 accounts answer
   */
  static void writeOrder(XmlWriter xml, Order order, boolean e164) {
    xml.open("TnOptionOrder")
        .leaf("CustomerOrderId", order.customerOrderId)
        .leaf("OrderCreateDate", timestamp(order.created))
        .leaf("AccountId", order.accountId)
        .leaf("CreatedByUser", order.createdByUser)
        .leaf("OrderId", order.orderId)
        .leaf("LastModifiedDate", timestamp(order.lastModified))
        .leaf("ProcessingStatus", order.status.name());
    xml.open("TnOptionGroups");
    for (OrderGroup group : order.groups) {
      writeGroup(xml, group, e164);
    }
    xml.close("TnOptionGroups");
    writeErrors(xml, order.errors, e164);
    xml.close("TnOptionOrder");
  }

  private static void writeGroup(XmlWriter xml, OrderGroup group, boolean e164) {
    xml.open("TnOptionGroup");
    for (XmlNode option : group.options()) {
      option.writeTo(xml);
    }
    xml.open("TelephoneNumbers");
    for (long number : group.numbers()) {
      xml.leaf("TelephoneNumber", e164 ? "+1" + number : Long.toString(number));
    }
    for (String invalid : group.invalidNumbers()) {
      xml.leaf("TelephoneNumber", invalid);
    }
    xml.close("TelephoneNumbers");
    xml.close("TnOptionGroup");
  }

  private static void writeErrors(XmlWriter xml, List<Order.NumberError> errors, boolean e164) {
    if (errors.isEmpty()) {
      xml.empty("ErrorList");
      return;
    }
    xml.open("ErrorList");
    for (Order.NumberError error : errors) {
      xml.open("Error")
          .leaf("Code", error.code())
          .leaf("Description", error.description())
          .leaf("TelephoneNumber", e164 ? e164(error.telephoneNumber()) : error.telephoneNumber())
          .close("Error");
    }
    xml.close("ErrorList");
  }

  /** {@code +1} before ten digits; anything else (an invalid number echoed back) as it was. */
  static String e164(String number) {
    return number != null && number.matches("[0-9]{10}") ? "+1" + number : number;
  }

  /** The list item without {@code orderDetails}; note Bandwidth's lower-case element names. */
  static void writeSummary(XmlWriter xml, Order order) {
    xml.open("TnOptionOrderSummary")
        .leaf("accountId", order.accountId)
        .leaf("CountOfTNs", order.numberCount())
        .leaf("userId", order.createdByUser)
        .leaf("lastModifiedDate", timestamp(order.lastModified))
        .leaf("OrderDate", timestamp(order.created))
        .leaf("OrderType", "tn_option")
        .leaf("OrderStatus", order.status.name())
        .leaf("OrderId", order.orderId)
        .close("TnOptionOrderSummary");
  }

  static void writeHistory(XmlWriter xml, Order order) {
    xml.open("OrderHistoryWrapper");
    for (Order.HistoryEntry entry : order.history) {
      xml.open("OrderHistory")
          .leaf("OrderDate", timestamp(entry.date()))
          .leaf("Note", entry.note())
          .leaf("Author", entry.author())
          .leaf("Status", entry.status().name().toLowerCase(Locale.ROOT))
          .close("OrderHistory");
    }
    xml.close("OrderHistoryWrapper");
  }
}
