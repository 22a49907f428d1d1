package com.sfcompute.nodes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Dependent stages that pass cancellation upstream, and one way to unwrap what they failed with.
 */
class FuturesTest {
  @Test
  void cancellingAMappedFutureCancelsItsSource() {
    CompletableFuture<String> source = new CompletableFuture<>();
    CompletableFuture<Integer> mapped = Futures.map(source, String::length);

    assertTrue(mapped.cancel(true));

    assertTrue(source.isCancelled());
  }

  @Test
  void aMappedFutureCompletesWithTheFunctionOfItsSource() {
    CompletableFuture<String> source = new CompletableFuture<>();
    CompletableFuture<Integer> mapped = Futures.map(source, String::length);

    source.complete("four");

    assertEquals(4, mapped.join());
  }

  @Test
  void cancellingAComposedFutureBeforeItsFirstStepEndsCancelsTheFirstStep() {
    CompletableFuture<String> first = new CompletableFuture<>();
    AtomicBoolean secondStarted = new AtomicBoolean();
    CompletableFuture<String> composed =
        Futures.compose(
            first,
            v -> {
              secondStarted.set(true);
              return new CompletableFuture<String>();
            });

    composed.cancel(true);

    assertTrue(first.isCancelled());
    assertFalse(secondStarted.get());
  }

  @Test
  void cancellingAComposedFutureCancelsTheSecondStepInFlight() {
    CompletableFuture<String> first = new CompletableFuture<>();
    CompletableFuture<String> second = new CompletableFuture<>();
    CompletableFuture<String> composed = Futures.compose(first, v -> second);
    first.complete("read");

    composed.cancel(true);

    assertTrue(second.isCancelled());
  }

  @Test
  void aComposedFutureCancelledWhileItsNextStepIsBeingMadeCancelsThatStep() {
    CompletableFuture<String> first = new CompletableFuture<>();
    CompletableFuture<String> second = new CompletableFuture<>();
    AtomicReference<CompletableFuture<String>> composed = new AtomicReference<>();
    composed.set(
        Futures.compose(
            first,
            v -> {
              composed.get().cancel(true); // e.g. the user cancels on another thread meanwhile
              return second;
            }));

    first.complete("read");

    assertTrue(second.isCancelled());
  }

  @Test
  void aComposedFutureFailsWithTheCauseNotAWrapper() {
    CompletableFuture<String> first = new CompletableFuture<>();
    CompletableFuture<String> composed = Futures.compose(first, CompletableFuture::completedFuture);
    IllegalStateException cause = new IllegalStateException("read failed");

    first.completeExceptionally(new CompletionException(cause));

    ExecutionException e = assertThrows(ExecutionException.class, composed::get);
    assertSame(cause, e.getCause());
  }

  @Test
  void aStepThatThrowsFailsTheComposedFuture() {
    CompletableFuture<String> composed =
        Futures.compose(
            CompletableFuture.completedFuture("x"),
            v -> {
              throw new IllegalArgumentException("bad step");
            });

    ExecutionException e = assertThrows(ExecutionException.class, composed::get);
    assertEquals("bad step", e.getCause().getMessage());
  }

  @Test
  void onCancelRunsOnlyWhenCancelled() {
    AtomicBoolean ran = new AtomicBoolean();
    CompletableFuture<String> completed = Futures.onCancel(() -> ran.set(true));
    completed.complete("done");
    assertFalse(ran.get());

    CompletableFuture<String> cancelled = Futures.onCancel(() -> ran.set(true));
    cancelled.cancel(false);
    assertTrue(ran.get());
    assertThrows(CancellationException.class, cancelled::join);
  }

  @Test
  void unwrapTakesTheCauseOfACompletionExceptionOnly() {
    IllegalStateException cause = new IllegalStateException("x");

    assertSame(cause, Futures.unwrap(new CompletionException(cause)));
    assertSame(cause, Futures.unwrap(cause));
    assertSame(cause, Futures.unwrapUnchecked(new CompletionException(cause)));
    RuntimeException checked =
        Futures.unwrapUnchecked(new CompletionException(new IOException("io")));
    assertTrue(checked instanceof CompletionException);
    assertTrue(checked.getCause() instanceof IOException);
  }
}
