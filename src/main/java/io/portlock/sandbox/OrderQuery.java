package io.portlock.sandbox;

import io.vertx.core.MultiMap;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The filters of {@code GET /tnoptions}. Dates are whole UTC days, {@code To} dates inclusive.
 * Without a date range or a number/order filter only the last two years count, as at Bandwidth.
 */
record OrderQuery(
    List<String> statuses,
    Long tn,
    String customerOrderId,
    String orderIdFragment,
    Instant createdFrom,
    Instant createdBefore,
    Instant modifiedFrom,
    Instant modifiedBefore,
    Instant lastModifiedAfter,
    boolean orderDetails) {

  static final int MAX_ORDERS = 1000;

  /** Parses the query; throws 400 naming the parameter on a malformed value. */
  static OrderQuery parse(MultiMap params, Instant now) {
    List<String> statuses = new ArrayList<>();
    for (String value : params.getAll("status")) {
      for (String status : value.split(",")) {
        if (!status.isBlank()) {
          statuses.add(status.trim().toUpperCase(Locale.ROOT));
        }
      }
    }
    Long tn = null;
    String tnText = params.get("tn");
    if (tnText != null) {
      long parsed = RequestXml.tenDigits(tnText.trim());
      if (parsed < 0) {
        throw new ApiError(400, null, "tn '" + tnText + "' is not a ten-digit telephone number.");
      }
      tn = parsed;
    }
    Instant createdFrom = day(params, "createdDateFrom", 0);
    Instant createdBefore = day(params, "createdDateTo", 1);
    Instant modifiedFrom = day(params, "modifiedDateFrom", 0);
    Instant modifiedBefore = day(params, "modifiedDateTo", 1);
    String customerOrderId = params.get("customerOrderId");
    String fragment = params.get("orderIdFragment");
    boolean narrowed =
        createdFrom != null
            || createdBefore != null
            || modifiedFrom != null
            || modifiedBefore != null
            || tn != null
            || customerOrderId != null
            || fragment != null;
    if (!narrowed) {
      createdFrom = now.minus(730, ChronoUnit.DAYS);
    }
    return new OrderQuery(
        statuses,
        tn,
        customerOrderId,
        fragment,
        createdFrom,
        createdBefore,
        modifiedFrom,
        modifiedBefore,
        instant(params, "lastModifiedAfter"),
        "true".equalsIgnoreCase(params.get("orderDetails")));
  }

  boolean matches(Order order) {
    return (statuses.isEmpty() || statuses.contains(order.status.name()))
        && (customerOrderId == null || customerOrderId.equals(order.customerOrderId))
        && (orderIdFragment == null || order.orderId.contains(orderIdFragment))
        && within(order.created, createdFrom, createdBefore)
        && within(order.lastModified, modifiedFrom, modifiedBefore)
        && (lastModifiedAfter == null || order.lastModified.isAfter(lastModifiedAfter))
        && (tn == null || order.touches(tn));
  }

  private static boolean within(Instant at, Instant from, Instant before) {
    return (from == null || !at.isBefore(from)) && (before == null || at.isBefore(before));
  }

  /** The start of the day named by the parameter, plus {@code plusDays}; null when absent. */
  private static Instant day(MultiMap params, String name, int plusDays) {
    String text = params.get(name);
    if (text == null) {
      return null;
    }
    try {
      return LocalDate.parse(text.trim())
          .plusDays(plusDays)
          .atStartOfDay(ZoneOffset.UTC)
          .toInstant();
    } catch (DateTimeParseException e) {
      throw new ApiError(400, null, name + " '" + text + "' is not a date of the form yyyy-MM-dd.");
    }
  }

  /** Accepts a day ({@code yyyy-MM-dd}) or an ISO-8601 instant. */
  private static Instant instant(MultiMap params, String name) {
    String text = params.get(name);
    if (text == null) {
      return null;
    }
    try {
      return text.length() == 10 ? day(params, name, 0) : Instant.parse(text.trim());
    } catch (DateTimeParseException e) {
      throw new ApiError(
          400, null, name + " '" + text + "' is not a date (yyyy-MM-dd) or an ISO-8601 instant.");
    }
  }
}
