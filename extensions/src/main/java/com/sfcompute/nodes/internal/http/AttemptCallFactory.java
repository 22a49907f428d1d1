package com.sfcompute.nodes.internal.http;

import java.util.concurrent.TimeUnit;
import okhttp3.Call;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import org.jspecify.annotations.Nullable;

/**
 * Turns each request Retrofit builds into one attempt on the network: adds the client's headers in
 * one step, tags the request with its {@link Attempt}, bounds the whole attempt with OkHttp's call
 * timeout, and encodes the query as the official SDKs do.
 *
 * <p>Retrofit creates the OkHttp call inside {@code execute()} and {@code enqueue()}, on the
 * calling thread; {@link Transport} hands the attempt over through {@link #CURRENT} around those
 * two calls, since Retrofit offers no other way to pass per-call state to its call factory.
 */
final class AttemptCallFactory implements Call.Factory {
  static final ThreadLocal<@Nullable Attempt> CURRENT = new ThreadLocal<>();

  private final OkHttpClient client;
  private final CallSettings defaults;

  AttemptCallFactory(OkHttpClient client, CallSettings defaults) {
    this.client = client;
    this.defaults = defaults;
  }

  @Override
  public Call newCall(Request request) {
    Attempt attempt = CURRENT.get();
    if (attempt == null) { // Not started by Transport: still send what every request carries.
      attempt = new Attempt(defaults);
    }
    CallSettings settings = attempt.settings;
    Request.Builder builder = request.newBuilder().tag(Attempt.class, attempt);
    Headers own = request.headers();
    if (own.size() == 0) {
      builder.headers(settings.headers);
    } else { // The call's own headers (Idempotency-Key) stay; the client's join them.
      Headers.Builder merged = settings.headers.newBuilder();
      for (int i = 0; i < own.size(); i++) {
        merged.set(own.name(i), own.value(i));
      }
      builder.headers(merged.build());
    }
    HttpUrl reencoded = rfc3986Query(request.url());
    if (reencoded != null) {
      builder.url(reencoded);
    }
    Request sent = builder.build();
    attempt.request = sent;
    Call call = client.newCall(sent);
    if (settings.attemptTimeoutNanos > 0) {
      call.timeout().timeout(settings.attemptTimeoutNanos, TimeUnit.NANOSECONDS);
    }
    return call;
  }

  /**
   * The query as RFC 3986 and the official SDKs encode it: {@code ~} literal and {@code *} as
   * {@code %2A}. OkHttp does the opposite for these two characters, and only these two: every other
   * printable ASCII character already matches.
   */
  static HttpUrl rfc3986Query(HttpUrl url) {
    String query = url.encodedQuery();
    if (query == null || (query.indexOf('*') < 0 && !query.contains("%7E"))) {
      return url;
    }
    return url.newBuilder().encodedQuery(query.replace("*", "%2A").replace("%7E", "~")).build();
  }
}
