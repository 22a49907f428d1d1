package com.sfcompute.nodes.internal.http;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * A client's defaults, in one place: the public builder ({@code SfcNodes.Builder}) and the stack
 * assembly ({@link TransportBuilder}) both start from these. Internal: not part of the public API.
 */
public final class ClientDefaults {
  /** How often a call may be retried. */
  public static final int MAX_RETRIES = 2;

  /** The bound of one whole attempt. */
  public static final Duration TIMEOUT = Duration.ofSeconds(60);

  /** Requests one client runs at once (and idle connections it keeps, unless set). */
  public static final int MAX_CONCURRENT_REQUESTS = 64;

  /** How long an idle connection stays in the client's own pool. */
  public static final Duration KEEP_ALIVE = Duration.ofMinutes(5);

  /** The random fraction (0 to 1) behind the backoff's jitter: no lock shared between threads. */
  public static final DoubleSupplier JITTER = () -> ThreadLocalRandom.current().nextDouble();

  private ClientDefaults() {}
}
