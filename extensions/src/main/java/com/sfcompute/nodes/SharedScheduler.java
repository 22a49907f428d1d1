package com.sfcompute.nodes;

import com.sfcompute.nodes.internal.http.Scheduler;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.PriorityBlockingQueue;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * The client's one scheduling thread, started on first use and stopped by close(). It waits with
 * the client's {@link Sleeper}, so that asynchronous waits run on the same time as synchronous
 * ones: with {@link Sleeper#SYSTEM} a timer thread (no thread held per wait); with any other
 * sleeper, one thread that calls the sleeper for each task's delay, then runs the task. A sleeper
 * that advances a fake clock thus finishes asynchronous waits instantly, as it does blocking ones.
 * That thread runs the tasks in the order they fall due on the client's clock (the order scheduled
 * among tasks due at the same instant), sleeping until the next one is due: many waits scheduled
 * together (a fleet's polls, a throttled client's turns) thus take the time of the longest on fake
 * time, not the sum of all. Meant for fake time: a sleeper that really sleeps delays a task that is
 * scheduled meanwhile to fall due earlier.
 *
 * <p>Each task's future fails when its task will never run: the sleeper threw, or the client was
 * closed first ({@link CancellationException}). {@link Futures#schedule} passes that on to the
 * wait, which would otherwise stay pending forever.
 */
final class SharedScheduler implements Scheduler {
  private static final String THREAD_NAME = "sfc-nodes-scheduler";

  private final Sleeper sleeper;
  private final Clock clock;
  private final AtomicLong order = new AtomicLong();
  private final Set<Task> waiting = ConcurrentHashMap.newKeySet();
  private @Nullable ScheduledThreadPoolExecutor timer;
  private @Nullable ExecutorService sleeping;
  private boolean shutdown;

  SharedScheduler(Sleeper sleeper, Clock clock) {
    this.sleeper = Checks.notNull(sleeper, "sleeper");
    this.clock = Checks.notNull(clock, "clock");
  }

  @Override
  public synchronized Future<?> schedule(Runnable task, Duration delay) {
    if (shutdown) {
      throw new IllegalStateException("The client is closed");
    }
    Task t = new Task(task, clock.instant().plus(delay), order.getAndIncrement());
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
                new PriorityBlockingQueue<>(),
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
  private final class Task implements Runnable, Comparable<Task> {
    private final Runnable task;
    private final Instant due;
    private final long seq;
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

    Task(Runnable task, Instant due, long seq) {
      this.task = task;
      this.due = due;
      this.seq = seq;
    }

    /** Earlier due first; among tasks due together, the one scheduled first. */
    @Override
    public int compareTo(Task other) {
      int byDue = due.compareTo(other.due);
      return byDue != 0 ? byDue : Long.compare(seq, other.seq);
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
        Duration left = Duration.between(clock.instant(), due);
        sleeper.sleep(left.isNegative() ? Duration.ZERO : left);
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
