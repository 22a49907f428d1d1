package com.sfcompute.nodes.internal.http;

import java.io.IOException;
import okhttp3.Connection;
import okhttp3.Interceptor;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.jspecify.annotations.Nullable;

/**
 * The SDK's network interceptor: records on the call's {@link Attempt} that a connection was
 * reached, which one, whether it came from the pool (the call opened none: {@link
 * ConnectionEvents}), and whether a response arrived; and keeps OkHttp from repeating a request on
 * its own.
 *
 * <p>OkHttp resends a request answered {@code 503} with {@code Retry-After: 0}, below every
 * application interceptor and whatever the method. Such an answer is handed up past OkHttp's
 * follow-up logic inside a {@link HeldResponse}, which {@link CallGuard} unwraps: the SDK's own
 * retry rule then sees the 503 like any other.
 */
final class ExchangeFacts implements Interceptor {
  private final InFlight inFlight;

  ExchangeFacts(InFlight inFlight) {
    this.inFlight = inFlight;
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Attempt attempt = inFlight.of(chain.call());
    Connection connection = chain.connection();
    if (attempt != null) {
      attempt.reachedConnection = true;
      attempt.connection = connection;
      // Acquired without a connectStart in this call: it came from the pool. Per call, so clients
      // that share one OkHttpClient (and its pool) judge each other's connections alike.
      attempt.reusedConnection = connection != null && !attempt.openedConnection;
    }
    Response response = chain.proceed(chain.request());
    if (attempt != null) {
      attempt.responded = true;
    }
    String length = response.header("Content-Length");
    if (length != null && !isLength(length)) {
      // RFC 9110: an invalid Content-Length is an unrecoverable error, never a length to guess.
      closeQuietly(response);
      throw new CallGuard.MalformedAnswerException("invalid Content-Length");
    }
    if (response.code() == 503 && okHttpWouldRepeat(response.header("Retry-After"))) {
      throw new HeldResponse(buffered(response));
    }
    return response;
  }

  private static boolean isLength(String value) {
    if (value.isEmpty() || value.length() > 18) {
      return false;
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  private static void closeQuietly(Response response) {
    try {
      response.close();
    } catch (RuntimeException ignored) {
      // A body OkHttp could not even open: nothing to release.
    }
  }

  /** OkHttp's own test: a Retry-After of digits only whose value is zero. */
  private static boolean okHttpWouldRepeat(@Nullable String retryAfter) {
    if (retryAfter == null || retryAfter.isEmpty()) {
      return false;
    }
    for (int i = 0; i < retryAfter.length(); i++) {
      char c = retryAfter.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return retryAfter.replace("0", "").isEmpty();
  }

  /** The response with its body read into memory (bounded), so it outlives the exchange. */
  private static Response buffered(Response response) throws IOException {
    ResponseBody body = response.body();
    if (body == null) {
      return response;
    }
    try {
      return response.newBuilder().body(response.peekBody(ErrorTranslation.MAX_ERROR_BODY)).build();
    } finally {
      body.close();
    }
  }

  /**
   * A response carried up through OkHttp's follow-up logic as a failure, so that it is not acted
   * on.
   */
  static final class HeldResponse extends IOException {
    private static final long serialVersionUID = 1L;

    @SuppressWarnings("serial") // Never serialized: unwrapped within the same call.
    final Response response;

    HeldResponse(Response response) {
      super("held " + response.code() + " answer");
      this.response = response;
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
      return this; // A carrier, never reported: no stack to capture.
    }
  }
}
