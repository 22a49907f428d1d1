package com.sfcompute.nodes.internal.http;

import com.sfcompute.nodes.errors.SfcNodesIoException;
import com.sfcompute.nodes.internal.http.SendAgain.Decision;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.function.Function;
import okhttp3.HttpUrl;
import org.jspecify.annotations.Nullable;
import retrofit2.Response;

/**
 * Runs one call without holding a thread: its future, and the attempt in flight or the wait for the
 * next. After each attempt it does what {@link SendAgain#step} decides, exactly as {@link
 * BlockingRun} does, waiting on the client's {@link Scheduler} (or the rate limiter's turn).
 * Cancelling the future cancels the attempt in flight and any wait.
 */
final class AsyncRun<T extends @Nullable Object, R extends @Nullable Object>
    extends CompletableFuture<R> implements okhttp3.Callback {
  private final Stack stack;
  private final CallSettings settings;
  private final GeneratedCall<T> call;
  private final Function<Response<T>, R> result;
  private final SendAgain sendAgain;
  private volatile okhttp3.@Nullable Call inFlight;
  private volatile @Nullable Future<?> waiting;
  private volatile @Nullable Attempt attempt;
  private volatile @Nullable HttpUrl target;

  private AsyncRun(
      Stack stack, CallSettings settings, GeneratedCall<T> call, Function<Response<T>, R> result) {
    this.stack = stack;
    this.settings = settings;
    this.call = call;
    this.result = result;
    this.sendAgain = new SendAgain(stack, CallEvents.started(stack.listeners, call, true));
  }

  @Override
  public boolean complete(R value) {
    CallEvents.ended(stack.listeners, sendAgain.events, null); // Before the caller sees the end.
    return super.complete(value);
  }

  @Override
  public boolean completeExceptionally(Throwable error) {
    CallEvents.ended(stack.listeners, sendAgain.events, error);
    return super.completeExceptionally(error);
  }

  /** Starts {@code call}; its future completes with {@code result} of the answer taken. */
  static <T extends @Nullable Object, R extends @Nullable Object> CompletableFuture<R> start(
      Stack stack, CallSettings settings, GeneratedCall<T> call, Function<Response<T>, R> result) {
    stack.checkOpen();
    AsyncRun<T, R> run = new AsyncRun<>(stack, settings, call, result);
    run.start();
    return run;
  }

  /** Sends the next attempt when the rate limiter gives it its turn (at once while it is off). */
  private void start() {
    RateLimiter.Turn turn = sendAgain.turn(Duration.ZERO);
    if (turn != null) {
      queue(turn);
    } else {
      send(0);
    }
  }

  /** Sends the next attempt after {@code wait}, on the scheduler or timed by the rate limiter. */
  private void awaitTurn(Duration wait) {
    RateLimiter.Turn turn = sendAgain.turn(wait); // The limiter times the wait with the turn.
    if (turn != null) {
      queue(turn);
      return;
    }
    Future<?> w;
    try {
      w = stack.scheduler.schedule(this::start, wait);
    } catch (RuntimeException e) { // The client was closed while the call waited.
      completeExceptionally(closedWhileWaiting(e));
      return;
    }
    watch(w);
  }

  private void send(long turn) {
    if (isDone()) {
      return;
    }
    Attempt next = new Attempt(settings);
    next.turn = turn;
    next.redirectTo = target;
    attempt = next;
    okhttp3.Call raw;
    try {
      raw = stack.newCall(call, next, sendAgain.events);
    } catch (RuntimeException e) { // Arguments no request can be built from.
      completeExceptionally(e);
      return;
    }
    inFlight = raw;
    raw.enqueue(this);
    if (isCancelled()) { // Cancelled while starting: the cancel may have missed this call.
      raw.cancel();
    }
  }

  /** Carries out {@code decision}, which sends again. */
  private void next(Decision decision) {
    target = decision.target;
    if (decision.atOnce()) {
      send(attemptOf().turn); // A replay, resend or redirect goes at once, on the same turn.
    } else {
      awaitTurn(decision.delay);
    }
  }

  /** Sends the next attempt when {@code turn} comes; holds no thread meanwhile. */
  private void queue(RateLimiter.Turn turn) {
    CompletableFuture<?> unused =
        turn.whenComplete(
            (done, error) -> {
              if (error == null) {
                send(turn.number);
              }
            });
    watch(turn);
  }

  /** Keeps {@code w} for cancel(), and fails this call when the wait will never end. */
  private void watch(Future<?> w) {
    waiting = w;
    if (w instanceof CompletableFuture) { // The scheduler reports a wait that will never end.
      CompletableFuture<?> unused =
          ((CompletableFuture<?>) w)
              .whenComplete(
                  (done, error) -> {
                    if (error != null && !isDone()) {
                      completeExceptionally(
                          error instanceof CancellationException
                              ? closedWhileWaiting(error)
                              : new SfcNodesIoException(
                                  "Waiting to retry failed: "
                                      + ErrorTranslation.describe(attemptOf()),
                                  error));
                    }
                  });
    }
    if (isCancelled()) {
      w.cancel(false);
    }
  }

  private IllegalStateException closedWhileWaiting(Throwable cause) {
    return new IllegalStateException(
        "This SfcNodes client was closed while the call waited"
            + (attempt == null ? " for its turn to be sent" : " to retry"),
        cause);
  }

  @Override
  public void onResponse(okhttp3.Call raw, okhttp3.Response answer) {
    Attempt a = attemptOf();
    sendAgain.observe(a, answer);
    Response<T> response;
    try {
      response = Stack.answer(call.endpoint, answer, a.settings.strictDecoding);
    } catch (IOException e) {
      failed(e);
      return;
    } catch (RuntimeException e) {
      if (a.deadlineFired()) {
        failed(a.timeout(e)); // The body broke off because the deadline cut it.
      } else {
        stack.inFlight.end(a);
        completeExceptionally(stack.errors.invalid(a, e));
      }
      return;
    }
    Decision decision;
    try {
      decision = sendAgain.step(a, response, null);
      if (!decision.sendsAgain() || isDone()) {
        // An error body is read within the bound.
        complete(result.apply(stack.errors.checked(response)));
        return;
      }
      Stack.discard(response);
    } catch (RuntimeException e) {
      Stack.discard(response);
      completeExceptionally(e);
      return;
    } finally {
      stack.inFlight.end(a);
    }
    next(decision);
  }

  @Override
  public void onFailure(okhttp3.Call raw, IOException failure) {
    failed(failure);
  }

  private void failed(IOException e) {
    Attempt a = attemptOf();
    stack.inFlight.end(a);
    IOException failure = a.failure(e);
    if (isDone()) {
      return; // Cancelled: the future already says so.
    }
    Decision decision = sendAgain.step(a, null, failure);
    if (decision.sendsAgain()) {
      next(decision);
    } else {
      completeExceptionally(stack.errors.translate(a, failure));
    }
  }

  private Attempt attemptOf() {
    Attempt a = attempt;
    return a != null ? a : new Attempt(settings);
  }

  @Override
  public boolean cancel(boolean mayInterruptIfRunning) {
    // Cancel the future first: cancelling the call first lets its failure callback, on another
    // thread, complete the future with an I/O error before it is marked cancelled.
    boolean cancelled = super.cancel(mayInterruptIfRunning);
    if (cancelled) {
      CallEvents.ended(
          stack.listeners, sendAgain.events, new CancellationException("cancelled by the caller"));
    }
    Future<?> w = waiting;
    if (w != null) {
      w.cancel(false);
    }
    okhttp3.Call c = inFlight;
    if (c != null) {
      c.cancel();
    }
    return cancelled;
  }
}
