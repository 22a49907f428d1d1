package com.sfcompute.nodes.internal.http;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.PriorityQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The client's adaptive rate limit: after the server answers {@code 429}, every attempt of every
 * call of the client waits for its turn, and the turns come at a rate that converges on the
 * server's. The AWS SDKs' "adaptive" retry mode, on the client's clock and scheduler.
 *
 * <p><b>Off</b> until the first 429: an attempt then costs one volatile read ({@link #engaged}),
 * and each answer one increment in a ring of ten 100 ms buckets, which counts the answers that were
 * not 429 over the last second: the server's rate when the first 429 comes.
 *
 * <p><b>Engaged</b>: a pacer at {@code r} requests per second, one turn every {@code 1/r}, no
 * burst. On engagement {@code r} is the answers that were not 429 over the last second, at least
 * {@link #FLOOR}, and it doubles each second (slow start) until the first decrease. A 429 of an
 * attempt sent after the last decrease (so that one burst of 429s counts once) decreases it: the
 * known good rate {@code W = min(r, answers not 429 over the last second)}, then {@code r = 0.7 W},
 * growing back along the CUBIC curve {@code W + 0.4 (t - K)^3}, {@code K = cbrt(W * 0.3 / 0.4)}:
 * back to {@code W} after {@code K} seconds, then probing above it. A 429 with {@code Retry-After}
 * or {@code Retry-After-Ms} also pauses every turn until then. After {@link #OFF_AFTER} without a
 * 429 the rate is far above the demand (it grew all that time) and the limiter turns off.
 *
 * <p>Waiting holds no thread: the turns wait in one queue, ordered by the earliest time each may go
 * (a retry's backoff) then by arrival, and one task at a time on the client's {@link Scheduler}
 * releases the head. With a fake sleeper the client's scheduler sleeps its tasks one after another,
 * so one release task at a time keeps fake time right; blocking callers wait on their turn's future
 * for the same reason (two threads sleeping at once on a fake clock would move it twice).
 */
final class RateLimiter {
  /**
   * The lowest rate, in requests per second: one request a second fits any limit a server may set
   * for a whole client, and keeps a client whose very first request got a 429 (no rate measured)
   * from stopping; slow start doubles it to 64 in six seconds.
   */
  static final double FLOOR = 1.0;

  /** The highest rate: keeps {@code 1 / r} a positive number of nanoseconds. */
  static final double CEILING = 1e6;

  /** The share of the known good rate kept on a decrease (CUBIC's and AWS's beta). */
  static final double BETA = 0.7;

  /** CUBIC's scaling constant, as AWS: how fast the rate grows away from the last good one. */
  static final double CUBIC_C = 0.4;

  /** How long without a 429 before the limiter turns itself off. */
  static final Duration OFF_AFTER = Duration.ofSeconds(30);

  private static final int BUCKETS = 10;
  private static final long BUCKET_MILLIS = 100;
  private static final int COUNT_BITS = 20;
  private static final long COUNT_MASK = (1L << COUNT_BITS) - 1;

  private final Clock clock;
  private final Scheduler scheduler;
  private final Consumer<String> log;

  /** Each bucket as its number (epoch millis / 100) above {@link #COUNT_BITS}, its count below. */
  private final AtomicLongArray answers = new AtomicLongArray(BUCKETS);

  private volatile boolean engaged;

  // The rest is guarded by this.
  private final PriorityQueue<Turn> queue =
      new PriorityQueue<>(
          Comparator.<Turn>comparingLong(t -> t.notBefore).thenComparingLong(t -> t.arrival));
  private long arrivals;

  /** Turns given while engaged; a 429 counts when its attempt's turn is above the last decrease. */
  private long turns;

  private long lastDecreaseTurn;
  private boolean slowStart;

  /** Slow start: the rate at {@link #since}. CUBIC: the known good rate W. */
  private double base;

  private double cubicK;
  private long since;
  private long nextFree;
  private long pausedUntil;
  private long last429;

  /** The latest time a release was due: the scheduler slept until then, whatever the clock says. */
  private long released;

  private @Nullable Future<?> release;
  private long releaseAt;
  private boolean closed;

  RateLimiter(Clock clock, Scheduler scheduler, Consumer<String> log) {
    this.clock = clock;
    this.scheduler = scheduler;
    this.log = log;
  }

  /** Whether attempts wait for a turn: the one read an attempt pays while the server is content. */
  boolean engaged() {
    return engaged;
  }

  /**
   * Records an answer of an attempt sent with turn {@code turn} (0 when sent unpaced): a 429
   * engages or slows the limiter, any other status counts toward the measured rate.
   */
  void answered(long turn, int code, @Nullable Duration retryAfter) {
    if (code != 429) {
      count(clock.millis());
      return;
    }
    String line = null;
    List<Turn> granted = new ArrayList<>(0);
    synchronized (this) {
      if (closed) {
        return;
      }
      long now = now();
      last429 = now;
      if (retryAfter != null) {
        pausedUntil = Math.max(pausedUntil, now + retryAfter.toNanos());
      }
      if (!engaged) {
        base = Math.max(FLOOR, (double) acceptedLastSecond());
        slowStart = true;
        since = now;
        nextFree = now;
        lastDecreaseTurn = turns;
        engaged = true;
        line = "rate limited by the server: slowing to " + shown(base) + " requests/s";
      } else if (turn > lastDecreaseTurn) {
        double good = Math.max(FLOOR, Math.min(rate(now), (double) acceptedLastSecond()));
        base = good;
        cubicK = Math.cbrt(good * (1 - BETA) / CUBIC_C);
        slowStart = false;
        since = now;
        lastDecreaseTurn = turns;
      }
      drain(now, granted);
    }
    finish(granted, line);
  }

  /**
   * A turn to send an attempt, not before {@code waitNanos} from now. Completes (with its {@link
   * Turn#number}) when the attempt may go; fails with a {@link CancellationException} when the
   * client is closed first, or with what the scheduler failed with.
   */
  Turn turn(long waitNanos) {
    Turn turn;
    String line;
    List<Turn> granted = new ArrayList<>(1);
    synchronized (this) {
      long now = now();
      turn = new Turn(this, now + waitNanos, arrivals++);
      if (closed) {
        turn.completeExceptionally(closed());
        return turn;
      }
      line = offIfQuiet(now);
      queue.add(turn);
      drain(now, granted);
    }
    finish(granted, line);
    return turn;
  }

  /** The current rate in requests per second, or infinity when not engaged. */
  synchronized double currentRate() {
    return engaged ? rate(now()) : Double.POSITIVE_INFINITY;
  }

  /** Fails every waiting turn: the client is closing. */
  void close() {
    List<Turn> left;
    synchronized (this) {
      closed = true;
      left = new ArrayList<>(queue);
      queue.clear();
      cancelRelease();
    }
    for (Turn t : left) {
      t.completeExceptionally(closed());
    }
  }

  // The ring of answers that were not 429.

  private void count(long millis) {
    long bucket = millis / BUCKET_MILLIS;
    int i = (int) Math.floorMod(bucket, (long) BUCKETS);
    while (true) {
      long seen = answers.get(i);
      long next;
      if (seen >>> COUNT_BITS == bucket) {
        if ((seen & COUNT_MASK) == COUNT_MASK) {
          return; // A million answers in 100 ms: enough counted.
        }
        next = seen + 1;
      } else {
        next = (bucket << COUNT_BITS) | 1;
      }
      if (answers.compareAndSet(i, seen, next)) {
        return;
      }
    }
  }

  private long acceptedLastSecond() {
    long bucket = clock.millis() / BUCKET_MILLIS;
    long sum = 0;
    for (int i = 0; i < BUCKETS; i++) {
      long seen = answers.get(i);
      long age = bucket - (seen >>> COUNT_BITS);
      if (age >= 0 && age < BUCKETS) {
        sum += seen & COUNT_MASK;
      }
    }
    return sum;
  }

  // The pacer; everything below runs holding this.

  private long now() {
    Instant at = clock.instant();
    return Math.max(at.getEpochSecond() * 1_000_000_000L + at.getNano(), released);
  }

  private double rate(long now) {
    double t = (now - since) / 1e9;
    double r;
    if (slowStart) {
      r = base * Math.pow(2, Math.min(t, 64));
    } else {
      double x = t - cubicK;
      r = base + CUBIC_C * x * x * x;
    }
    return Math.min(CEILING, Math.max(FLOOR, r));
  }

  /** Turns the limiter off after {@link #OFF_AFTER} without a 429; the line to log, if so. */
  private @Nullable String offIfQuiet(long now) {
    if (!engaged || now - last429 < OFF_AFTER.toNanos()) {
      return null;
    }
    engaged = false;
    pausedUntil = 0;
    return "no longer rate limited by the server: back to full speed";
  }

  /** When {@code turn} may go. */
  private long due(Turn turn) {
    return engaged
        ? Math.max(turn.notBefore, Math.max(nextFree, pausedUntil))
        : Math.max(turn.notBefore, pausedUntil);
  }

  /** Gives the turns that are due at {@code now}; schedules the release of the next one. */
  private void drain(long now, List<Turn> granted) {
    while (true) {
      Turn head = queue.peek();
      if (head == null) {
        cancelRelease();
        return;
      }
      long due = due(head);
      if (due > now) {
        scheduleRelease(due, now, granted);
        return;
      }
      queue.poll();
      if (engaged) {
        nextFree = Math.max(now, nextFree) + (long) (1e9 / rate(now));
        head.number = ++turns;
      }
      granted.add(head);
    }
  }

  private void scheduleRelease(long due, long now, List<Turn> failed) {
    if (release != null && releaseAt <= due) {
      return; // The release already scheduled comes first and reschedules.
    }
    cancelRelease();
    Future<?> next;
    try {
      next = scheduler.schedule(() -> release(due), Duration.ofNanos(due - now));
    } catch (RuntimeException e) { // The client is closing: fail the waiting turns.
      failAll(e, failed);
      return;
    }
    release = next;
    releaseAt = due;
    if (next instanceof CompletableFuture) { // The scheduler reports a task that will never run.
      CompletableFuture<?> unused =
          ((CompletableFuture<?>) next)
              .whenComplete(
                  (done, error) -> {
                    if (error != null && !(error instanceof CancellationException)) {
                      List<Turn> left = new ArrayList<>();
                      synchronized (this) {
                        if (release != next) {
                          return;
                        }
                        release = null;
                        failAll(error, left);
                      }
                      finish(left, null);
                    }
                  });
    }
  }

  private void failAll(Throwable error, List<Turn> failed) {
    for (Turn t : queue) {
      t.failure = error;
      failed.add(t);
    }
    queue.clear();
  }

  private void cancelRelease() {
    Future<?> r = release;
    release = null;
    if (r != null) {
      r.cancel(false);
    }
  }

  private void release(long due) {
    String line;
    List<Turn> granted = new ArrayList<>(1);
    synchronized (this) {
      if (closed) {
        return;
      }
      release = null;
      released = Math.max(released, due);
      long now = now();
      line = offIfQuiet(now);
      drain(now, granted);
    }
    finish(granted, line);
  }

  private synchronized void remove(Turn turn) {
    if (queue.remove(turn) && queue.isEmpty()) {
      cancelRelease();
    }
  }

  /** Completes turns and logs, outside the lock: a granted async turn sends its attempt. */
  private void finish(List<Turn> turns, @Nullable String line) {
    for (Turn t : turns) {
      Throwable failure = t.failure;
      if (failure != null) {
        t.completeExceptionally(failure);
      } else {
        t.complete(null);
      }
    }
    if (line != null) {
      log.accept(line);
    }
  }

  private static CancellationException closed() {
    return new CancellationException("the client was closed");
  }

  /** {@code 50}, {@code 1.5}: a rate as a person reads it. */
  private static String shown(double rate) {
    double tenths = Math.round(rate * 10) / 10.0;
    return tenths == Math.rint(tenths)
        ? Long.toString((long) tenths)
        : String.format(Locale.ROOT, "%.1f", tenths);
  }

  /** One attempt's turn: completes when it may be sent; cancelling it leaves the queue. */
  static final class Turn extends CompletableFuture<@Nullable Void> {
    private final RateLimiter limiter;
    final long notBefore;
    final long arrival;

    /** The turn's number while engaged, for telling the 429s of one burst apart; else 0. */
    volatile long number;

    volatile @Nullable Throwable failure;

    Turn(RateLimiter limiter, long notBefore, long arrival) {
      this.limiter = limiter;
      this.notBefore = notBefore;
      this.arrival = arrival;
    }

    /**
     * Blocks until the turn comes; its number.
     *
     * @throws CancellationException when the client was closed first
     */
    long await() throws InterruptedException {
      try {
        get();
      } catch (ExecutionException e) {
        Throwable cause = e.getCause();
        if (cause instanceof RuntimeException) {
          throw (RuntimeException) cause;
        }
        if (cause instanceof Error) {
          throw (Error) cause;
        }
        throw new IllegalStateException(cause);
      }
      return number;
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
      limiter.remove(this);
      return super.cancel(mayInterruptIfRunning);
    }
  }
}
