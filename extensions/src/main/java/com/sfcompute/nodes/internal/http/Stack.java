package com.sfcompute.nodes.internal.http;

import com.google.gson.Gson;
import com.sfcompute.nodes.Sleeper;
import com.sfcompute.nodes.internal.events.CallRecord;
import com.sfcompute.nodes.internal.events.Listeners;
import java.io.IOException;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.ResponseBody;
import org.jspecify.annotations.Nullable;
import retrofit2.Response;

/**
 * What every view of one client shares (its OkHttp client, pool, threads, timer, rate limiter), and
 * the two ends of one attempt both runners use: starting its OkHttp call, and reading its answer.
 * Assembled by {@link TransportBuilder}.
 */
final class Stack {
  final OkHttpClient client;
  final boolean ownsHttpClient;
  final HttpUrl baseUrl;
  final Gson gson;
  final RetryPolicy policy;
  final Sleeper sleeper;
  final Scheduler scheduler;
  final ErrorTranslation errors;
  final InFlight inFlight;

  /** The client's adaptive rate limit; null when the settings turn it off. */
  final @Nullable RateLimiter limiter;

  /** Told of every call, attempt and resend; {@link Listeners#NONE} when none listens. */
  final Listeners listeners;

  private volatile boolean closed;

  Stack(
      OkHttpClient client,
      boolean ownsHttpClient,
      HttpUrl baseUrl,
      Gson gson,
      RetryPolicy policy,
      Sleeper sleeper,
      Scheduler scheduler,
      Redactor redactor,
      InFlight inFlight,
      @Nullable RateLimiter limiter,
      Listeners listeners) {
    this.client = client;
    this.ownsHttpClient = ownsHttpClient;
    this.baseUrl = baseUrl;
    this.gson = gson;
    this.policy = policy;
    this.sleeper = sleeper;
    this.scheduler = scheduler;
    this.errors = new ErrorTranslation(redactor);
    this.inFlight = inFlight;
    this.limiter = limiter;
    this.listeners = listeners;
  }

  void checkOpen() {
    if (closed) {
      throw new IllegalStateException("This SfcNodes client is closed");
    }
  }

  /** See {@link Transport#close()}. */
  void close() {
    closed = true;
    RateLimiter l = limiter;
    if (l != null) {
      l.close(); // Before the scheduler stops: the waiting calls fail as closed, not hang.
    }
    inFlight.close();
    if (ownsHttpClient) {
      client.dispatcher().executorService().shutdown();
      client.connectionPool().evictAll();
    }
  }

  /**
   * The OkHttp call of {@code attempt} of {@code call}: its own request, built from the call's
   * arguments with the settings (sent to {@link Attempt#redirectTo} when a redirect is followed),
   * registered as the attempt's (bounded by its timeout once it runs).
   */
  okhttp3.Call newCall(GeneratedCall<?> call, Attempt attempt, @Nullable CallRecord events) {
    Request request = call.endpoint.request(baseUrl, attempt.settings, call.args);
    HttpUrl target = attempt.redirectTo;
    if (target != null) {
      request = request.newBuilder().url(target).build();
    }
    request = CallEvents.attemptStarting(listeners, events, attempt, request);
    okhttp3.Call raw = client.newCall(request);
    if (attempt.settings.attemptTimeoutNanos > 0 && raw.timeout().timeoutNanos() != 0) {
      // A caller's OkHttpClient's call timeout, with a timeout set on a view: the SDK's instead.
      raw.timeout().clearTimeout();
    }
    attempt.request = request;
    attempt.call = raw;
    attempt.startedNanos = System.nanoTime();
    inFlight.add(attempt);
    return raw;
  }

  /**
   * The answer of an attempt as a {@link Response}: a success decoded (and its body closed), any
   * other status with its body unread, for {@link SendAgain} and {@link ErrorTranslation}. An I/O
   * failure while the body is read is the attempt's failure; a body that is not the expected JSON
   * is an {@link InvalidBodyException}.
   */
  static <T extends @Nullable Object> Response<T> answer(
      Endpoint endpoint, okhttp3.Response raw, boolean strict) throws IOException {
    ResponseBody body = raw.body();
    if (!raw.isSuccessful()) {
      return Response.error(body != null ? body : ResponseBody.create(new byte[0], null), raw);
    }
    if (body == null || raw.code() == 204 || raw.code() == 205) {
      if (body != null) {
        body.close();
      }
      return Response.success(null, raw);
    }
    @SuppressWarnings("unchecked") // The endpoint decodes the T of the method's Call<T>.
    T value = (T) endpoint.decode(body, strict);
    return Response.success(value, raw);
  }

  /** Closes the unread error body of an answer that is not taken. */
  static void discard(Response<?> response) {
    ResponseBody error = response.errorBody();
    if (error != null) {
      error.close();
    }
  }
}
