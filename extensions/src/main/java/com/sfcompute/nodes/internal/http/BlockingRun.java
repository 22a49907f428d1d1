package com.sfcompute.nodes.internal.http;

import com.sfcompute.nodes.internal.events.CallRecord;
import com.sfcompute.nodes.internal.http.SendAgain.Decision;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import okhttp3.HttpUrl;
import org.jspecify.annotations.Nullable;
import retrofit2.Response;

/**
 * Runs one call on the caller's thread: attempt after attempt, each ended by what {@link
 * SendAgain#step} decides, with the waits between them on the client's {@link
 * com.sfcompute.nodes.Sleeper} (or the rate limiter's turn).
 */
final class BlockingRun {
  private BlockingRun() {}

  /** The success answer of {@code call}, else the SDK's exception for how it ended. */
  static <T extends @Nullable Object> Response<T> run(
      Stack stack, CallSettings settings, GeneratedCall<T> call, @Nullable CallRecord events) {
    stack.checkOpen();
    SendAgain sendAgain = new SendAgain(stack, events);
    long turn = awaitTurn(stack, sendAgain, null, Duration.ZERO, null);
    HttpUrl target = null;
    while (true) {
      Attempt attempt = new Attempt(settings);
      attempt.turn = turn;
      attempt.redirectTo = target;
      IOException failure = null;
      Decision decision;
      try {
        okhttp3.Call raw = stack.newCall(call, attempt, events);
        Response<T> response = null;
        try {
          okhttp3.Response answer = raw.execute();
          sendAgain.observe(attempt, answer);
          response = Stack.answer(call.endpoint, answer, settings.strictDecoding);
        } catch (IOException e) {
          failure = attempt.failure(e);
        } catch (RuntimeException e) {
          if (!attempt.deadlineFired()) {
            throw stack.errors.invalid(attempt, e);
          }
          failure = attempt.timeout(e); // The body broke off because the deadline cut it.
        }
        decision = sendAgain.step(attempt, response, failure);
        if (!decision.sendsAgain()) {
          if (response != null) {
            return stack.errors.checked(response); // An error body is read within the bound.
          }
          throw stack.errors.translate(attempt, failure);
        }
        if (response != null) {
          Stack.discard(response);
        }
      } finally {
        stack.inFlight.end(attempt);
      }
      target = decision.target;
      if (!decision.atOnce()) { // A replay, resend or redirect goes at once, on the same turn.
        turn = awaitTurn(stack, sendAgain, attempt, decision.delay, failure);
      }
    }
  }

  /**
   * Waits {@code wait} after {@code last} (none before a call's first attempt), then for the rate
   * limiter's turn; the turn's number. While the limiter is off the wait is a sleep and the turn
   * one volatile read; while it is engaged the limiter times both (see {@link RateLimiter}).
   */
  private static long awaitTurn(
      Stack stack,
      SendAgain sendAgain,
      @Nullable Attempt last,
      Duration wait,
      @Nullable IOException failure) {
    RateLimiter.Turn turn = sendAgain.turn(wait);
    if (turn == null) {
      if (last != null) {
        try {
          stack.sleeper.sleep(wait);
        } catch (InterruptedException e) {
          throw stack.errors.interrupted(last, failure, e);
        }
      }
      turn = sendAgain.turn(Duration.ZERO); // Engaged while this call slept: it waits too.
      if (turn == null) {
        return 0;
      }
    }
    try {
      return turn.await();
    } catch (InterruptedException e) {
      turn.cancel(false);
      throw stack.errors.interrupted(last, failure, e);
    } catch (CancellationException e) {
      throw new IllegalStateException("This SfcNodes client was closed while the call waited", e);
    }
  }
}
