package com.sfcompute.nodes.internal.http;

import com.sfcompute.nodes.Sleeper;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.function.DoubleSupplier;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;
import org.jspecify.annotations.Nullable;

/**
 * Retries that never buy twice or redeploy twice.
 *
 * <p>Internal: not part of the public API.
 *
 * <p>Reads (GET) are retried on connection failures, 408, 409, 429 and 5xx. Anything else has side
 * effects and is retried only when the request provably never reached the server (the failure came
 * before a connection was open to write it on), or when the server asked for it (429, {@code
 * x-should-retry: true}). {@code x-should-retry} overrides the decision both ways. The wait honours
 * {@code Retry-After-Ms}, then {@code Retry-After} (seconds or an HTTP date) when under a minute,
 * else 0.5 s doubling to 8 s, less up to 25 % jitter.
 *
 * <p>Requires {@link ReachedNetwork} among the client's network interceptors, and OkHttp's own
 * {@code retryOnConnectionFailure} off (OkHttp would otherwise repeat some writes silently).
 */
public final class RetryInterceptor implements Interceptor {
  static final Duration INITIAL_BACKOFF = Duration.ofMillis(500);
  static final Duration MAX_BACKOFF = Duration.ofSeconds(8);
  static final Duration MAX_RETRY_AFTER = Duration.ofSeconds(60);

  private final int maxRetries;
  private final Clock clock;
  private final Sleeper sleeper;
  private final DoubleSupplier random;

  public RetryInterceptor(int maxRetries, Clock clock, Sleeper sleeper, DoubleSupplier random) {
    if (maxRetries < 0) {
      throw new IllegalArgumentException("maxRetries < 0: " + maxRetries);
    }
    this.maxRetries = maxRetries;
    this.clock = clock;
    this.sleeper = sleeper;
    this.random = random;
  }

  /** Whether a request with this method may be repeated freely. */
  public static boolean isRead(String method) {
    return method.equals("GET") || method.equals("HEAD");
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    boolean read = isRead(request.method());
    for (int attempt = 0; ; attempt++) {
      ReachedNetwork.Marker marker = new ReachedNetwork.Marker();
      Response response;
      try {
        response =
            chain.proceed(request.newBuilder().tag(ReachedNetwork.Marker.class, marker).build());
      } catch (IOException e) {
        boolean safe = read || !marker.reached();
        if (safe && attempt < maxRetries && !chain.call().isCanceled()) {
          sleep(backoff(attempt));
          continue;
        }
        throw marker.reached() ? e : new NotSentException(e);
      }
      boolean retry = shouldRetry(read, response);
      if (retry && attempt < maxRetries && !chain.call().isCanceled()) {
        Duration wait = delay(attempt, response);
        response.close();
        sleep(wait);
        continue;
      }
      return response;
    }
  }

  static boolean shouldRetry(boolean read, Response response) {
    String header = response.header("x-should-retry");
    if (header != null) {
      if (header.equalsIgnoreCase("true")) {
        return true;
      }
      if (header.equalsIgnoreCase("false")) {
        return false;
      }
    }
    int code = response.code();
    if (code == 429) {
      return true;
    }
    return read && (code == 408 || code == 409 || code >= 500);
  }

  Duration delay(int attempt, Response response) {
    Duration serverAsked = retryAfter(response);
    return serverAsked != null ? serverAsked : backoff(attempt);
  }

  Duration backoff(int attempt) {
    long millis = INITIAL_BACKOFF.toMillis() << Math.min(attempt, 10);
    millis = Math.min(millis, MAX_BACKOFF.toMillis());
    double jitter = 1.0 - 0.25 * random.getAsDouble();
    return Duration.ofMillis((long) (millis * jitter));
  }

  /** The server's wait, when it gave one between zero and a minute. */
  @Nullable Duration retryAfter(Response response) {
    String millis = response.header("retry-after-ms");
    if (millis != null) {
      try {
        return withinLimit(Duration.ofNanos((long) (Double.parseDouble(millis) * 1_000_000)));
      } catch (NumberFormatException ignored) {
        // Fall through to Retry-After.
      }
    }
    String value = response.header("retry-after");
    if (value == null) {
      return null;
    }
    try {
      return withinLimit(Duration.ofMillis((long) (Double.parseDouble(value.trim()) * 1000)));
    } catch (NumberFormatException notSeconds) {
      try {
        ZonedDateTime at =
            ZonedDateTime.parse(
                value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME.withLocale(Locale.US));
        return withinLimit(Duration.between(clock.instant(), at.toInstant()));
      } catch (DateTimeParseException notADate) {
        return null;
      }
    }
  }

  private static @Nullable Duration withinLimit(Duration wait) {
    return wait.isNegative() || wait.compareTo(MAX_RETRY_AFTER) > 0 ? null : wait;
  }

  private void sleep(Duration duration) throws InterruptedIOException {
    try {
      sleeper.sleep(duration);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      InterruptedIOException interrupted =
          new InterruptedIOException("interrupted between retries");
      interrupted.initCause(e);
      throw interrupted;
    }
  }
}
