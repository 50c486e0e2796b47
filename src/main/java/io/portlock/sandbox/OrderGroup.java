package io.portlock.sandbox;

import java.util.List;

/**
 * One {@code TnOptionGroup} of an order: its options, its numbers, and the passcode it sets.
 *
 * @param options the options other than {@code PortOutPasscode}, echoed back in answers
 * @param passcode the {@code PortOutPasscode} value as sent, or null when the group has none;
 *     dropped once the order has been applied so secrets do not linger in order records
 * @param numbers the valid ten-digit numbers, in the order sent
 * @param invalidNumbers {@code TelephoneNumber} texts that are not ten-digit NANP numbers
 */
record OrderGroup(
    List<XmlNode> options, String passcode, long[] numbers, List<String> invalidNumbers) {

  OrderGroup {
    options = List.copyOf(options);
    invalidNumbers = List.copyOf(invalidNumbers);
  }

  boolean hasPasscode() {
    return passcode != null;
  }

  boolean hasOption() {
    return passcode != null || !options.isEmpty();
  }

  int numberCount() {
    return numbers.length + invalidNumbers.size();
  }

  OrderGroup withoutPasscode() {
    return passcode == null ? this : new OrderGroup(options, null, numbers, invalidNumbers);
  }
}
