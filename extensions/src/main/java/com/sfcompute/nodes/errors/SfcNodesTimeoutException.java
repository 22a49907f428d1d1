package com.sfcompute.nodes.errors;

/** The API did not answer in time (the client's timeout, 60 s by default). */
public final class SfcNodesTimeoutException extends SfcNodesIoException {
  private static final long serialVersionUID = 1L;

  /** An exception with {@code message}, caused by the timeout {@code cause}. */
  public SfcNodesTimeoutException(String message, Throwable cause) {
    super(message, cause);
  }
}
