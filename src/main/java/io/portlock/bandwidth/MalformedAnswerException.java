package io.portlock.bandwidth;

/**
 * An answer that portlock could not read; the endpoint that caught it adds the action and status.
 * Its message never quotes the body.
 */
final class MalformedAnswerException extends RuntimeException {
  MalformedAnswerException(String message) {
    super(message, null, false, false);
  }
}
