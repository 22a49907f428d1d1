package com.sfcompute.nodes.errors;

import com.sfcompute.nodes.model.Node;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/** A waiter gave up: the node did not reach the state waited for within the timeout. */
public final class WaitTimeoutException extends SfcNodesException {
  private static final long serialVersionUID = 1L;

  private final transient @Nullable Node lastSeen;

  /** See {@link #timeout()}. */
  private final Duration timeout;

  /**
   * An exception with {@code message}, the node as last read (null if no read succeeded) and the
   * timeout that passed.
   */
  public WaitTimeoutException(String message, @Nullable Node lastSeen, Duration timeout) {
    super(message);
    this.lastSeen = lastSeen;
    this.timeout = timeout;
  }

  /** The node as last read, or null if no read succeeded. */
  public @Nullable Node lastSeen() {
    return lastSeen;
  }

  /** The timeout that passed: the wait's {@link com.sfcompute.nodes.WaitOptions#timeout()}. */
  public Duration timeout() {
    return timeout;
  }
}
