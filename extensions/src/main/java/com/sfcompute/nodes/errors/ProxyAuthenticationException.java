package com.sfcompute.nodes.errors;

/**
 * 407 Proxy Authentication Required: a forward proxy between the client and the API refused the
 * request (on its {@code CONNECT} for HTTPS, or on the request itself for plain HTTP), so the API
 * never saw it. The message names the proxy by host and port, never its credentials. Not retried:
 * the proxy settings of the client's {@code OkHttpClient} (its {@code proxyAuthenticator}) need
 * fixing, which no repeat does.
 */
public final class ProxyAuthenticationException extends SfcNodesServiceException {
  private static final long serialVersionUID = 1L;

  ProxyAuthenticationException(Data data) {
    super(data);
  }
}
