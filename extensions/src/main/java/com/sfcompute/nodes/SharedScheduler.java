package com.sfcompute.nodes;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
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
 *
 * <p>Each task's future fails when its task will never run: the sleeper threw, or the client was
 * closed first ({@link CancellationException}). {@link Futures#schedule} passes that on to the
 * wait, which would otherwise stay pending forever.
 */
final class SharedScheduler implements Scheduler {
  private static final String THREAD_NAME = "sfc-nodes-scheduler";

  private final Sleeper sleeper;
  private final Set<Task> waiting = ConcurrentHashMap.newKeySet();
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
    Task t = new Task(task, delay);
    waiting.add(t);
    if (sleeper == Sleeper.SYSTEM) {
      ScheduledThreadPoolExecutor executor = timer;
      if (executor == null) {
        executor = new ScheduledThreadPoolExecutor(1, SharedScheduler::daemon);
        executor.setRemoveOnCancelPolicy(true);
        timer = executor;
      }
      t.timed = executor.schedule(t::runTask, delay.toNanos(), TimeUnit.NANOSECONDS);
    } else {
      ExecutorService executor = sleeping;
      if (executor == null) {
        executor =
            new ThreadPoolExecutor(
                1,
                1,
                0,
                TimeUnit.NANOSECONDS,
                new LinkedBlockingQueue<>(),
                SharedScheduler::daemon);
        sleeping = executor;
      }
      executor.execute(t);
    }
    return t.handle;
  }

  /**
   * One task: runs once after its delay, unless cancelled first. Whoever claims it first (the run,
   * a cancel, a failed sleep, close()) decides its outcome.
   */
  private final class Task implements Runnable {
    private final Runnable task;
    private final Duration delay;
    private final AtomicBoolean claimed = new AtomicBoolean();
    volatile @Nullable Future<?> timed;
    final CompletableFuture<@Nullable Void> handle =
        new CompletableFuture<@Nullable Void>() {
          @Override
          public boolean cancel(boolean mayInterruptIfRunning) {
            // Only a task not yet started can be cancelled, as with a ScheduledFuture.
            if (!claim()) {
              return false;
            }
            Future<?> f = timed;
            if (f != null) {
              f.cancel(false);
            }
            return super.cancel(mayInterruptIfRunning);
          }
        };

    Task(Runnable task, Duration delay) {
      this.task = task;
      this.delay = delay;
    }

    boolean claim() {
      if (!claimed.compareAndSet(false, true)) {
        return false;
      }
      waiting.remove(this);
      return true;
    }

    /** With a sleeper other than the system's: sleep on this thread, then run. */
    @Override
    public void run() {
      if (claimed.get()) {
        return;
      }
      try {
        sleeper.sleep(delay);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt(); // close() stops the thread
        fail(closed(e));
        return;
      } catch (RuntimeException | Error e) {
        fail(e);
        return;
      }
      runTask();
    }

    void runTask() {
      if (!claim()) {
        return;
      }
      try {
        task.run();
        handle.complete(null);
      } catch (RuntimeException | Error e) {
        handle.completeExceptionally(e);
      }
    }

    void fail(Throwable error) {
      if (claim()) {
        handle.completeExceptionally(error);
      }
    }
  }

  private static CancellationException closed(@Nullable Throwable cause) {
    CancellationException closed = new CancellationException("the client was closed");
    if (cause != null) {
      closed.initCause(cause);
    }
    return closed;
  }

  private static Thread daemon(Runnable runnable) {
    Thread thread = new Thread(runnable, THREAD_NAME);
    thread.setDaemon(true);
    return thread;
  }

  /** Stops the thread; every task still waiting fails with a CancellationException. */
  synchronized void shutdown() {
    shutdown = true;
    if (timer != null) {
      timer.shutdownNow();
    }
    if (sleeping != null) {
      sleeping.shutdownNow();
    }
    List<Task> left = new ArrayList<>(waiting);
    for (Task t : left) {
      t.fail(closed(null));
    }
  }
}
