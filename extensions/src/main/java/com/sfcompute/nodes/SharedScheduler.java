package com.sfcompute.nodes;

import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;

/**
 * The client's one scheduling thread, started on first use and stopped by close(). It waits with
 * the client's {@link Sleeper}, so that asynchronous waits run on the same time as synchronous
 * ones: with {@link Sleeper#SYSTEM} a timer thread (no thread held per wait); with any other
 * sleeper, one thread that calls the sleeper for each task's delay, then runs the task. A sleeper
 * that advances a fake clock thus finishes asynchronous waits instantly, as it does blocking ones.
 * Tasks wait one after another on that thread, in the order scheduled: meant for fake time.
 */
final class SharedScheduler implements Scheduler {
  private static final String THREAD_NAME = "sfc-nodes-scheduler";

  private final Sleeper sleeper;
  private @Nullable ScheduledThreadPoolExecutor timer;
  private @Nullable ExecutorService sleeping;
  private boolean shutdown;

  SharedScheduler(Sleeper sleeper) {
    this.sleeper = Checks.notNull(sleeper, "sleeper");
  }

  @Override
  public synchronized Future<?> schedule(Runnable task, Duration delay) {
    if (shutdown) {
      throw new IllegalStateException("The client is closed");
    }
    return sleeper == Sleeper.SYSTEM ? onTimer(task, delay) : afterSleeping(task, delay);
  }

  private Future<?> onTimer(Runnable task, Duration delay) {
    ScheduledThreadPoolExecutor executor = timer;
    if (executor == null) {
      executor = new ScheduledThreadPoolExecutor(1, SharedScheduler::daemon);
      executor.setRemoveOnCancelPolicy(true);
      timer = executor;
    }
    return executor.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
  }

  private Future<?> afterSleeping(Runnable task, Duration delay) {
    ExecutorService executor = sleeping;
    if (executor == null) {
      executor =
          new ThreadPoolExecutor(
              1, 1, 0, TimeUnit.NANOSECONDS, new LinkedBlockingQueue<>(), SharedScheduler::daemon);
      sleeping = executor;
    }
    SleepThenRun run = new SleepThenRun(task, delay);
    executor.execute(run);
    return run.handle;
  }

  /**
   * One task: sleeps, then runs unless cancelled meanwhile. Its handle fails with what the sleeper
   * threw, so that a sleeper that breaks does not leave a wait pending forever unnoticed.
   */
  private final class SleepThenRun implements Runnable {
    private final Runnable task;
    private final Duration delay;
    private final AtomicBoolean claimed = new AtomicBoolean();
    final CompletableFuture<@Nullable Void> handle =
        new CompletableFuture<@Nullable Void>() {
          @Override
          public boolean cancel(boolean mayInterruptIfRunning) {
            // Only a task not yet started can be cancelled, as with a ScheduledFuture.
            return claimed.compareAndSet(false, true) && super.cancel(mayInterruptIfRunning);
          }
        };

    SleepThenRun(Runnable task, Duration delay) {
      this.task = task;
      this.delay = delay;
    }

    @Override
    public void run() {
      if (handle.isDone()) {
        return;
      }
      try {
        sleeper.sleep(delay);
      } catch (InterruptedException e) {
        // close() stops the thread: the wait ends as a blocking wait interrupted does.
        CancellationException cancelled = new CancellationException("the client was closed");
        cancelled.initCause(e);
        handle.completeExceptionally(cancelled);
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException | Error e) {
        handle.completeExceptionally(e);
        return;
      }
      if (!claimed.compareAndSet(false, true)) {
        return;
      }
      try {
        task.run();
        handle.complete(null);
      } catch (RuntimeException | Error e) {
        handle.completeExceptionally(e);
      }
    }
  }

  private static Thread daemon(Runnable runnable) {
    Thread thread = new Thread(runnable, THREAD_NAME);
    thread.setDaemon(true);
    return thread;
  }

  synchronized void shutdown() {
    shutdown = true;
    if (timer != null) {
      timer.shutdownNow();
    }
    if (sleeping != null) {
      sleeping.shutdownNow();
    }
  }
}
