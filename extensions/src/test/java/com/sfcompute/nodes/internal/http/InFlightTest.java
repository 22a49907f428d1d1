package com.sfcompute.nodes.internal.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.timeout;
import static org.mockito.Mockito.verify;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import okhttp3.Call;
import okhttp3.Headers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The attempts in flight: each found by its call while it runs; what runs past its deadline is
 * cancelled, what ended or has not started is never touched, and the thread is woken only when it
 * must be, not once per call.
 */
class InFlightTest {
  private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);
  private static final long HOUR = TimeUnit.HOURS.toNanos(1);

  /** Bounds on behaviour, generous for a loaded machine: never what a test measures. */
  private static final int PATIENCE_MS = 10_000;

  private final InFlight inFlight = new InFlight();

  @AfterEach
  void tearDown() {
    inFlight.close();
  }

  /** Registers {@code attempt} and bounds it, as a call that starts to run. */
  private void start(Attempt attempt, long timeoutNanos) {
    inFlight.add(attempt);
    inFlight.bound(attempt, timeoutNanos);
  }

  private static Attempt attempt(Call call) {
    Attempt attempt = new Attempt(new CallSettings(Headers.of(), 0, 0, false));
    attempt.call = call;
    return attempt;
  }

  @Test
  void anAttemptPastItsDeadlineIsCancelledAndMarkedTimedOut() {
    Call call = mock(Call.class);
    Attempt attempt = attempt(call);

    start(attempt, 50 * MS);

    verify(call, timeout(PATIENCE_MS)).cancel();
    assertTrue(attempt.timedOut);
    IOException failure = attempt.failure(new IOException("Canceled"));
    assertInstanceOf(InterruptedIOException.class, failure);
    assertEquals("timeout", failure.getMessage());
    assertEquals("Canceled", failure.getCause().getMessage());
  }

  @Test
  void anAttemptIsFoundByItsCallUntilItEnds() {
    Call call = mock(Call.class);
    Attempt attempt = attempt(call);

    inFlight.add(attempt);
    assertSame(attempt, inFlight.of(call));
    assertNull(inFlight.of(mock(Call.class)), "another call is no attempt of this client's");

    inFlight.end(attempt);
    assertNull(inFlight.of(call));
  }

  /** An asynchronous call waiting for a slot is registered but not running: not bounded yet. */
  @Test
  void anAttemptNotRunningYetIsNeverCancelled() {
    Call queued = mock(Call.class);
    Attempt waiting = attempt(queued);
    inFlight.add(waiting);
    Call running = mock(Call.class);

    start(attempt(running), 20 * MS);

    verify(running, timeout(PATIENCE_MS)).cancel();
    verify(queued, never()).cancel();
    assertSame(waiting, inFlight.of(queued));
    inFlight.end(waiting);
  }

  @Test
  void anAttemptThatEndedInTimeIsNeverCancelled() throws Exception {
    Call call = mock(Call.class);
    Attempt attempt = attempt(call);
    Call later = mock(Call.class);
    Attempt marker = attempt(later);

    start(attempt, 50 * MS);
    inFlight.end(attempt);
    // A second attempt with a later deadline: once it is cancelled, the first deadline has passed.
    start(marker, 100 * MS);

    verify(later, timeout(PATIENCE_MS)).cancel();
    verify(call, never()).cancel();
    assertFalse(attempt.timedOut);
    IOException failure = new IOException("Canceled");
    assertSame(failure, attempt.failure(failure), "not a timeout: the attempt ended in time");
  }

  /** The thread sleeps until the earliest deadline it knows: an earlier one must wake it. */
  @Test
  void anEarlierDeadlineWakesTheThreadThatWaitsForALaterOne() {
    Call slow = mock(Call.class);
    Call quick = mock(Call.class);
    Attempt patient = attempt(slow);
    Attempt impatient = attempt(quick);

    start(patient, HOUR);
    assertTrue(eventually(() -> inFlight.looks() >= 1), "the thread looked and sleeps for an hour");
    start(impatient, 20 * MS);

    verify(quick, timeout(PATIENCE_MS)).cancel();
    verify(slow, never()).cancel();
    inFlight.end(patient);
  }

  /**
   * The cost the class exists to avoid: calls of one timeout, one after another, do not wake the
   * thread each time (Okio's watchdog is woken for every such call).
   */
  @Test
  void callsOneAfterAnotherDoNotWakeTheThreadEachTime() {
    Call call = mock(Call.class);
    Attempt first = attempt(call);
    start(first, HOUR);
    assertTrue(eventually(inFlight::asleep), "the thread looked and sleeps for an hour");
    inFlight.end(first);
    long before = inFlight.looks();

    for (int i = 0; i < 10_000; i++) {
      Attempt attempt = attempt(call);
      start(attempt, HOUR);
      inFlight.end(attempt);
    }

    assertEquals(before, inFlight.looks(), "looks during 10,000 calls");
    verify(call, never()).cancel();
  }

  /**
   * Many threads start and end attempts at once, with deadlines in every order: each attempt left
   * running is cancelled, and none that ended in time is. A lost wake-up leaves one running.
   */
  @Test
  void underConcurrentStartsEveryOverdueAttemptIsCancelledAndNoEndedOne() throws Exception {
    int threads = 8;
    int perThread = 500;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    List<Call> overdue = new ArrayList<>();
    List<Call> ended = new ArrayList<>();
    List<Future<?>> done = new ArrayList<>();
    CountDownLatch go = new CountDownLatch(1);
    try {
      for (int t = 0; t < threads; t++) {
        List<Call> mine = new ArrayList<>();
        List<Call> mineEnded = new ArrayList<>();
        for (int i = 0; i < perThread; i++) {
          (i % 2 == 0 ? mine : mineEnded).add(mock(Call.class));
        }
        overdue.addAll(mine);
        ended.addAll(mineEnded);
        Random random = new Random(t);
        done.add(
            pool.submit(
                () -> {
                  go.await();
                  for (int i = 0; i < perThread / 2; i++) {
                    // Ended at once, with a deadline far off: never cancelled.
                    Attempt finished = attempt(mineEnded.get(i));
                    start(finished, HOUR);
                    inFlight.end(finished);
                    // Left running, with a deadline 1 to 50 ms away, in no order.
                    start(attempt(mine.get(i)), (1 + random.nextInt(50)) * MS);
                  }
                  return null;
                }));
      }
      go.countDown();
      for (Future<?> f : done) {
        f.get(PATIENCE_MS, TimeUnit.MILLISECONDS);
      }
    } finally {
      pool.shutdownNow();
    }

    for (Call call : overdue) {
      verify(call, timeout(PATIENCE_MS)).cancel();
    }
    for (Call call : ended) {
      verify(call, never()).cancel();
    }
  }

  @Test
  void aCallerListenerThatFailsOnCancelDoesNotStopTheBound() {
    Call failing = mock(Call.class);
    doThrow(new IllegalStateException("a caller's EventListener.canceled failed"))
        .when(failing)
        .cancel();
    Call next = mock(Call.class);

    start(attempt(failing), 10 * MS);
    verify(failing, timeout(PATIENCE_MS)).cancel();
    start(attempt(next), 10 * MS);

    verify(next, timeout(PATIENCE_MS)).cancel();
  }

  @Test
  void theThreadEndsOnCloseOnceNothingRunsAndStartsAgainWhenNeeded() {
    Call running = mock(Call.class);
    Attempt attempt = attempt(running);
    start(attempt, HOUR);
    assertTrue(inFlight.watching());

    inFlight.close();
    assertFalse(
        eventually(() -> !inFlight.watching()), "still bounds the attempt running at close");

    inFlight.end(attempt);
    Call after = mock(Call.class);
    start(attempt(after), 10 * MS); // A retry of a call that began before the close.
    verify(after, timeout(PATIENCE_MS)).cancel();
    assertTrue(eventually(() -> !inFlight.watching()), "the thread ended once nothing ran");

    Call again = mock(Call.class);
    start(attempt(again), 10 * MS);
    assertTrue(inFlight.watching(), "a thread again for an attempt after that");
    verify(again, timeout(PATIENCE_MS)).cancel();
  }

  /** Waits up to a second for {@code condition} (a bound on behaviour, not a measurement). */
  private static boolean eventually(BooleanSupplier condition) {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
    while (System.nanoTime() - end < 0) {
      if (condition.getAsBoolean()) {
        return true;
      }
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return condition.getAsBoolean();
  }
}
