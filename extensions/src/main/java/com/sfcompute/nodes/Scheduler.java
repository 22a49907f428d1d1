package com.sfcompute.nodes;

import java.time.Duration;
import java.util.concurrent.Future;

/**
 * Runs a task after a delay: what asynchronous waiters and log followers wait with, instead of
 * holding a thread. One per client, shared by all its calls; tests inject one that advances a fake
 * clock.
 */
interface Scheduler {
  /** Runs {@code task} once after {@code delay}; cancelling the future drops it. */
  Future<?> schedule(Runnable task, Duration delay);
}
