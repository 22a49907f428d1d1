package com.sfcompute.nodes.errors;

import org.jspecify.annotations.Nullable;

/** Base of every exception the SDK throws for a failed call. Unchecked. */
public class SfcNodesException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public SfcNodesException(String message) {
    super(message);
  }

  public SfcNodesException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
