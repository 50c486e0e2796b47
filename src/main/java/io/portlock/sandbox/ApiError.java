package io.portlock.sandbox;

/**
 * A synchronous refusal, answered as {@code <XResponse><ResponseStatus>} with an HTTP status.
 * Carries no stack trace: it is control flow, not a bug.
 *
 * @see Replies#error
 */
final class ApiError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  final int httpStatus;

  /** Bandwidth's error code, or null where Bandwidth documents none (404, malformed XML). */
  final Integer code;

  ApiError(int httpStatus, Integer code, String description) {
    super(description, null, false, false);
    this.httpStatus = httpStatus;
    this.code = code;
  }

  static ApiError badRequest(int code, String description) {
    return new ApiError(400, code, description);
  }

  String description() {
    return getMessage();
  }
}
