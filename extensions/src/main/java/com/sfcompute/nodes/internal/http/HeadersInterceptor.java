package com.sfcompute.nodes.internal.http;

import java.io.IOException;
import java.util.Map;
import okhttp3.Headers;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Adds the headers every request carries: the bearer token, the User-Agent, {@code Accept} and the
 * caller's extra headers. Headers a request already has win over the extra ones.
 *
 * <p>Internal: not part of the public API. Holds the token: never log or print it.
 */
public final class HeadersInterceptor implements Interceptor {
  private final String authorization;
  private final String userAgent;
  private final Headers extra;

  public HeadersInterceptor(String bearerToken, String userAgent, Map<String, String> extra) {
    this.authorization = "Bearer " + bearerToken;
    this.userAgent = userAgent;
    this.extra = Headers.of(extra);
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    Request.Builder builder = request.newBuilder();
    for (String name : extra.names()) {
      if (request.header(name) == null) {
        builder.header(name, extra.get(name));
      }
    }
    builder.header("Authorization", authorization).header("User-Agent", userAgent);
    if (request.header("Accept") == null && extra.get("Accept") == null) {
      builder.header("Accept", "application/json");
    }
    return chain.proceed(builder.build());
  }

  @Override
  public String toString() {
    return "HeadersInterceptor{authorization=<redacted>, userAgent=" + userAgent + "}";
  }
}
