package com.sfcompute.nodes.internal.events;

import com.sfcompute.nodes.events.AttemptEvent;
import com.sfcompute.nodes.events.CallEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import okhttp3.Headers;
import okhttp3.Request;
import okhttp3.RequestBody;
import org.jspecify.annotations.Nullable;

/** One attempt as its listeners see it. */
public final class AttemptRecord implements AttemptEvent {
  /** Headers the SDK sets, or that only the HTTP stack may set: a listener never changes them. */
  private static final List<String> OWNED =
      Collections.unmodifiableList(
          java.util.Arrays.asList(
              "authorization",
              "proxy-authorization",
              "cookie",
              "idempotency-key",
              "content-type",
              "content-length",
              "content-encoding",
              "transfer-encoding",
              "host",
              "connection",
              "te",
              "upgrade",
              "user-agent",
              "accept-encoding"));

  private final CallRecord call;
  private final int resendCount;
  private final Request request;
  private final long startNanos = System.nanoTime();
  private @Nullable List<String> added;
  private volatile boolean started;
  private volatile long endNanos;
  private volatile int statusCode;
  private volatile boolean reused;
  private volatile @Nullable String protocol;
  private volatile long responseBodySize = -1;
  private volatile @Nullable Throwable error;

  public AttemptRecord(CallRecord call, Request request) {
    this.call = call;
    this.resendCount = call.attemptStarting();
    this.request = request;
  }

  /** The request with the headers listeners added; from now on they may add none. */
  public Request request() {
    started = true;
    List<String> headers = added;
    if (headers == null) {
      return request;
    }
    Request.Builder b = request.newBuilder();
    for (int i = 0; i < headers.size(); i += 2) {
      b.header(headers.get(i), headers.get(i + 1));
    }
    return b.build();
  }

  /** An answer's headers came: its status, the connection's reuse and protocol, its size. */
  public void answered(int statusCode, boolean reused, String protocol, long bodySize) {
    this.statusCode = statusCode;
    this.reused = reused;
    this.protocol = protocol;
    this.responseBodySize = bodySize;
    this.endNanos = System.nanoTime();
  }

  /** It failed before an answer. */
  public void failed(Throwable error, boolean reused) {
    this.error = error;
    this.reused = reused;
    this.endNanos = System.nanoTime();
  }

  @Override
  public CallEvent call() {
    return call;
  }

  @Override
  public int resendCount() {
    return resendCount;
  }

  @Override
  public String url() {
    return request.url().toString();
  }

  @Override
  public String serverAddress() {
    return request.url().host();
  }

  @Override
  public int serverPort() {
    return request.url().port();
  }

  @Override
  public synchronized void setHeader(String name, String value) {
    if (started) {
      throw new IllegalStateException("setHeader after attemptStarted: the request is sent");
    }
    new Headers.Builder().add(name, value); // Checks the name and value as OkHttp would.
    String lower = name.toLowerCase(Locale.ROOT);
    if (OWNED.contains(lower) || request.header(name) != null) {
      throw new IllegalArgumentException("header " + name + " is set by the SDK");
    }
    List<String> headers = added;
    if (headers == null) {
      headers = new ArrayList<>(4);
      added = headers;
    }
    for (int i = 0; i < headers.size(); i += 2) {
      if (headers.get(i).equalsIgnoreCase(name)) {
        headers.set(i + 1, value);
        return;
      }
    }
    headers.add(name);
    headers.add(value);
  }

  @Override
  public int statusCode() {
    return statusCode;
  }

  @Override
  public boolean reusedConnection() {
    return reused;
  }

  @Override
  public @Nullable String protocolVersion() {
    return protocol;
  }

  @Override
  public long requestBodySize() {
    RequestBody body = request.body();
    if (body == null) {
      return 0;
    }
    try {
      return Math.max(0, body.contentLength());
    } catch (java.io.IOException e) {
      return 0; // The SDK's bodies are in memory: their length is known.
    }
  }

  @Override
  public long responseBodySize() {
    return responseBodySize;
  }

  @Override
  public Duration duration() {
    long end = endNanos;
    return Duration.ofNanos((end != 0 ? end : System.nanoTime()) - startNanos);
  }

  @Override
  public @Nullable Throwable error() {
    return error;
  }

  @Override
  public String toString() {
    return "AttemptEvent{" + call.operation() + " #" + resendCount + "}";
  }
}
