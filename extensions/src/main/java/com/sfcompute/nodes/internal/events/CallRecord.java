package com.sfcompute.nodes.internal.events;

import com.sfcompute.nodes.events.CallEvent;
import com.sfcompute.nodes.events.EventScope;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/** One call as its listeners see it; filled in by the HTTP path as the call goes. */
public final class CallRecord extends Scope implements CallEvent {
  private final String operation;
  private final String httpMethod;
  private final String urlTemplate;
  private final @Nullable String target;
  private final @Nullable String idempotencyKey;
  private final boolean async;
  private final long startNanos = System.nanoTime();
  private volatile long endNanos;
  private boolean ended;
  private final AtomicInteger attempts = new AtomicInteger();
  private volatile int statusCode;
  private volatile @Nullable String requestId;
  private volatile @Nullable Throwable error;

  public CallRecord(
      @Nullable EventScope parent,
      String operation,
      String httpMethod,
      String urlTemplate,
      @Nullable String target,
      @Nullable String idempotencyKey,
      boolean async) {
    super(parent);
    this.operation = operation;
    this.httpMethod = httpMethod;
    this.urlTemplate = urlTemplate;
    this.target = target;
    this.idempotencyKey = idempotencyKey;
    this.async = async;
  }

  /** Counts an attempt about to start and returns its resend count (0 for the first). */
  public int attemptStarting() {
    return attempts.getAndIncrement();
  }

  /** An answer came. */
  public void answered(int statusCode, @Nullable String requestId) {
    this.statusCode = statusCode;
    this.requestId = requestId;
  }

  /** The call ended with {@code error}, or with a value when null; false if it had ended. */
  public synchronized boolean end(@Nullable Throwable error) {
    if (ended) {
      return false;
    }
    ended = true;
    this.error = error;
    this.endNanos = System.nanoTime();
    return true;
  }

  @Override
  public String operation() {
    return operation;
  }

  @Override
  public String httpMethod() {
    return httpMethod;
  }

  @Override
  public String urlTemplate() {
    return urlTemplate;
  }

  @Override
  public @Nullable String target() {
    return target;
  }

  @Override
  public @Nullable String idempotencyKey() {
    return idempotencyKey;
  }

  @Override
  public boolean async() {
    return async;
  }

  @Override
  public int attempts() {
    return attempts.get();
  }

  @Override
  public Duration duration() {
    long end = endNanos;
    return Duration.ofNanos((end != 0 ? end : System.nanoTime()) - startNanos);
  }

  @Override
  public int statusCode() {
    return statusCode;
  }

  @Override
  public @Nullable String requestId() {
    return requestId;
  }

  @Override
  public @Nullable Throwable error() {
    return error;
  }

  @Override
  public String toString() {
    return "CallEvent{" + operation + (target != null ? " " + target : "") + "}";
  }
}
