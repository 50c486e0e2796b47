package io.portlock.bandwidth;

import io.portlock.domain.Passcode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Maps order templates to {@link OrderStatus} values: the edge between Jackson and the rest. */
final class Orders {
  private Orders() {}

  static OrderStatus toStatus(TnOptionOrderTemplate answer) {
    TnOptionOrderTemplate order = answer.unwrap();
    if (order.orderId == null || order.orderId.isBlank()) {
      throw new MalformedAnswerException("the answer holds no TnOptionOrder with an OrderId");
    }
    List<NumberError> errors = new ArrayList<>();
    for (ErrorTemplate e : order.errors) {
      List<String> numbers = e.allNumbers();
      if (numbers.isEmpty()) {
        errors.add(new NumberError(code(e.code), trim(e.description), null));
      }
      for (String n : numbers) {
        errors.add(new NumberError(code(e.code), trim(e.description), number(n)));
      }
    }
    List<NumberWarning> warnings = new ArrayList<>();
    for (TnOptionOrderTemplate.WarningTemplate w : order.warnings) {
      warnings.add(new NumberWarning(number(w.telephoneNumber), trim(w.description)));
    }
    return new OrderStatus(
        order.orderId.trim(),
        blankToNull(order.customerOrderId),
        status(order.processingStatus, "ProcessingStatus"),
        errors,
        warnings,
        instant(order.orderCreateDate),
        instant(order.lastModifiedDate));
  }

  /** A summary carries no errors, warnings or customer order id. */
  static OrderStatus toStatus(TnOptionOrdersTemplate.Summary summary) {
    if (summary.orderId == null || summary.orderId.isBlank()) {
      throw new MalformedAnswerException("a TnOptionOrderSummary has no OrderId");
    }
    return new OrderStatus(
        summary.orderId.trim(),
        null,
        status(summary.orderStatus, "OrderStatus"),
        List.of(),
        List.of(),
        instant(summary.orderDate),
        instant(summary.lastModifiedDate));
  }

  static ProcessingStatus status(String text, String element) {
    if (text == null || text.isBlank()) {
      throw new MalformedAnswerException("the order has no " + element);
    }
    try {
      return ProcessingStatus.valueOf(text.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      // Guessing would be worse: an unknown status read as "in flight" would be polled forever.
      throw new MalformedAnswerException(
          "the order has "
              + element
              + " '"
              + Excerpts.clean(text, 20)
              + "', expected one of RECEIVED, PROCESSING, COMPLETE, PARTIAL, FAILED");
    }
  }

  /** Error codes are numbers in every sample; anything else maps to 0 rather than failing. */
  static int code(String text) {
    Integer parsed = codeOrNull(text);
    return parsed == null ? 0 : parsed;
  }

  static Integer codeOrNull(String text) {
    if (text == null) {
      return null;
    }
    try {
      return Integer.valueOf(text.trim());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /**
   * Ten digits, eleven starting with 1, or E.164 ({@code +1} and ten digits, as accounts on
   * Bandwidth's E.164 format answer) as a number; null for anything else.
   */
  static Long number(String text) {
    if (text == null) {
      return null;
    }
    String digits = text.trim();
    if (digits.startsWith("+1")) {
      digits = digits.substring(1);
    }
    if (!digits.matches("1?[0-9]{10}")) {
      return null;
    }
    long value = Long.parseLong(digits);
    return value >= 10_000_000_000L ? value - 10_000_000_000L : value;
  }

  /** Dates are informational: samples hold placeholders such as "dateHere", read as null. */
  static Instant instant(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      return OffsetDateTime.parse(text.trim()).toInstant();
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /** A description as portlock may print it: Bandwidth's text may echo a passcode (5193). */
  private static String trim(String text) {
    return text == null ? null : Passcode.scrub(text.trim());
  }

  private static String blankToNull(String text) {
    return text == null || text.isBlank() ? null : text.trim();
  }
}
