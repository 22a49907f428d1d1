package com.sfcompute.nodes;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * How a waiter polls: how long it waits in all, how often it reads the node, and whom it tells
 * about changes.
 *
 * <pre>{@code
 * WaitOptions.builder()
 *     .timeout(Duration.ofMinutes(20))
 *     .listener(p -> System.out.println(p))   // "node n_1 running, VM vm_2 Pending (12 s)"
 *     .build();
 * }</pre>
 */
public final class WaitOptions {
  private static final WaitOptions DEFAULTS = builder().build();

  private final Duration timeout;
  private final Duration pollInterval;
  private final Duration maxPollInterval;
  private final @Nullable WaitListener listener;

  private WaitOptions(Builder b) {
    this.timeout = b.timeout;
    this.pollInterval = b.pollInterval;
    this.maxPollInterval = b.maxPollInterval;
    this.listener = b.listener;
  }

  /** 15 minutes in all, polls from every 2 s growing by half up to every 15 s, no listener. */
  public static WaitOptions defaults() {
    return DEFAULTS;
  }

  /** A new builder, starting from the {@linkplain #defaults() defaults}. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * How long the wait may last in all before it fails with a {@link
   * com.sfcompute.nodes.errors.WaitTimeoutException}.
   */
  public Duration timeout() {
    return timeout;
  }

  /** The first wait between two reads; each next wait is half again as long. */
  public Duration pollInterval() {
    return pollInterval;
  }

  /** The longest wait between two reads. */
  public Duration maxPollInterval() {
    return maxPollInterval;
  }

  /** Told of the first state read and of every change after it, or null for none. */
  public @Nullable WaitListener listener() {
    return listener;
  }

  @Override
  public String toString() {
    return "WaitOptions{timeout="
        + timeout
        + ", pollInterval="
        + pollInterval
        + ", maxPollInterval="
        + maxPollInterval
        + "}";
  }

  /** Builds {@link WaitOptions}. */
  public static final class Builder {
    private Duration timeout = Duration.ofMinutes(15);
    private Duration pollInterval = Duration.ofSeconds(2);
    private Duration maxPollInterval = Duration.ofSeconds(15);
    private @Nullable WaitListener listener;
    private boolean maxSet;

    private Builder() {}

    /** How long to wait in all before {@link com.sfcompute.nodes.errors.WaitTimeoutException}. */
    public Builder timeout(Duration timeout) {
      this.timeout = positive(timeout, "timeout");
      return this;
    }

    /** The first wait between two reads; each next wait is half again as long. */
    public Builder pollInterval(Duration interval) {
      this.pollInterval = positive(interval, "pollInterval");
      return this;
    }

    /** The longest wait between two reads (default 15 s, or the poll interval if longer). */
    public Builder maxPollInterval(Duration interval) {
      this.maxPollInterval = positive(interval, "maxPollInterval");
      this.maxSet = true;
      return this;
    }

    /** Told of the first state read and of every change after it. */
    public Builder listener(WaitListener listener) {
      this.listener = Checks.notNull(listener, "listener");
      return this;
    }

    /**
     * The options.
     *
     * @throws IllegalArgumentException if the longest poll interval set is below the first one
     */
    public WaitOptions build() {
      if (!maxSet && maxPollInterval.compareTo(pollInterval) < 0) {
        maxPollInterval = pollInterval;
      }
      if (maxPollInterval.compareTo(pollInterval) < 0) {
        throw new IllegalArgumentException(
            "maxPollInterval ("
                + maxPollInterval
                + ") must not be below pollInterval ("
                + pollInterval
                + ")");
      }
      return new WaitOptions(this);
    }

    private static Duration positive(Duration value, String field) {
      Checks.notNull(value, field);
      if (value.isNegative() || value.isZero()) {
        throw new IllegalArgumentException(field + " must be positive (was " + value + ")");
      }
      return value;
    }
  }
}
