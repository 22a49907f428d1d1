package com.sfcompute.nodes;

import com.sfcompute.nodes.internal.http.Scheduler;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The SDK's futures: dependent stages that pass cancellation upstream, and the one way to unwrap
 * what a stage failed with.
 *
 * <p>A plain {@code thenApply}/{@code thenCompose} stage does not cancel its source: cancelling the
 * future a user holds would leave the HTTP call (or the wait) running behind a future that reports
 * itself cancelled. Every asynchronous method of the SDK builds its result with these.
 */
final class Futures {
  private Futures() {}

  /** {@code source.thenApply(f)}, except that cancelling the result cancels {@code source} too. */
  static <T extends @Nullable Object, R extends @Nullable Object> CompletableFuture<R> map(
      CompletableFuture<T> source, Function<? super T, ? extends R> f) {
    return cancelling(source.thenApply(f), source);
  }

  /**
   * {@code source.thenCompose(f)}, except that cancelling the result cancels whichever of {@code
   * source} and the future {@code f} returned is in flight.
   */
  static <T extends @Nullable Object, R extends @Nullable Object> CompletableFuture<R> compose(
      CompletableFuture<T> source, Function<? super T, ? extends CompletableFuture<R>> f) {
    AtomicReference<@Nullable CompletableFuture<R>> next = new AtomicReference<>();
    CompletableFuture<R> result = new CompletableFuture<>();
    CompletableFuture<?> unused =
        source.whenComplete(
            (value, error) -> {
              if (error != null) {
                result.completeExceptionally(unwrap(error));
                return;
              }
              CompletableFuture<R> started;
              try {
                started = Objects.requireNonNull(f.apply(value), "compose: the next step is null");
              } catch (RuntimeException | Error e) {
                result.completeExceptionally(e);
                return;
              }
              next.set(started);
              if (result.isCancelled()) { // Cancelled while f ran: the listener below missed it.
                started.cancel(false);
                return;
              }
              CompletableFuture<?> unused2 =
                  started.whenComplete(
                      (v, e) -> {
                        if (e != null) {
                          result.completeExceptionally(unwrap(e));
                        } else {
                          result.complete(v);
                        }
                      });
            });
    CompletableFuture<?> unused3 =
        result.whenComplete(
            (value, error) -> {
              if (result.isCancelled()) {
                source.cancel(false);
                CompletableFuture<R> started = next.get();
                if (started != null) {
                  started.cancel(false);
                }
              }
            });
    return result;
  }

  /**
   * A future to complete by hand that runs {@code cancelSteps} when it is cancelled: for work of
   * several steps (a wait's reads and timers, a fleet's calls), whose steps in flight must stop
   * with it.
   */
  static <T extends @Nullable Object> CompletableFuture<T> onCancel(Runnable cancelSteps) {
    CompletableFuture<T> result = new CompletableFuture<>();
    CompletableFuture<?> unused4 =
        result.whenComplete(
            (value, error) -> {
              if (result.isCancelled()) {
                cancelSteps.run();
              }
            });
    return result;
  }

  /** Cancels {@code step} if there is one: the one step of some work in flight. */
  static void cancel(@Nullable Future<?> step) {
    if (step != null) {
      step.cancel(false);
    }
  }

  /**
   * Schedules the next step of {@code result}'s work: fails {@code result} when the scheduler
   * cannot run it (the client is closed, or its sleeper threw), instead of leaving it pending.
   */
  static Future<?> schedule(
      Scheduler scheduler, Runnable step, Duration delay, CompletableFuture<?> result) {
    Future<?> scheduled = scheduler.schedule(step, delay);
    if (scheduled instanceof CompletableFuture) {
      CompletableFuture<?> unused6 =
          ((CompletableFuture<?>) scheduled)
              .whenComplete(
                  (value, error) -> {
                    if (error != null) {
                      result.completeExceptionally(unwrap(error));
                    }
                  });
    }
    return scheduled;
  }

  /** The exception a stage failed with: the cause of a {@link CompletionException}, else itself. */
  static Throwable unwrap(Throwable error) {
    return error instanceof CompletionException && error.getCause() != null
        ? error.getCause()
        : error;
  }

  /**
   * {@link #unwrap} as something to throw: a {@link RuntimeException} as it is, anything else (a
   * checked exception cannot come from the SDK's own stages) wrapped in a CompletionException.
   */
  static RuntimeException unwrapUnchecked(Throwable error) {
    Throwable cause = unwrap(error);
    if (cause instanceof Error) {
      throw (Error) cause;
    }
    return cause instanceof RuntimeException
        ? (RuntimeException) cause
        : new CompletionException(cause);
  }

  private static <T extends @Nullable Object> CompletableFuture<T> cancelling(
      CompletableFuture<T> result, Future<?> source) {
    CompletableFuture<?> unused5 =
        result.whenComplete(
            (value, error) -> {
              if (result.isCancelled()) {
                source.cancel(false);
              }
            });
    return result;
  }
}
