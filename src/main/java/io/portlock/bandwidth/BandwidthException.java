package io.portlock.bandwidth;

import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Bandwidth call failed: says what portlock tried, what Bandwidth answered (HTTP status and error
 * code, when there were any) and why.
 */
public final class BandwidthException extends RuntimeException {
  private static final Pattern MAXIMUM = Pattern.compile("maximum size of (\\d+)");

  private final String action;
  private final int httpStatus;
  private final Integer errorCode;
  private final String description;
  private final boolean outcomeUnknown;

  /**
   * @param action what was tried, as a verb phrase: "create tnoptions order portlock-ab12-1"
   * @param httpStatus 0 when no answer came (connection failed)
   * @param errorCode Bandwidth's {@code ErrorCode}, or null
   */
  public BandwidthException(
      String action, int httpStatus, Integer errorCode, String description, Throwable cause) {
    this(action, httpStatus, errorCode, description, cause, false);
  }

  /**
   * @param outcomeUnknown true when the request may have been carried out although no good answer
   *     came back (see {@link #outcomeUnknown()})
   */
  public BandwidthException(
      String action,
      int httpStatus,
      Integer errorCode,
      String description,
      Throwable cause,
      boolean outcomeUnknown) {
    super(message(action, httpStatus, errorCode, description), cause);
    this.action = action;
    this.httpStatus = httpStatus;
    this.errorCode = errorCode;
    this.description = description;
    this.outcomeUnknown = outcomeUnknown;
  }

  private static String message(String action, int status, Integer code, String description) {
    StringBuilder sb = new StringBuilder("Tried to ").append(action).append(" but ");
    if (status == 0) {
      sb.append("no answer came");
    } else {
      sb.append("Bandwidth answered ").append(status);
      if (code != null) {
        sb.append(", code ").append(code);
      }
    }
    if (description != null && !description.isBlank()) {
      sb.append(": ").append(description);
    }
    return sb.toString();
  }

  public String action() {
    return action;
  }

  public int httpStatus() {
    return httpStatus;
  }

  public Integer errorCode() {
    return errorCode;
  }

  public String description() {
    return description;
  }

  /**
   * True when a request that must not be sent twice (creating an order) may nevertheless have been
   * carried out: the connection dropped after it was sent, Bandwidth answered 5xx, or its 2xx
   * answer could not be read. Look the order up by its CustomerOrderId before sending it again.
   */
  public boolean outcomeUnknown() {
    return outcomeUnknown;
  }

  /** For error 5095: the maximum numbers per order read from the description. */
  public OptionalInt maximumNumbersPerOrder() {
    if (errorCode == null || errorCode != 5095 || description == null) {
      return OptionalInt.empty();
    }
    Matcher m = MAXIMUM.matcher(description);
    return m.find() ? OptionalInt.of(Integer.parseInt(m.group(1))) : OptionalInt.empty();
  }
}
