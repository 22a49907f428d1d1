package com.sfcompute.nodes.internal.http;

/**
 * A success answer whose body could not be read as the expected type (not JSON, truncated, wrong
 * shape). Thrown by the converter; the SDK turns it into {@code SfcNodesInvalidDataException}.
 *
 * <p>Internal: not part of the public API.
 */
final class InvalidBodyException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  InvalidBodyException(String message, Throwable cause) {
    super(message, cause);
  }
}
