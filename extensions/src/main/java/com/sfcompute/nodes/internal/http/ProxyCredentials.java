package com.sfcompute.nodes.internal.http;

import java.nio.charset.StandardCharsets;
import okhttp3.Authenticator;
import okhttp3.Credentials;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.Route;
import org.jspecify.annotations.Nullable;

/**
 * Answers a proxy's {@code 407} with Basic credentials, once: a proxy that refuses them again ends
 * the call with its {@code 407}, never a loop. A 407 means the proxy forwarded nothing, so sending
 * the request again with credentials repeats nothing the API saw. Holds a password: never logged,
 * and not in {@link #toString()} ({@link TransportBuilder} redacts {@code Proxy-Authorization} in
 * logs).
 */
final class ProxyCredentials implements Authenticator {
  private final String user;
  private final String credential;

  ProxyCredentials(String user, String password) {
    this.user = user;
    this.credential = Credentials.basic(user, password, StandardCharsets.UTF_8);
  }

  @Override
  public @Nullable Request authenticate(@Nullable Route route, Response response) {
    if (response.request().header("Proxy-Authorization") != null) {
      return null; // Already refused once with these credentials.
    }
    return response.request().newBuilder().header("Proxy-Authorization", credential).build();
  }

  @Override
  public String toString() {
    return "ProxyCredentials{user=" + user + ", password=<redacted>}";
  }
}
