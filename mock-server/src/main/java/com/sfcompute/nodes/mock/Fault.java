package com.sfcompute.nodes.mock;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One thing that goes wrong with one request: an error answer, a dropped connection, a delay, a
 * slow or cut body. Immutable; hand it to {@link MockFaults}.
 *
 * <p>Faults that answer on their own ({@link #status}, {@link #tooManyRequests}, {@link #body}) and
 * {@link #dropBeforeAction()} leave the mock's state untouched: the request is never applied.
 * {@link #dropAfterAction()}, {@link #slowBody} and {@link #truncatedBody} apply the request first,
 * then spoil the answer: that is what tells a client that retries blindly from one that does not
 * (see {@link MockCounters}). An applied request with an {@code Idempotency-Key} is remembered
 * before its answer is spoiled, so a retry with the same key gets the first answer.
 */
public final class Fault {
  enum Kind {
    RESPOND,
    DROP_BEFORE_ACTION,
    DROP_AFTER_ACTION,
    LATENCY,
    SLOW_BODY,
    TRUNCATED_BODY
  }

  final Kind kind;
  final int status;
  final @Nullable String errorType;
  final @Nullable String contentType;
  final @Nullable String rawBody;
  final Duration delay;
  final int bytes;
  final Map<String, String> headers;

  private Fault(
      Kind kind,
      int status,
      @Nullable String errorType,
      @Nullable String contentType,
      @Nullable String rawBody,
      Duration delay,
      int bytes,
      Map<String, String> headers) {
    this.kind = kind;
    this.status = status;
    this.errorType = errorType;
    this.contentType = contentType;
    this.rawBody = rawBody;
    this.delay = delay;
    this.bytes = bytes;
    this.headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
  }

  private static Fault of(Kind kind) {
    return new Fault(kind, 0, null, null, null, Duration.ZERO, 0, Collections.emptyMap());
  }

  /**
   * Answers {@code status} with the API's error envelope, without applying the request. The
   * envelope's {@code type} is the one the API uses for that status ({@code api_error} for 500 and
   * 429, {@code service_unavailable} for 503, and so on).
   *
   * @param status 400 to 599
   */
  public static Fault status(int status) {
    checkErrorStatus(status);
    return new Fault(
        Kind.RESPOND, status, null, null, null, Duration.ZERO, 0, Collections.emptyMap());
  }

  /** Like {@link #status(int)}, with {@code errorType} as the envelope's {@code type}. */
  public static Fault status(int status, String errorType) {
    checkErrorStatus(status);
    Objects.requireNonNull(errorType, "errorType == null");
    return new Fault(
        Kind.RESPOND, status, errorType, null, null, Duration.ZERO, 0, Collections.emptyMap());
  }

  /**
   * Answers 429 with {@code Retry-After} (whole seconds, rounded up) and {@code Retry-After-Ms},
   * without applying the request.
   */
  public static Fault tooManyRequests(Duration retryAfter) {
    return status(429).withRetryAfter(retryAfter);
  }

  /**
   * Answers {@code status} with exactly {@code body}, as a proxy in front of the API might (an HTML
   * page, an empty body, cut-off JSON), without applying the request.
   *
   * @param contentType the {@code Content-Type} header, e.g. {@code text/html}
   */
  public static Fault body(int status, String contentType, String body) {
    if (status < 100 || status > 599) {
      throw new IllegalArgumentException("status not in 100..599: " + status);
    }
    Objects.requireNonNull(contentType, "contentType == null");
    Objects.requireNonNull(body, "body == null");
    return new Fault(
        Kind.RESPOND, status, null, contentType, body, Duration.ZERO, 0, Collections.emptyMap());
  }

  /** Closes the connection without an answer and without applying the request. */
  public static Fault dropBeforeAction() {
    return of(Kind.DROP_BEFORE_ACTION);
  }

  /**
   * Applies the request, then closes the connection without an answer: the client sees an I/O error
   * although the action happened.
   */
  public static Fault dropAfterAction() {
    return of(Kind.DROP_AFTER_ACTION);
  }

  /** Waits {@code delay} (real time) before handling the request, then handles it normally. */
  public static Fault latency(Duration delay) {
    checkDuration(delay, "delay");
    return new Fault(Kind.LATENCY, 0, null, null, null, delay, 0, Collections.emptyMap());
  }

  /**
   * Applies the request and sends the answer's headers at once, then its body {@code chunkBytes} at
   * a time with {@code pause} (real time) before each chunk.
   */
  public static Fault slowBody(int chunkBytes, Duration pause) {
    if (chunkBytes < 1) {
      throw new IllegalArgumentException("chunkBytes < 1: " + chunkBytes);
    }
    checkDuration(pause, "pause");
    return new Fault(
        Kind.SLOW_BODY, 0, null, null, null, pause, chunkBytes, Collections.emptyMap());
  }

  /**
   * Applies the request, announces the whole body's {@code Content-Length}, sends only its first
   * {@code keepBytes} bytes and closes the connection.
   */
  public static Fault truncatedBody(int keepBytes) {
    if (keepBytes < 0) {
      throw new IllegalArgumentException("keepBytes < 0: " + keepBytes);
    }
    return new Fault(
        Kind.TRUNCATED_BODY, 0, null, null, null, Duration.ZERO, keepBytes, Collections.emptyMap());
  }

  /**
   * This fault with a response header added, e.g. {@code withHeader("x-should-retry", "false")}.
   * Ignored by the faults that send no answer.
   */
  public Fault withHeader(String name, String value) {
    Objects.requireNonNull(name, "name == null");
    Objects.requireNonNull(value, "value == null");
    Map<String, String> copy = new LinkedHashMap<>(headers);
    copy.put(name, value);
    return new Fault(kind, status, errorType, contentType, rawBody, delay, bytes, copy);
  }

  /**
   * This fault with {@code Retry-After} (whole seconds, rounded up) and {@code Retry-After-Ms}
   * headers. For one header only, or an HTTP date, use {@link #withHeader}.
   */
  public Fault withRetryAfter(Duration retryAfter) {
    checkDuration(retryAfter, "retryAfter");
    long millis = retryAfter.toMillis();
    long seconds = (millis + 999) / 1000;
    return withHeader("Retry-After", Long.toString(seconds))
        .withHeader("Retry-After-Ms", Long.toString(millis));
  }

  @Override
  public String toString() {
    StringBuilder s = new StringBuilder("Fault[").append(kind);
    if (status != 0) {
      s.append(' ').append(status);
    }
    if (!delay.isZero()) {
      s.append(' ').append(delay);
    }
    if (bytes != 0) {
      s.append(' ').append(bytes).append(" bytes");
    }
    if (!headers.isEmpty()) {
      s.append(' ').append(headers);
    }
    return s.append(']').toString();
  }

  private static void checkErrorStatus(int status) {
    if (status < 400 || status > 599) {
      throw new IllegalArgumentException("status not in 400..599: " + status);
    }
  }

  private static void checkDuration(Duration duration, String name) {
    Objects.requireNonNull(duration, name + " == null");
    if (duration.isNegative()) {
      throw new IllegalArgumentException(name + " < 0: " + duration);
    }
  }
}
