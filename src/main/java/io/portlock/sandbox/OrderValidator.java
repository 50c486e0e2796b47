package io.portlock.sandbox;

import java.util.Arrays;
import java.util.regex.Pattern;

/**
 * The checks Bandwidth makes before it accepts an order (answered synchronously with 400); the
 * per-number checks happen later, while the order is processed ({@link OrderProcessor}).
 */
final class OrderValidator {
  private static final Pattern CUSTOMER_ORDER_ID = Pattern.compile("[A-Za-z0-9\\- ]{1,40}");

  private OrderValidator() {}

  /**
   * Throws the first problem found, checking cheap things first so that an oversized order is
   * refused without sorting its numbers.
   */
  static void validate(RequestXml.ParsedOrder order, int maxNumbersPerOrder) {
    String customerOrderId = order.customerOrderId();
    if (customerOrderId != null && !CUSTOMER_ORDER_ID.matcher(customerOrderId).matches()) {
      throw ApiError.badRequest(
          5052,
          "CustomerOrderId is invalid: it may hold letters, digits, dashes and spaces, at most 40"
              + " characters.");
    }
    int count = 0;
    int valid = 0;
    for (OrderGroup group : order.groups()) {
      count += group.numberCount();
      valid += group.numbers().length;
    }
    if (count > maxNumbersPerOrder) {
      throw ApiError.badRequest(
          5095,
          String.format(
              "The count of telephone numbers in order exceeds the maximum size of %d",
              maxNumbersPerOrder));
    }
    for (OrderGroup group : order.groups()) {
      if (!group.hasOption()) {
        throw ApiError.badRequest(5115, "At least one option must be specified for TnOptionGroup.");
      }
    }
    long duplicate = firstDuplicate(order);
    if (duplicate >= 0) {
      throw ApiError.badRequest(
          5093, "Telephone number " + duplicate + " is duplicated in the order.");
    }
    if (valid == 0) {
      throw ApiError.badRequest(5077, "There are no valid telephone numbers in the order.");
    }
  }

  /**
   * A number listed twice in one group, or in two groups that both set a passcode (which would make
   * the outcome depend on the order of the groups); -1 when there is none. The same number in
   * groups setting different options is allowed, as in Bandwidth's own examples.
   */
  private static long firstDuplicate(RequestXml.ParsedOrder order) {
    int passcodeCount = 0;
    for (OrderGroup group : order.groups()) {
      if (group.hasPasscode()) {
        passcodeCount += group.numbers().length;
      } else {
        long duplicate = firstDuplicate(group.numbers().clone());
        if (duplicate >= 0) {
          return duplicate;
        }
      }
    }
    long[] all = new long[passcodeCount];
    int at = 0;
    for (OrderGroup group : order.groups()) {
      if (group.hasPasscode()) {
        System.arraycopy(group.numbers(), 0, all, at, group.numbers().length);
        at += group.numbers().length;
      }
    }
    return firstDuplicate(all);
  }

  private static long firstDuplicate(long[] numbers) {
    Arrays.sort(numbers);
    for (int i = 1; i < numbers.length; i++) {
      if (numbers[i] == numbers[i - 1]) {
        return numbers[i];
      }
    }
    return -1;
  }
}
