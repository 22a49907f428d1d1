package com.sfcompute.nodes;

import com.sfcompute.nodes.model.ExtendNodeRequest;
import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How much more time to buy for a reserved node, and the most to pay for it. Spends money.
 *
 * <pre>{@code
 * ExtendNodeParams.builder().duration(Duration.ofHours(2)).maxPricePerNodeHour(1000).build();
 * }</pre>
 *
 * <p>Instances are immutable and compare by value.
 */
public final class ExtendNodeParams {
  private final long durationSeconds;
  private final long maxPricePerNodeHour;
  private final @Nullable String idempotencyKey;

  private ExtendNodeParams(Builder b) {
    this.durationSeconds = Checks.required(b.durationSeconds, "duration_seconds");
    this.maxPricePerNodeHour = Checks.required(b.maxPricePerNodeHour, "max_price_per_node_hour");
    this.idempotencyKey = b.idempotencyKey;
  }

  /** A new builder, with nothing set; the duration and the price are required. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding these parameters, e.g. to change one of them. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.durationSeconds = durationSeconds;
    b.maxPricePerNodeHour = maxPricePerNodeHour;
    b.idempotencyKey = idempotencyKey;
    return b;
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

  /**
   * A copy sent with the {@code Idempotency-Key} header {@code key}, e.g. to repeat a call whose
   * outcome was unknown.
   *
   * @throws IllegalArgumentException if {@code key} is blank, longer than 255 characters, or not
   *     printable ASCII without spaces
   */
  public ExtendNodeParams withIdempotencyKey(String key) {
    return toBuilder().idempotencyKey(key).build();
  }

  ExtendNodeRequest toRequest() {
    return new ExtendNodeRequest()
        .durationSeconds(durationSeconds)
        .maxPricePerNodeHour(maxPricePerNodeHour);
  }

  /** Whether {@code other} holds the same parameters. */
  @Override
  public boolean equals(@Nullable Object other) {
    if (this == other) {
      return true;
    }
    if (!(other instanceof ExtendNodeParams)) {
      return false;
    }
    ExtendNodeParams that = (ExtendNodeParams) other;
    return durationSeconds == that.durationSeconds
        && maxPricePerNodeHour == that.maxPricePerNodeHour
        && Objects.equals(idempotencyKey, that.idempotencyKey);
  }

  /** A hash consistent with {@link #equals}. */
  @Override
  public int hashCode() {
    return Objects.hash(durationSeconds, maxPricePerNodeHour, idempotencyKey);
  }

  /** Every parameter. */
  @Override
  public String toString() {
    return "ExtendNodeParams{durationSeconds="
        + durationSeconds
        + ", maxPricePerNodeHour="
        + maxPricePerNodeHour
        + ", idempotencyKey="
        + idempotencyKey
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

    /**
     * Extra time: at least an hour, in whole hours.
     *
     * @throws IllegalArgumentException if it has a fraction of a second, which the API cannot carry
     *     (the hours are checked by {@link #build()})
     */
    public Builder duration(Duration duration) {
      return durationSeconds(Checks.wholeSeconds(duration, "duration_seconds"));
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
     * @throws IllegalStateException if the duration or the price was not set
     * @throws IllegalArgumentException if the duration is under an hour or not a whole number of
     *     hours, or the price is negative
     */
    public ExtendNodeParams build() {
      long seconds = Checks.required(durationSeconds, "duration_seconds");
      long price = Checks.required(maxPricePerNodeHour, "max_price_per_node_hour");
      Checks.atLeast(seconds, 3600, "duration_seconds");
      if (seconds % 3600 != 0) {
        throw new IllegalArgumentException(
            "duration_seconds must be a whole number of hours (multiple of 3600), was " + seconds);
      }
      Checks.atLeast(price, 0, "max_price_per_node_hour");
      return new ExtendNodeParams(this);
    }
  }
}
