package com.sfcompute.nodes.internal.http;

import java.io.IOException;
import java.io.InterruptedIOException;
import okhttp3.Call;
import okhttp3.Request;
import okhttp3.internal.http2.ConnectionShutdownException;
import okhttp3.internal.http2.ErrorCode;
import okhttp3.internal.http2.StreamResetException;
import org.jspecify.annotations.Nullable;

/**
 * What one attempt of a call did on the network: the facts {@link Transport} decides a repeat on.
 * Each attempt is its own OkHttp call; {@link Transport} creates the attempt with it and registers
 * it with the client's {@link InFlight} by that call, where the SDK's interceptors find it, and
 * {@link ExchangeFacts} fills it in from below OkHttp's own interceptors.
 */
final class Attempt {
  final CallSettings settings;

  /** The request as sent on this attempt (headers added); set when the call is created. */
  @Nullable Request request;

  /** The OkHttp call that sends {@link #request}; set with it. */
  @Nullable Call call;

  /** A connection was open to write the request on: from here on the server may have it. */
  volatile boolean reachedConnection;

  /** That connection had already carried an exchange before this one (it came from the pool). */
  volatile boolean reusedConnection;

  /** The response's status line and headers arrived. */
  volatile boolean responded;

  /**
   * When the attempt's bound ends, on {@link System#nanoTime()}'s clock; set by {@link InFlight}.
   */
  long deadline;

  /**
   * {@link InFlight} bounds this attempt: it runs, and {@link #deadline} is set (once: a caller's
   * interceptor may proceed twice).
   */
  volatile boolean bounded;

  /** The attempt ran past its deadline and {@link InFlight} cancelled its call. */
  volatile boolean timedOut;

  /**
   * The rate limiter's turn this attempt was sent on, 0 when it was sent without one: a 429 slows
   * the client down only when its attempt was sent after the last slow-down.
   */
  long turn;

  /** The attempt as listeners see it, until its end is told; null when none listens. */
  com.sfcompute.nodes.internal.events.@Nullable AttemptRecord events;

  Attempt(CallSettings settings) {
    this.settings = settings;
  }

  /**
   * Whether {@code failure} is the stale keep-alive case: the attempt died on a connection taken
   * from the pool before any response arrived, the way a connection the server (or a load balancer)
   * closed while it sat idle dies. The server never saw a request on it, so a replayable request
   * may be sent again, once, on a fresh connection. A timeout is not this case: a slow server may
   * well be working on the request.
   */
  boolean diedOnStaleConnection(IOException failure) {
    return reachedConnection
        && reusedConnection
        && !responded
        && !(failure instanceof InterruptedIOException);
  }

  /**
   * Whether {@code failure} says the server did not process the request at all, so that it may be
   * sent again whatever its method (RFC 9113, section 8.7): its HTTP/2 stream was refused ({@code
   * REFUSED_STREAM}, which OkHttp also reports for a stream above a {@code GOAWAY}'s last stream
   * id), or the connection was shutting down before the stream was opened. Judged by the failure's
   * type and error code, never its message, and only before any response arrived.
   */
  boolean notProcessed(IOException failure) {
    if (responded) {
      return false;
    }
    if (failure instanceof ConnectionShutdownException) {
      return true;
    }
    return failure instanceof StreamResetException
        && ((StreamResetException) failure).errorCode == ErrorCode.REFUSED_STREAM;
  }

  /**
   * The failure the attempt ended with, as the SDK judges it: the I/O failure of a call that {@link
   * InFlight} cancelled is a timeout, as OkHttp's own call timeout reports it (and so never a stale
   * connection, and retried as a timeout, not refused as a cancelled call).
   */
  IOException failure(IOException e) {
    return !timedOut || e instanceof InterruptedIOException ? e : timeout(e);
  }

  /** The timeout of this attempt, caused by how its call broke off when it was cancelled. */
  IOException timeout(Throwable cause) {
    InterruptedIOException timeout = new InterruptedIOException("timeout");
    timeout.initCause(cause);
    return timeout;
  }
}
