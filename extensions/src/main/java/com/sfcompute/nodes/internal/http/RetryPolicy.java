package com.sfcompute.nodes.internal.http;

import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.function.DoubleSupplier;
import java.util.regex.Pattern;
import okhttp3.Response;
import org.jspecify.annotations.Nullable;

/**
 * The SDK's retry rule: what may be repeated, and after how long. {@link SendAgain} applies it;
 * nothing else repeats a request.
 *
 * <p>Reads (GET, HEAD) are retried on connection failures, 408, 409, 429 and 5xx. Anything else has
 * side effects and is retried only when the request provably never reached the server, or when the
 * server asked for it (429, {@code x-should-retry: true}). {@code x-should-retry} overrides the
 * decision both ways. The wait honours {@code Retry-After-Ms}, then {@code Retry-After} (seconds or
 * an HTTP date) when between zero and a minute, else 0.5 s doubling to 8 s, less up to 25 % jitter.
 */
final class RetryPolicy {
  static final Duration INITIAL_BACKOFF = Duration.ofMillis(500);
  static final Duration MAX_BACKOFF = Duration.ofSeconds(8);
  static final Duration MAX_RETRY_AFTER = Duration.ofSeconds(60);

  private static final Pattern DECIMAL = Pattern.compile("[0-9]{1,12}(\\.[0-9]{1,9})?");

  private final Clock clock;
  private final DoubleSupplier random;

  RetryPolicy(Clock clock, DoubleSupplier random) {
    this.clock = clock;
    this.random = random;
  }

  /** Whether a request with this method may be repeated freely. */
  static boolean isRead(String method) {
    return method.equals("GET") || method.equals("HEAD");
  }

  /** Whether an answer may be repeated: for reads the usual transient statuses, else on request. */
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
    return read && (code == 408 || code == 409 || (code >= 500 && code <= 599));
  }

  /**
   * The wait before the retry of index {@code retryIndex} (0 for a call's first retry) after an
   * answer: the server's, else the backoff.
   */
  Duration delay(int retryIndex, Response response) {
    Duration serverAsked = retryAfter(response);
    return serverAsked != null ? serverAsked : backoff(retryIndex);
  }

  /** The wait before the retry of index {@code retryIndex} (0 for a call's first retry). */
  Duration backoff(int retryIndex) {
    long millis = INITIAL_BACKOFF.toMillis() << Math.min(retryIndex, 10);
    millis = Math.min(millis, MAX_BACKOFF.toMillis());
    double jitter = 1.0 - 0.25 * random.getAsDouble();
    return Duration.ofMillis((long) (millis * jitter));
  }

  /**
   * The server's wait, when it gave a usable one between zero and a minute. A value that is not a
   * finite number nor an HTTP date ({@code NaN}, {@code Infinity}, garbage) is ignored: it must
   * never turn into "retry at once".
   */
  @Nullable Duration retryAfter(Response response) {
    String millis = response.header("retry-after-ms");
    if (millis != null) {
      Double value = finite(millis);
      if (value != null) {
        return withinLimit(value / 1000.0);
      }
    }
    String value = response.header("retry-after");
    if (value == null) {
      return null;
    }
    Double seconds = finite(value);
    if (seconds != null) {
      return withinLimit(seconds);
    }
    try {
      ZonedDateTime at =
          ZonedDateTime.parse(
              value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME.withLocale(Locale.US));
      Duration wait = Duration.between(clock.instant(), at.toInstant());
      return wait.isNegative() || wait.compareTo(MAX_RETRY_AFTER) > 0 ? null : wait;
    } catch (DateTimeParseException notADate) {
      return null;
    }
  }

  /** A plain decimal number ({@code 2}, {@code 0.5}): nothing Java would also parse, like 1e999. */
  private static @Nullable Double finite(String text) {
    String value = text.trim();
    if (!DECIMAL.matcher(value).matches()) {
      return null;
    }
    double parsed = Double.parseDouble(value);
    return Double.isInfinite(parsed) ? null : parsed;
  }

  private static @Nullable Duration withinLimit(double seconds) {
    if (seconds < 0 || seconds * 1000 > MAX_RETRY_AFTER.toMillis()) {
      return null;
    }
    return Duration.ofNanos((long) (seconds * 1_000_000_000L));
  }
}
