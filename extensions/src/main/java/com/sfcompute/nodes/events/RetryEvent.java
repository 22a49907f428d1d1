package com.sfcompute.nodes.events;

import java.time.Duration;

/** The SDK decided to send a call again. */
public interface RetryEvent {
  /** Why a call is sent again. */
  enum Reason {
    /** The answer's status is retried by the rule (408, 409, 5xx, or a write the server said). */
    STATUS,
    /** The server throttled the call ({@code 429}). */
    THROTTLED,
    /** The connection failed or timed out before an answer came; retried by the rule. */
    CONNECTION_FAILURE,
    /**
     * The request died on a reused pooled connection before any answer byte: replayed at once on
     * another connection, not counted as a retry.
     */
    DEAD_CONNECTION,
    /**
     * The server refused the request unprocessed (HTTP/2 {@code REFUSED_STREAM} or GOAWAY): sent
     * again at once, not counted as a retry.
     */
    REFUSED_STREAM,
    /**
     * A read was redirected within the API's origin: sent to the new location at once, not counted
     * as a retry.
     */
    REDIRECT
  }

  /** The call sent again. */
  CallEvent call();

  /** Why. */
  Reason reason();

  /**
   * How long the call waits before the next attempt (zero for a replay, a refused stream or a
   * redirect).
   */
  Duration delay();

  /** Whether this resend uses one of the call's retries ({@code maxRetries}). */
  boolean countsAsRetry();

  /** The status of the answer retried, or 0 when none came. */
  int statusCode();
}
