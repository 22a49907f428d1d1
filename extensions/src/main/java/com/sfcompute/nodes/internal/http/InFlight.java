package com.sfcompute.nodes.internal.http;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import okhttp3.Call;
import org.jspecify.annotations.Nullable;

/**
 * The attempts of one client in flight: which attempt an OkHttp call is (for the SDK's
 * interceptors), and the bound on each as a whole (the client's timeout): an attempt still running
 * at its deadline is cancelled, and reported as a timeout.
 *
 * <p>The interceptors find the attempt here by its call rather than in a tag on the request: OkHttp
 * copies a request's tags into a new map at least three times per call (building the request, and
 * rebuilding it in its bridge interceptor), about 750 bytes a call that the raw floor does not pay.
 *
 * <p>This is what OkHttp's call timeout does, without its cost on every call. OkHttp bounds a call
 * with an Okio {@code AsyncTimeout}, whose watchdog thread is woken each time a deadline earlier
 * than all the queued ones arrives: for calls made one after another, that is every call, and so is
 * the per-read timeout of a client without a call timeout. On a warm local call that hand-off
 * between threads was 8 to 12 % of the wall time and more of the CPU (see benchmarks/README.md,
 * "The per-call record"). Here an attempt joins a set, and the one thread of the client is woken
 * only when the new deadline comes before the moment it will look anyway. For attempts of one
 * timeout started one after another, that is never: the thread sleeps until the earliest deadline
 * it knew of, cancels what is overdue, and sleeps until the next one. So the SDK's own client has
 * no per-read, per-write or connect timeouts: the attempt's deadline bounds them all.
 *
 * <p>The thread starts with the first bounded attempt, and ends when no attempt is running and
 * either the client is closed or none started for a minute.
 */
final class InFlight {
  private static final long LINGER_NANOS = TimeUnit.MINUTES.toNanos(1);

  /**
   * The attempts in flight by their calls; whoever removes an attempt decides its fate (ended, or
   * cancelled for its deadline).
   */
  private final Map<Call, Attempt> byCall = new ConcurrentHashMap<>();

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();

  /**
   * When the thread will look next, valid while {@link #asleep}: it sleeps until then. Written
   * before {@code asleep}, read after it.
   */
  private volatile long wakeAt;

  /**
   * The thread waits for {@link #wakeAt}: an attempt whose deadline is no earlier needs no wake.
   */
  private volatile boolean asleep;

  // Guarded by lock.
  private @Nullable Thread thread;
  private long looks;
  private boolean pending;
  private boolean closed;

  /**
   * Registers {@code attempt}, whose call is set, before its call runs; every attempt added must be
   * {@linkplain #end ended}.
   */
  void add(Attempt attempt) {
    Call call = attempt.call;
    if (call == null) {
      throw new IllegalStateException("an attempt without its call");
    }
    byCall.put(call, attempt);
  }

  /** The attempt {@code call} is, or null if it is none of this client's in flight. */
  @Nullable Attempt of(Call call) {
    return byCall.get(call);
  }

  /** Bounds {@code attempt}, added and running, to {@code timeoutNanos} from now. Once. */
  void bound(Attempt attempt, long timeoutNanos) {
    attempt.deadline = System.nanoTime() + timeoutNanos;
    attempt.bounded = true; // Volatile: publishes the deadline to the thread.
    // Read asleep before wakeAt: a wakeAt seen with asleep was computed after a scan that either
    // saw this deadline or ran before it was set, and in both cases it is no later than needed
    // (see watch()).
    if (asleep && attempt.deadline - wakeAt >= 0) {
      return;
    }
    lock.lock();
    try {
      pending = true;
      if (thread == null) {
        Thread t = new Thread(this::watch, "sfc-nodes-deadlines");
        t.setDaemon(true);
        thread = t;
        t.start();
      } else {
        changed.signal();
      }
    } finally {
      lock.unlock();
    }
  }

  /** The attempt is over (its answer read, or its failure taken): no longer in flight. */
  void end(Attempt attempt) {
    Call call = attempt.call;
    if (call != null) {
      byCall.remove(call, attempt);
    }
  }

  /** No more lingering: the thread ends as soon as no attempt is running. */
  void close() {
    lock.lock();
    try {
      closed = true;
      changed.signal();
    } finally {
      lock.unlock();
    }
  }

  /** Whether the thread is alive (for the tests: it must not outlive its use). */
  boolean watching() {
    lock.lock();
    try {
      return thread != null;
    } finally {
      lock.unlock();
    }
  }

  /**
   * How many times the thread has looked over the running attempts: it must not be once per call
   * (for the tests).
   */
  long looks() {
    lock.lock();
    try {
      return looks;
    } finally {
      lock.unlock();
    }
  }

  /** Whether the thread sleeps until a known deadline (for the tests). */
  boolean asleep() {
    return asleep;
  }

  private void watch() {
    long idleSince = System.nanoTime();
    lock.lock();
    try {
      while (true) {
        pending = false;
        asleep = false;
        long now;
        long next = 0;
        boolean any = false;
        looks++;
        lock.unlock();
        try {
          now = System.nanoTime();
          for (Attempt attempt : byCall.values()) {
            if (!attempt.bounded) {
              continue; // Not running yet: an asynchronous call waiting for a slot.
            }
            long left = attempt.deadline - now;
            if (left <= 0) {
              expire(attempt);
            } else if (!any || attempt.deadline - next < 0) {
              next = attempt.deadline;
              any = true;
            }
          }
        } finally {
          lock.lock();
        }
        if (pending) {
          continue; // An attempt started during the scan and asked for a look: look again.
        }
        long waitNanos;
        if (any) {
          wakeAt = next;
          asleep = true;
          waitNanos = next - now;
        } else if (closed || System.nanoTime() - idleSince >= LINGER_NANOS) {
          return;
        } else {
          waitNanos = LINGER_NANOS - (System.nanoTime() - idleSince);
        }
        try {
          changed.awaitNanos(waitNanos); // Woken early or not, the loop looks again.
        } catch (InterruptedException e) {
          // Nobody but this class knows the thread: a stray interrupt is one more look.
        }
        if (any) {
          idleSince = System.nanoTime();
        }
      }
    } finally {
      thread = null; // Also if the thread fails: the next attempt starts another.
      lock.unlock();
    }
  }

  private void expire(Attempt attempt) {
    Call call = attempt.call;
    if (call == null || !byCall.remove(call, attempt)) {
      return; // Ended meanwhile.
    }
    attempt.timedOut = true;
    try {
      call.cancel();
    } catch (RuntimeException e) {
      // An event listener of the caller's failed on being told: the call is cancelled anyway.
    }
  }
}
