package com.sfcompute.nodes.internal.http;

import java.io.IOException;

/**
 * The final failure of a call whose last attempt provably never reached the server: nothing was
 * applied. Its cause is the failure seen.
 *
 * <p>Internal: not part of the public API.
 */
public final class NotSentException extends IOException {
  private static final long serialVersionUID = 1L;

  NotSentException(IOException cause) {
    super("request not sent: " + cause.getMessage(), cause);
  }

  @Override
  public synchronized IOException getCause() {
    return (IOException) super.getCause();
  }
}
