package com.sfcompute.nodes;

import org.jspecify.annotations.Nullable;

/**
 * How a fleet operation runs: how many nodes at once, and whether a redeploy waits for each new VM.
 */
public final class FleetOptions {
  private static final FleetOptions DEFAULTS = builder().build();

  private final int concurrency;
  private final @Nullable WaitOptions wait;

  private FleetOptions(Builder b) {
    this.concurrency = b.concurrency;
    this.wait = b.wait;
  }

  /** Four nodes at once, no waiting. */
  public static FleetOptions defaults() {
    return DEFAULTS;
  }

  /** A new builder, starting from the {@linkplain #defaults() defaults}. */
  public static Builder builder() {
    return new Builder();
  }

  /** The most nodes in flight at once. */
  public int concurrency() {
    return concurrency;
  }

  /** How to wait for each redeployed node's new VM, or null not to wait. */
  public @Nullable WaitOptions waitOptions() {
    return wait;
  }

  @Override
  public String toString() {
    return "FleetOptions{concurrency=" + concurrency + ", wait=" + wait + "}";
  }

  /** Builds {@link FleetOptions}. */
  public static final class Builder {
    private int concurrency = 4;
    private @Nullable WaitOptions wait;

    private Builder() {}

    /**
     * At most this many nodes in flight at once (default 4). The SDK's own HTTP client allows 64
     * requests per host ({@link SfcNodes.Builder#maxConcurrentRequests(int)}).
     */
    public Builder concurrency(int concurrency) {
      this.concurrency = (int) Checks.atLeast(concurrency, 1, "concurrency");
      return this;
    }

    /** After each redeploy, wait for the node's new VM to run (counts toward the concurrency). */
    public Builder waitForRedeploy(WaitOptions options) {
      this.wait = Checks.notNull(options, "waitOptions");
      return this;
    }

    /** {@link #waitForRedeploy(WaitOptions)} with the default wait. */
    public Builder waitForRedeploy() {
      return waitForRedeploy(WaitOptions.defaults());
    }

    /** The options. */
    public FleetOptions build() {
      return new FleetOptions(this);
    }
  }
}
