package com.sfcompute.nodes.events;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/** One HTTP exchange of a call: the first send, or a resend. */
public interface AttemptEvent {
  /** The call this attempt belongs to. */
  CallEvent call();

  /** 0 for the first send, n for the n-th resend (retries and replays alike). */
  int resendCount();

  /** The request's URL, without user info; the API's URLs carry no secrets. */
  String url();

  /** The host the request is sent to. */
  String serverAddress();

  /** The port the request is sent to. */
  int serverPort();

  /**
   * Adds a header to this attempt's request: for {@code attemptStarted} only, e.g. a trace context.
   * Headers the SDK sets itself ({@code Authorization}, {@code Idempotency-Key}, {@code
   * Content-Type}, ...) are refused.
   *
   * @throws IllegalArgumentException for a header the SDK owns, or an invalid name or value
   * @throws IllegalStateException after {@code attemptStarted} returned
   */
  void setHeader(String name, String value);

  /** The answer's status, or 0 when none came (yet). */
  int statusCode();

  /** Whether the request went on a connection that had carried an exchange before. */
  boolean reusedConnection();

  /** The HTTP version that carried it, e.g. {@code 1.1} or {@code 2}, or null when none. */
  @Nullable String protocolVersion();

  /** The request body's size in bytes; 0 when it has none. */
  long requestBodySize();

  /** The answer body's size in bytes when it was announced ({@code Content-Length}), else -1. */
  long responseBodySize();

  /** From its start until now, or until it ended (its answer's headers or its failure). */
  Duration duration();

  /**
   * At the end: why no answer came (a connection failure, a timeout, a refused stream), as the
   * exception the SDK saw; null when an answer came, whatever its status.
   */
  @Nullable Throwable error();
}
