package io.portlock.bandwidth;

import java.util.Objects;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * One number of the account's inventory, as {@code GET /tns} or {@code GET /inserviceNumbers} lists
 * it.
 *
 * @param fullNumber the number as Bandwidth wrote it (ten digits, or E.164 such as {@code
 *     +442071838750})
 * @param nanp its ten digits when it is a NANP (+1) number; empty for any other number
 * @param tier Bandwidth's tier (0 is on-net); empty when the listing does not say ({@code
 *     inserviceNumbers} lists bare numbers)
 * @param status such as {@code Inservice}, or empty text when the listing does not say
 */
public record AccountNumber(String fullNumber, OptionalLong nanp, OptionalInt tier, String status) {

  public AccountNumber {
    Objects.requireNonNull(fullNumber, "fullNumber");
    Objects.requireNonNull(nanp, "nanp");
    Objects.requireNonNull(tier, "tier");
    Objects.requireNonNull(status, "status");
  }

  /**
   * Reads a number as written: ten digits, eleven starting with 1, or {@code +1} and ten digits are
   * NANP when the area code and exchange start with 2-9; anything else is kept as written.
   */
  static AccountNumber of(String written, OptionalInt tier, String status) {
    String text = written.trim();
    return new AccountNumber(text, nanpDigits(text), tier, status == null ? "" : status.trim());
  }

  private static OptionalLong nanpDigits(String text) {
    Long digits = text.startsWith("+") && !text.startsWith("+1") ? null : Orders.number(text);
    if (digits == null) {
      return OptionalLong.empty();
    }
    long npa = digits / 10_000_000L;
    long nxx = digits / 10_000L % 1000;
    return npa >= 200 && nxx >= 200 ? OptionalLong.of(digits) : OptionalLong.empty();
  }
}
