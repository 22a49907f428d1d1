package com.sfcompute.nodes.internal.http;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.SocketAddress;
import okhttp3.Authenticator;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.Route;
import org.jspecify.annotations.Nullable;

/**
 * The proxy authenticator of the SDK's OkHttpClient: the caller's own first (a caller's
 * OkHttpClient may carry the proxy's credentials), and when it has nothing (more) to offer, the
 * proxy's {@code 407} ends the call as a {@link Refused} failure that {@link ErrorTranslation}
 * reports as the proxy's answer. Without it OkHttp fails a {@code CONNECT} answered 407 with a bare
 * I/O error ("Failed to authenticate with proxy"), which reads like a network fault and was
 * retried.
 */
final class ProxyAuthentication implements Authenticator {
  /** The challenge of the 407 OkHttp makes up to ask for credentials before a CONNECT. */
  private static final String PREEMPTIVE = "OkHttp-Preemptive";

  private final Authenticator caller;

  ProxyAuthentication(Authenticator caller) {
    this.caller = caller;
  }

  @Override
  public @Nullable Request authenticate(@Nullable Route route, Response response)
      throws IOException {
    Request next = caller.authenticate(route, response);
    if (next != null || PREEMPTIVE.equals(response.header("Proxy-Authenticate"))) {
      return next; // OkHttp asks before every CONNECT, with a made-up 407: not the proxy's answer.
    }
    throw new Refused(response, route == null ? null : route.proxy());
  }

  /** A proxy answered 407 and no credentials are left to try. */
  static final class Refused extends IOException {
    private static final long serialVersionUID = 1L;

    @SuppressWarnings("serial") // Never serialized: reported within the same call.
    final Response response;

    /** The proxy's host and port as configured (no credentials live there). */
    final String proxy;

    Refused(Response response, @Nullable Proxy proxy) {
      super("proxy " + describe(proxy) + " answered " + response.code());
      this.response = response;
      this.proxy = describe(proxy);
    }

    private static String describe(@Nullable Proxy proxy) {
      SocketAddress address = proxy == null ? null : proxy.address();
      if (address instanceof InetSocketAddress) {
        InetSocketAddress inet = (InetSocketAddress) address;
        return inet.getHostString() + ":" + inet.getPort();
      }
      return "(unknown address)";
    }
  }
}
