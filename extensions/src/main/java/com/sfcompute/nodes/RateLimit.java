package com.sfcompute.nodes;

import java.util.Locale;

/**
 * What a client's adaptive rate limit does at one moment ({@link SfcNodes#rateLimit()}): whether
 * the client is slowing its calls down because the server answered {@code 429 Too Many Requests},
 * and to how many requests per second.
 *
 * <p>While engaged, every call of the client waits for its turn before each attempt is sent; the
 * rate follows the server's, and the limit turns itself off after 30 s without a 429. See {@link
 * SfcNodes.Builder#adaptiveRateLimit(boolean)}.
 */
public final class RateLimit {
  private final double currentRate;

  private RateLimit(double currentRate) {
    this.currentRate = currentRate;
  }

  /** A snapshot: {@code currentRate} requests per second, infinite when the limit is off. */
  static RateLimit of(double currentRate) {
    return new RateLimit(currentRate);
  }

  /** Whether the client is slowing its calls down. */
  public boolean isEngaged() {
    return !Double.isInfinite(currentRate);
  }

  /**
   * The requests per second the client sends at most, all calls together; {@link
   * Double#POSITIVE_INFINITY} when the limit is off.
   */
  public double currentRate() {
    return currentRate;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RateLimit && Double.compare(((RateLimit) o).currentRate, currentRate) == 0;
  }

  @Override
  public int hashCode() {
    return Double.hashCode(currentRate);
  }

  @Override
  public String toString() {
    return isEngaged()
        ? String.format(Locale.ROOT, "RateLimit{engaged, %.1f requests/s}", currentRate)
        : "RateLimit{off}";
  }
}
