package com.sfcompute.nodes;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/** Dependent futures whose cancellation reaches the work they depend on. */
final class Futures {
  private Futures() {}

  /**
   * {@code source.thenApply(f)}, except that cancelling the result cancels {@code source} too (and
   * so its HTTP call): a plain dependent stage does not pass cancellation upstream, which would
   * leave the call running behind a future that reports itself cancelled.
   */
  static <T extends @Nullable Object, R extends @Nullable Object> CompletableFuture<R> map(
      CompletableFuture<T> source, Function<? super T, ? extends R> f) {
    CompletableFuture<R> result = source.thenApply(f);
    result.whenComplete(
        (value, error) -> {
          if (result.isCancelled()) {
            source.cancel(false);
          }
        });
    return result;
  }

  /**
   * {@code source.thenCompose(f)}, except that cancelling the result cancels whichever of {@code
   * source} and the future {@code f} returned is in flight, as {@link #map} does.
   */
  static <T extends @Nullable Object, R extends @Nullable Object> CompletableFuture<R> compose(
      CompletableFuture<T> source, Function<? super T, CompletableFuture<R>> f) {
    AtomicBoolean cancelled = new AtomicBoolean();
    AtomicReference<@Nullable CompletableFuture<R>> next = new AtomicReference<>();
    CompletableFuture<R> result =
        source.thenCompose(
            value -> {
              CompletableFuture<R> started = f.apply(value);
              next.set(started);
              if (cancelled.get()) { // Cancelled while f ran: the listener below missed it.
                started.cancel(false);
              }
              return started;
            });
    result.whenComplete(
        (value, error) -> {
          if (result.isCancelled()) {
            cancelled.set(true);
            source.cancel(false);
            CompletableFuture<R> started = next.get();
            if (started != null) {
              started.cancel(false);
            }
          }
        });
    return result;
  }
}
