package com.sfcompute.nodes.errors;

import org.jspecify.annotations.Nullable;

/** The API answered with a success status, but the body could not be read as the expected type. */
public final class SfcNodesInvalidDataException extends SfcNodesException {
  private static final long serialVersionUID = 1L;

  /**
   * An exception with {@code message}, caused by the parse failure {@code cause} (null if none).
   */
  public SfcNodesInvalidDataException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
