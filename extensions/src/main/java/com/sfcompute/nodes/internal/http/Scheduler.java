package com.sfcompute.nodes.internal.http;

import java.time.Duration;
import java.util.concurrent.Future;

/**
 * Runs a task after a delay, without holding a thread: what asynchronous retries, the rate limiter,
 * waiters and log followers wait with. One per client, shared by all its calls and views; tests
 * inject one that advances a fake clock. Internal: not part of the public API.
 */
@FunctionalInterface
public interface Scheduler {
  /** Runs {@code task} once after {@code delay}; cancelling the future drops it. */
  Future<?> schedule(Runnable task, Duration delay);
}
