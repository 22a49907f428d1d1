package com.sfcompute.nodes;

import com.sfcompute.nodes.model.ExtendNodeRequest;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * How much more time to buy for a reserved node, and the most to pay for it. Spends money.
 *
 * <pre>{@code
 * ExtendNodeParams.builder().duration(Duration.ofHours(2)).maxPricePerNodeHour(1000).build();
 * }</pre>
 */
public final class ExtendNodeParams {
  private final long durationSeconds;
  private final long maxPricePerNodeHour;
  private final @Nullable String idempotencyKey;

  private ExtendNodeParams(long durationSeconds, long maxPrice, @Nullable String key) {
    this.durationSeconds = durationSeconds;
    this.maxPricePerNodeHour = maxPrice;
    this.idempotencyKey = key;
  }

  /** A new builder, with nothing set; the duration and the price are required. */
  public static Builder builder() {
    return new Builder();
  }

  /** The extra time to buy, in seconds: a whole number of hours, at least 3600. */
  public long durationSeconds() {
    return durationSeconds;
  }

  /** The highest hourly price to pay for the extension, in cents. */
  public long maxPricePerNodeHour() {
    return maxPricePerNodeHour;
  }

  /** The caller's idempotency key, or null for a new one per call (kept across its retries). */
  public @Nullable String idempotencyKey() {
    return idempotencyKey;
  }

  /** A copy sent with the idempotency key {@code key}. */
  public ExtendNodeParams withIdempotencyKey(String key) {
    return new ExtendNodeParams(
        durationSeconds,
        maxPricePerNodeHour,
        Idempotency.check(Checks.notNull(key, "idempotencyKey")));
  }

  ExtendNodeRequest toRequest() {
    return new ExtendNodeRequest()
        .durationSeconds(durationSeconds)
        .maxPricePerNodeHour(maxPricePerNodeHour);
  }

  @Override
  public String toString() {
    return "ExtendNodeParams{durationSeconds="
        + durationSeconds
        + ", maxPricePerNodeHour="
        + maxPricePerNodeHour
        + "}";
  }

  /** Builds {@link ExtendNodeParams}; both the duration and the price are required. */
  public static final class Builder {
    private @Nullable Long durationSeconds;
    private @Nullable Long maxPricePerNodeHour;
    private @Nullable String idempotencyKey;

    private Builder() {}

    /** Extra time in seconds: at least 3600 and a whole number of hours. */
    public Builder durationSeconds(long seconds) {
      this.durationSeconds = seconds;
      return this;
    }

    /** Extra time: at least an hour, in whole hours. */
    public Builder duration(Duration duration) {
      return durationSeconds(Checks.notNull(duration, "duration").getSeconds());
    }

    /** The highest hourly price for the extension, in cents. */
    public Builder maxPricePerNodeHour(long cents) {
      this.maxPricePerNodeHour = cents;
      return this;
    }

    /** Your own key instead of a generated one, e.g. to repeat a call whose outcome was unknown. */
    public Builder idempotencyKey(String key) {
      this.idempotencyKey = Idempotency.check(Checks.notNull(key, "idempotencyKey"));
      return this;
    }

    /**
     * The parameters.
     *
     * @throws IllegalArgumentException if the duration or the price is missing, the duration is
     *     under an hour or not a whole number of hours, or the price is negative
     */
    public ExtendNodeParams build() {
      if (durationSeconds == null) {
        throw new IllegalArgumentException("duration_seconds is required");
      }
      if (maxPricePerNodeHour == null) {
        throw new IllegalArgumentException("max_price_per_node_hour is required");
      }
      Checks.atLeast(durationSeconds, 3600, "duration_seconds");
      if (durationSeconds % 3600 != 0) {
        throw new IllegalArgumentException(
            "duration_seconds must be a whole number of hours (multiple of 3600), was "
                + durationSeconds);
      }
      Checks.atLeast(maxPricePerNodeHour, 0, "max_price_per_node_hour");
      return new ExtendNodeParams(durationSeconds, maxPricePerNodeHour, idempotencyKey);
    }
  }
}
