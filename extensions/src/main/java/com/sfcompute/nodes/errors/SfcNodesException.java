package com.sfcompute.nodes.errors;

import org.jspecify.annotations.Nullable;

/** Base of every exception the SDK throws for a failed call. Unchecked. */
public class SfcNodesException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** An exception with {@code message} and no cause. */
  public SfcNodesException(String message) {
    super(message);
  }

  /** An exception with {@code message}, caused by {@code cause} (null if none). */
  public SfcNodesException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
