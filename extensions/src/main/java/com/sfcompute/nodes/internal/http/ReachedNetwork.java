package com.sfcompute.nodes.internal.http;

import java.io.IOException;
import okhttp3.Interceptor;
import okhttp3.Response;

/**
 * A network interceptor that marks each attempt once it has a connection to write the request on.
 * An attempt that failed before this point provably never reached the server, so even a call with
 * side effects may be retried.
 *
 * <p>Internal: not part of the public API.
 */
public final class ReachedNetwork implements Interceptor {
  @Override
  public Response intercept(Chain chain) throws IOException {
    Marker marker = chain.request().tag(Marker.class);
    if (marker != null) {
      marker.reached = true;
    }
    return chain.proceed(chain.request());
  }

  /** Per attempt: whether the request got as far as a connection. */
  static final class Marker {
    private volatile boolean reached;

    boolean reached() {
      return reached;
    }
  }
}
