package com.sfcompute.nodes.mock;

import java.util.Locale;
import java.util.Objects;

/**
 * The stand-in's rate limit: a token bucket of {@code burst} requests refilled at {@code perSecond}
 * on the server's clock, so that a test moving a {@link MockClock} refills it without sleeping.
 *
 * <p>One bucket for the whole server (the API limits per token; the stand-in has one token). Off
 * unless configured. Thread-safe.
 */
final class RateLimiter {
  /** The setting: a rate and a burst, or off; immutable, so it can be swapped at run time. */
  static final class Limit {
    static final Limit OFF = new Limit(0, 0, RetryAfter.NONE);

    final double perSecond;
    final int burst;
    final RetryAfter retryAfter;

    Limit(double perSecond, int burst, RetryAfter retryAfter) {
      this.perSecond = perSecond;
      this.burst = burst;
      this.retryAfter = retryAfter;
    }

    /** Checks the arguments the way the builder and the server's setter both need. */
    static Limit of(double perSecond, int burst, RetryAfter retryAfter) {
      if (!(perSecond > 0) || Double.isInfinite(perSecond)) {
        throw new IllegalArgumentException("perSecond must be positive and finite: " + perSecond);
      }
      if (burst < 1) {
        throw new IllegalArgumentException("burst < 1: " + burst);
      }
      return new Limit(perSecond, burst, Objects.requireNonNull(retryAfter, "retryAfter == null"));
    }

    boolean on() {
      return burst > 0;
    }

    @Override
    public String toString() {
      return on()
          ? String.format(
              Locale.ROOT, "%s requests/s, burst %d, hint %s", perSecond, burst, retryAfter)
          : "off";
    }
  }

  private Limit limit = Limit.OFF;
  private double tokens;
  private long lastMillis = Long.MIN_VALUE;

  /** Sets the limit and fills the bucket: a new setting starts with its whole burst. */
  synchronized void set(Limit limit) {
    this.limit = limit;
    this.tokens = limit.burst;
    this.lastMillis = Long.MIN_VALUE;
  }

  /**
   * Takes a token for a request arriving at {@code nowMillis} on the server's clock.
   *
   * @throws ApiException the {@code 429} to answer when the bucket is empty; a refused request
   *     takes nothing from it
   */
  synchronized void acquire(long nowMillis) {
    if (!limit.on()) {
      return;
    }
    // A clock set back in time refills nothing (and takes nothing back).
    if (lastMillis != Long.MIN_VALUE && nowMillis > lastMillis) {
      tokens = Math.min(limit.burst, tokens + (nowMillis - lastMillis) * limit.perSecond / 1000);
    }
    if (lastMillis == Long.MIN_VALUE || nowMillis > lastMillis) {
      lastMillis = nowMillis;
    }
    if (tokens >= 1) {
      tokens -= 1;
      return;
    }
    // Less a hair, so that 150.00000000000003 ms of floating-point arithmetic says 150.
    long waitMillis = Math.max(1, (long) Math.ceil((1 - tokens) * 1000 / limit.perSecond - 1e-6));
    throw refusal(limit, waitMillis);
  }

  /**
   * The API's error envelope with status 429. The API's error types have no rate-limit type of
   * their own, so it is {@code api_error} (what {@link ApiException#typeFor} gives any 429), with
   * the detail code {@code rate_limited}.
   */
  private static ApiException refusal(Limit limit, long waitMillis) {
    ApiException e =
        ApiException.of(
            429,
            ApiException.typeFor(429),
            "rate_limited",
            String.format(
                Locale.ROOT,
                "Rate limit exceeded: at most %s requests per second, in bursts of %d",
                formatRate(limit.perSecond),
                limit.burst),
            null);
    switch (limit.retryAfter) {
      case SECONDS:
        return e.withHeader("Retry-After", String.valueOf((waitMillis + 999) / 1000));
      case MILLIS:
        return e.withHeader("Retry-After-Ms", String.valueOf(waitMillis));
      case NONE:
        return e;
    }
    throw new AssertionError(limit.retryAfter);
  }

  private static String formatRate(double perSecond) {
    return perSecond == Math.rint(perSecond)
        ? String.valueOf((long) perSecond)
        : String.valueOf(perSecond);
  }
}
