package com.sfcompute.nodes.internal.http;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import okhttp3.Call;
import okhttp3.Connection;
import okhttp3.HttpUrl;
import okhttp3.Request;
import okhttp3.internal.http2.ConnectionShutdownException;
import okhttp3.internal.http2.ErrorCode;
import okhttp3.internal.http2.StreamResetException;
import org.jspecify.annotations.Nullable;

/**
 * What one attempt of a call did on the network: the facts {@link SendAgain} decides a repeat on.
 * Each attempt is its own OkHttp call; {@link Stack#newCall} creates it and registers it with the
 * client's {@link InFlight} by that call, where the SDK's interceptors and event listener find it:
 * {@link ConnectionEvents} and {@link ExchangeFacts} fill it in, per call, from OkHttp's events and
 * from below OkHttp's own interceptors.
 */
final class Attempt {
  final CallSettings settings;

  /** The request as sent on this attempt (headers added); set when the call is created. */
  @Nullable Request request;

  /** Where this attempt goes instead of the call's own URL (a followed redirect), or null. */
  @Nullable HttpUrl redirectTo;

  /** When the call was created, on {@link System#nanoTime()}'s clock. */
  long startedNanos;

  /** The OkHttp call that sends {@link #request}; set with it. */
  @Nullable Call call;

  /** A connection was open to write the request on: from here on the server may have it. */
  volatile boolean reachedConnection;

  /**
   * This attempt's call started to open a connection ({@code connectStart}): what it was sent on
   * may be fresh. Set by {@link ConnectionEvents}.
   */
  volatile boolean openedConnection;

  /**
   * The connection came from the pool: the call acquired it without opening one. When unsure (the
   * call opened one, then took another), it counts as fresh: the side on which nothing is replayed.
   */
  volatile boolean reusedConnection;

  /** The connection the request was written on, once reached. */
  volatile @Nullable Connection connection;

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
   * The failure the attempt ended with, as the SDK judges it: the I/O failure of a call whose
   * deadline fired is a timeout, as OkHttp's own call timeout reports it (and so never a stale
   * connection, and retried as a timeout, not refused as a cancelled call).
   */
  IOException failure(IOException e) {
    return !deadlineFired() || e instanceof InterruptedIOException ? e : timeout(e);
  }

  /**
   * Whether the attempt's own deadline fired, known by state: {@link InFlight} cancelled it at the
   * SDK's deadline, or OkHttp's call timeout (of a caller's OkHttpClient) cancelled it at its own.
   */
  boolean deadlineFired() {
    if (timedOut) {
      return true;
    }
    Call c = call;
    if (c == null || !c.isCanceled()) {
      return false;
    }
    long bound = c.timeout().timeoutNanos();
    return bound > 0 && System.nanoTime() - startedNanos >= bound;
  }

  /** Whether the attempt's call was cancelled for another reason than its deadline. */
  boolean canceled() {
    Call c = call;
    return c != null && c.isCanceled() && !deadlineFired();
  }

  /**
   * Whether {@code failure} is a timeout: the attempt's deadline fired, or a caller's
   * OkHttpClient's connect, read or write timeout did (a socket timeout, by its type).
   */
  boolean timedOut(IOException failure) {
    return deadlineFired() || failure instanceof SocketTimeoutException;
  }

  /** The timeout of this attempt, caused by how its call broke off when it was cancelled. */
  IOException timeout(Throwable cause) {
    InterruptedIOException timeout = new InterruptedIOException("timeout");
    timeout.initCause(cause);
    return timeout;
  }
}
