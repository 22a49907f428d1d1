package com.sfcompute.nodes.internal.http;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/**
 * The SDK's application interceptor, innermost of the caller's: inside one attempt, it
 *
 * <ul>
 *   <li>starts the attempt's bound ({@link InFlight}) when the call starts to run: for an
 *       asynchronous call, after any wait in the dispatcher's queue, as OkHttp's call timeout does;
 *   <li>unwraps the answers {@link ExchangeFacts} held away from OkHttp's follow-up logic;
 *   <li>turns a runtime failure below it (OkHttp refusing a malformed answer, such as a negative
 *       {@code Content-Length}) into an I/O failure of the call, so that it reaches the caller as
 *       the SDK's exception rather than escaping on one of OkHttp's threads.
 * </ul>
 *
 * <p>It repeats nothing: redirects, like every other resend, are {@link SendAgain}'s (OkHttp's own
 * following is off: it turns a POST into a GET on 301-303, resends bodies on 307/308, and sends the
 * token to whichever origin a redirect names).
 */
final class CallGuard implements Interceptor {
  private final InFlight inFlight;

  CallGuard(InFlight inFlight) {
    this.inFlight = inFlight;
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    Attempt attempt = inFlight.of(chain.call());
    if (attempt != null && attempt.settings.attemptTimeoutNanos > 0) {
      if (!attempt.bounded) { // Bounded from here, where the call starts to run (not queued).
        inFlight.bound(attempt, attempt.settings.attemptTimeoutNanos);
      }
      // The attempt's deadline bounds connecting, writing and reading: no per-operation timeouts
      // (each would wake Okio's watchdog thread). Only a caller's OkHttpClient has any to drop;
      // each with...() copies the chain, so only if needed.
      if (chain.connectTimeoutMillis() != 0
          || chain.readTimeoutMillis() != 0
          || chain.writeTimeoutMillis() != 0) {
        chain =
            chain
                .withConnectTimeout(0, TimeUnit.MILLISECONDS)
                .withReadTimeout(0, TimeUnit.MILLISECONDS)
                .withWriteTimeout(0, TimeUnit.MILLISECONDS);
      }
    }
    return proceed(chain, request);
  }

  private static Response proceed(Chain chain, Request request) throws IOException {
    try {
      return chain.proceed(request);
    } catch (ExchangeFacts.HeldResponse held) {
      return held.response;
    } catch (RuntimeException e) {
      throw new MalformedAnswerException(e);
    }
  }

  /** OkHttp refused the answer itself (its status line or headers): nothing usable came back. */
  static final class MalformedAnswerException extends IOException {
    private static final long serialVersionUID = 1L;

    MalformedAnswerException(RuntimeException cause) {
      super("malformed answer: " + cause.getClass().getSimpleName(), cause);
    }

    MalformedAnswerException(String what) {
      super("malformed answer: " + what);
    }
  }
}
