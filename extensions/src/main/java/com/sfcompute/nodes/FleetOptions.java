package com.sfcompute.nodes;

import org.jspecify.annotations.Nullable;

/**
 * How a fleet operation runs: how many requests at once, whether a redeploy waits for each new VM,
 * how many nodes may be out of service at once, and when to stop.
 *
 * <pre>{@code
 * // As fast as the API allows: every node redeployed, all new VMs waited for together.
 * FleetOptions.builder().concurrency(16).waitForRedeploy().build();
 * // A cluster that is serving: at most 2 nodes down at a time, stop at the first failure.
 * FleetOptions.builder().rolling(2).build();
 * }</pre>
 */
public final class FleetOptions {
  private static final FleetOptions DEFAULTS = builder().build();

  private final int concurrency;
  private final @Nullable WaitOptions wait;
  private final int maxOutOfService;
  private final int stopAfterFailures;

  private FleetOptions(Builder b) {
    this.concurrency = b.concurrency;
    this.maxOutOfService = b.maxOutOfService;
    this.wait = b.wait == null && b.maxOutOfService > 0 ? WaitOptions.defaults() : b.wait;
    this.stopAfterFailures =
        b.stopAfterFailures > 0 ? b.stopAfterFailures : b.maxOutOfService > 0 ? 1 : 0;
  }

  /** Four requests at once, no waiting, not rolling, never stopping early. */
  public static FleetOptions defaults() {
    return DEFAULTS;
  }

  /** A new builder, starting from the {@linkplain #defaults() defaults}. */
  public static Builder builder() {
    return new Builder();
  }

  /** The most requests in flight at once. */
  public int concurrency() {
    return concurrency;
  }

  /** How to wait for each redeployed node's new VM, or null not to wait. */
  public @Nullable WaitOptions waitOptions() {
    return wait;
  }

  /**
   * For a rolling redeploy, the most nodes out of service at once; 0 when not rolling (every node
   * may be redeploying at the same time).
   */
  public int maxOutOfService() {
    return maxOutOfService;
  }

  /** After this many failed nodes no further node starts; 0 for never. */
  public int stopAfterFailures() {
    return stopAfterFailures;
  }

  @Override
  public String toString() {
    return "FleetOptions{concurrency="
        + concurrency
        + ", wait="
        + wait
        + (maxOutOfService > 0 ? ", maxOutOfService=" + maxOutOfService : "")
        + (stopAfterFailures > 0 ? ", stopAfterFailures=" + stopAfterFailures : "")
        + "}";
  }

  /** Builds {@link FleetOptions}. */
  public static final class Builder {
    private int concurrency = 4;
    private @Nullable WaitOptions wait;
    private int maxOutOfService;
    private int stopAfterFailures;

    private Builder() {}

    /**
     * At most this many requests in flight at once (default 4). Waiting for new VMs does not count:
     * every redeployed node's wait runs at the same time, polled together. A fleet starts with at
     * most 64 requests at once and opens up to this bound as answers arrive, so that a server's
     * rate limit is found before a large fleet has sent everything into it. The SDK's own HTTP
     * client allows 64 requests per host ({@link SfcNodes.Builder#maxConcurrentRequests(int)}).
     */
    public Builder concurrency(int concurrency) {
      this.concurrency = (int) Checks.atLeast(concurrency, 1, "concurrency");
      return this;
    }

    /**
     * After each redeploy, wait for the node's new VM to run. The waits do not hold a request slot:
     * they are polled together, a list call for up to 100 nodes at a time.
     */
    public Builder waitForRedeploy(WaitOptions options) {
      this.wait = Checks.notNull(options, "waitOptions");
      return this;
    }

    /** {@link #waitForRedeploy(WaitOptions)} with the default wait. */
    public Builder waitForRedeploy() {
      return waitForRedeploy(WaitOptions.defaults());
    }

    /**
     * A rolling redeploy: at most {@code maxOutOfService} nodes redeploying at once; the next node
     * starts only when one has come back running. Waits for each new VM (with the default wait,
     * unless {@link #waitForRedeploy(WaitOptions)} sets another) and, unless {@link
     * #stopAfterFailures} says otherwise, stops at the first failed node: the nodes not yet started
     * are reported {@link FleetResult.Outcome#NOT_STARTED}. A node whose redeploy was applied but
     * did not come back running stays out of service and keeps its place. Off by default.
     */
    public Builder rolling(int maxOutOfService) {
      this.maxOutOfService = (int) Checks.atLeast(maxOutOfService, 1, "maxOutOfService");
      return this;
    }

    /**
     * Once this many nodes have failed, no further node starts; the nodes not yet started are
     * reported {@link FleetResult.Outcome#NOT_STARTED}. Default: never stop, except a {@linkplain
     * #rolling rolling} redeploy, which stops at the first failure.
     */
    public Builder stopAfterFailures(int failures) {
      this.stopAfterFailures = (int) Checks.atLeast(failures, 1, "stopAfterFailures");
      return this;
    }

    /** The options. */
    public FleetOptions build() {
      return new FleetOptions(this);
    }
  }
}
