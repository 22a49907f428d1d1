package com.sfcompute.nodes;

import java.time.Duration;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/** The client's one scheduling thread, started on first use and stopped by close(). */
final class SharedScheduler implements Scheduler {
  private ScheduledThreadPoolExecutor executor;

  @Override
  public synchronized Future<?> schedule(Runnable task, Duration delay) {
    if (executor == null) {
      executor =
          new ScheduledThreadPoolExecutor(
              1,
              runnable -> {
                Thread thread = new Thread(runnable, "sfc-nodes-scheduler");
                thread.setDaemon(true);
                return thread;
              });
      executor.setRemoveOnCancelPolicy(true);
    }
    return executor.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
  }

  synchronized void shutdown() {
    if (executor != null) {
      executor.shutdownNow();
    }
  }
}
