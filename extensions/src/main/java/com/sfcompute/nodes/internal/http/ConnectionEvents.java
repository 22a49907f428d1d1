package com.sfcompute.nodes.internal.http;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.util.List;
import okhttp3.Call;
import okhttp3.Connection;
import okhttp3.EventListener;
import okhttp3.Handshake;
import okhttp3.HttpUrl;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.Response;
import org.jspecify.annotations.Nullable;

/**
 * The SDK's event listener: tells an attempt, per call, that its call started to open a connection
 * ({@code connectStart}), so that {@link ExchangeFacts} knows whether the connection the request
 * was written on came from the pool: acquired without a {@code connectStart} in the same call.
 * Nothing is kept beyond the call, and clients that share one OkHttpClient judge alike. Every event
 * is passed on to the caller's own listener, if any.
 */
final class ConnectionEvents extends EventListener {
  private final InFlight inFlight;
  private final EventListener caller;

  private ConnectionEvents(InFlight inFlight, EventListener caller) {
    this.inFlight = inFlight;
    this.caller = caller;
  }

  /**
   * The listener factory of the SDK's OkHttpClient over {@code callers} (a caller's OkHttpClient's
   * own): without one, one listener serves every call, since it keeps no state of its own.
   */
  static EventListener.Factory factory(InFlight inFlight, EventListener.@Nullable Factory callers) {
    if (callers == null) {
      ConnectionEvents shared = new ConnectionEvents(inFlight, EventListener.NONE);
      return call -> shared;
    }
    return call -> new ConnectionEvents(inFlight, callers.create(call));
  }

  private void opened(Call call) {
    Attempt attempt = inFlight.of(call);
    if (attempt != null) {
      attempt.openedConnection = true;
    }
  }

  @Override
  public void callStart(Call call) {
    caller.callStart(call);
  }

  @Override
  public void proxySelectStart(Call call, HttpUrl url) {
    caller.proxySelectStart(call, url);
  }

  @Override
  public void proxySelectEnd(Call call, HttpUrl url, List<Proxy> proxies) {
    caller.proxySelectEnd(call, url, proxies);
  }

  @Override
  public void dnsStart(Call call, String domainName) {
    caller.dnsStart(call, domainName);
  }

  @Override
  public void dnsEnd(Call call, String domainName, List<InetAddress> addresses) {
    caller.dnsEnd(call, domainName, addresses);
  }

  @Override
  public void connectStart(Call call, InetSocketAddress address, Proxy proxy) {
    opened(call);
    caller.connectStart(call, address, proxy);
  }

  @Override
  public void secureConnectStart(Call call) {
    caller.secureConnectStart(call);
  }

  @Override
  public void secureConnectEnd(Call call, @Nullable Handshake handshake) {
    caller.secureConnectEnd(call, handshake);
  }

  @Override
  public void connectEnd(
      Call call, InetSocketAddress address, Proxy proxy, @Nullable Protocol protocol) {
    caller.connectEnd(call, address, proxy, protocol);
  }

  @Override
  public void connectFailed(
      Call call,
      InetSocketAddress address,
      Proxy proxy,
      @Nullable Protocol protocol,
      IOException ioe) {
    caller.connectFailed(call, address, proxy, protocol, ioe);
  }

  @Override
  public void connectionAcquired(Call call, Connection connection) {
    caller.connectionAcquired(call, connection);
  }

  @Override
  public void connectionReleased(Call call, Connection connection) {
    caller.connectionReleased(call, connection);
  }

  @Override
  public void requestHeadersStart(Call call) {
    caller.requestHeadersStart(call);
  }

  @Override
  public void requestHeadersEnd(Call call, Request request) {
    caller.requestHeadersEnd(call, request);
  }

  @Override
  public void requestBodyStart(Call call) {
    caller.requestBodyStart(call);
  }

  @Override
  public void requestBodyEnd(Call call, long byteCount) {
    caller.requestBodyEnd(call, byteCount);
  }

  @Override
  public void requestFailed(Call call, IOException ioe) {
    caller.requestFailed(call, ioe);
  }

  @Override
  public void responseHeadersStart(Call call) {
    caller.responseHeadersStart(call);
  }

  @Override
  public void responseHeadersEnd(Call call, Response response) {
    caller.responseHeadersEnd(call, response);
  }

  @Override
  public void responseBodyStart(Call call) {
    caller.responseBodyStart(call);
  }

  @Override
  public void responseBodyEnd(Call call, long byteCount) {
    caller.responseBodyEnd(call, byteCount);
  }

  @Override
  public void responseFailed(Call call, IOException ioe) {
    caller.responseFailed(call, ioe);
  }

  @Override
  public void callEnd(Call call) {
    caller.callEnd(call);
  }

  @Override
  public void callFailed(Call call, IOException ioe) {
    caller.callFailed(call, ioe);
  }

  @Override
  public void canceled(Call call) {
    caller.canceled(call);
  }

  @Override
  public void satisfactionFailure(Call call, Response response) {
    caller.satisfactionFailure(call, response);
  }

  @Override
  public void cacheHit(Call call, Response response) {
    caller.cacheHit(call, response);
  }

  @Override
  public void cacheMiss(Call call) {
    caller.cacheMiss(call);
  }

  @Override
  public void cacheConditionalHit(Call call, Response cachedResponse) {
    caller.cacheConditionalHit(call, cachedResponse);
  }
}
