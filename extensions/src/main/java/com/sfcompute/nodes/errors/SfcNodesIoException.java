package com.sfcompute.nodes.errors;

/**
 * No answer came from the API: the connection failed, was reset or timed out. For reads it is
 * thrown after the retries are spent; a call with side effects that may have reached the server
 * throws {@link OutcomeUnknownException} instead.
 */
public class SfcNodesIoException extends SfcNodesException {
  private static final long serialVersionUID = 1L;

  /** An exception with {@code message}, caused by the I/O failure {@code cause}. */
  public SfcNodesIoException(String message, Throwable cause) {
    super(message, cause);
  }
}
