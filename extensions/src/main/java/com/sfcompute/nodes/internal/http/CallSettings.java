package com.sfcompute.nodes.internal.http;

import okhttp3.Headers;

/**
 * The settings every attempt of a client (or of one {@code withOptions} view of it) is sent with:
 * computed once, not per call.
 */
final class CallSettings {
  /** Authorization, User-Agent, Accept and the caller's extra headers, ready to send. */
  final Headers headers;

  /** The bound of one whole attempt, in nanoseconds; 0 keeps the caller's OkHttpClient's own. */
  final long attemptTimeoutNanos;

  /** How often a call may be repeated by the SDK's retry rule. */
  final int maxRetries;

  /** Whether an answer without a required field is refused whole, rather than marked. */
  final boolean strictDecoding;

  CallSettings(Headers headers, long attemptTimeoutNanos, int maxRetries, boolean strictDecoding) {
    this.headers = headers;
    this.attemptTimeoutNanos = attemptTimeoutNanos;
    this.maxRetries = maxRetries;
    this.strictDecoding = strictDecoding;
  }
}
