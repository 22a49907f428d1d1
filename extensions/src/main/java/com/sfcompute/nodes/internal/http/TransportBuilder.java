package com.sfcompute.nodes.internal.http;

import com.sfcompute.nodes.Sleeper;
import com.sfcompute.nodes.internal.events.Listeners;
import java.net.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.DoubleSupplier;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.X509TrustManager;
import okhttp3.Authenticator;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.logging.HttpLoggingInterceptor;
import org.jspecify.annotations.Nullable;

/**
 * Assembles a client's HTTP stack: the OkHttpClient (the caller's, or one of its own), with every
 * repeat of OkHttp's own turned off but the two it cannot be told to skip (see CONTRIBUTING.md,
 * "One call's path"), the SDK's interceptors and event listener, the pool, the dispatcher and
 * logging. Every setting is checked by the public builder that fills this; the defaults are {@link
 * ClientDefaults}'s. Internal: not part of the public API.
 */
public final class TransportBuilder {
  private @Nullable String token;
  private @Nullable HttpUrl baseUrl;
  private String userAgent = "sfc-nodes-java";
  private Map<String, String> headers = Collections.emptyMap();
  private Duration timeout = ClientDefaults.TIMEOUT;
  private boolean timeoutSet;
  private int maxRetries = ClientDefaults.MAX_RETRIES;
  private boolean strictDecoding;
  private @Nullable OkHttpClient httpClient;
  private int maxConcurrentRequests = ClientDefaults.MAX_CONCURRENT_REQUESTS;
  private boolean maxConcurrentRequestsSet;
  private @Nullable Proxy proxy;
  private @Nullable Authenticator proxyAuthenticator;
  private @Nullable SSLSocketFactory sslSocketFactory;
  private @Nullable X509TrustManager trustManager;
  private int maxIdleConnections = ClientDefaults.MAX_CONCURRENT_REQUESTS;
  private Duration keepAlive = ClientDefaults.KEEP_ALIVE;
  private HttpLoggingInterceptor.Level logLevel = HttpLoggingInterceptor.Level.NONE;
  private Consumer<String> logSink = line -> {};
  private Clock clock = Clock.systemUTC();
  private Sleeper sleeper = Sleeper.SYSTEM;
  private @Nullable Scheduler scheduler;
  private DoubleSupplier jitter = ClientDefaults.JITTER;
  private boolean adaptiveRateLimit = true;
  private Listeners listeners = Listeners.NONE;

  TransportBuilder() {}

  public TransportBuilder token(String token) {
    this.token = token;
    return this;
  }

  public TransportBuilder baseUrl(HttpUrl baseUrl) {
    this.baseUrl = baseUrl;
    return this;
  }

  public TransportBuilder userAgent(String userAgent) {
    this.userAgent = userAgent;
    return this;
  }

  public TransportBuilder headers(Map<String, String> headers) {
    this.headers = headers;
    return this;
  }

  /** The bound of each attempt; {@code set} false keeps a caller's OkHttpClient's timeouts. */
  public TransportBuilder timeout(Duration timeout, boolean set) {
    this.timeout = timeout;
    this.timeoutSet = set;
    return this;
  }

  public TransportBuilder maxRetries(int maxRetries) {
    this.maxRetries = maxRetries;
    return this;
  }

  /** Whether an answer without a required field is refused whole, rather than marked. */
  public TransportBuilder strictDecoding(boolean strictDecoding) {
    this.strictDecoding = strictDecoding;
    return this;
  }

  public TransportBuilder httpClient(@Nullable OkHttpClient httpClient) {
    this.httpClient = httpClient;
    return this;
  }

  /** {@code set} false leaves a caller's OkHttpClient's dispatcher as it is. */
  public TransportBuilder maxConcurrentRequests(int max, boolean set) {
    this.maxConcurrentRequests = max;
    this.maxConcurrentRequestsSet = set;
    return this;
  }

  /** The proxy every connection goes through; null keeps the default (or the caller's). */
  public TransportBuilder proxy(@Nullable Proxy proxy) {
    this.proxy = proxy;
    return this;
  }

  /** Basic credentials for the proxy, sent once on its {@code 407}; nulls for none. */
  public TransportBuilder proxyCredentials(@Nullable String user, @Nullable String password) {
    this.proxyAuthenticator =
        user == null || password == null ? null : new ProxyCredentials(user, password);
    return this;
  }

  /** The TLS trust of the connections; nulls keep the default (or the caller's). */
  public TransportBuilder tls(
      @Nullable SSLSocketFactory socketFactory, @Nullable X509TrustManager trustManager) {
    this.sslSocketFactory = socketFactory;
    this.trustManager = trustManager;
    return this;
  }

  public TransportBuilder connectionPool(int maxIdleConnections, Duration keepAlive) {
    this.maxIdleConnections = maxIdleConnections;
    this.keepAlive = keepAlive;
    return this;
  }

  public TransportBuilder log(HttpLoggingInterceptor.Level level, Consumer<String> sink) {
    this.logLevel = level;
    this.logSink = sink;
    return this;
  }

  public TransportBuilder time(Clock clock, Sleeper sleeper, Scheduler scheduler) {
    this.clock = clock;
    this.sleeper = sleeper;
    this.scheduler = scheduler;
    return this;
  }

  public TransportBuilder jitter(DoubleSupplier jitter) {
    this.jitter = jitter;
    return this;
  }

  /** Whether every call slows down together after a 429 (see {@link RateLimiter}). */
  public TransportBuilder listeners(Listeners listeners) {
    this.listeners = listeners;
    return this;
  }

  public TransportBuilder adaptiveRateLimit(boolean on) {
    this.adaptiveRateLimit = on;
    return this;
  }

  public Transport build() {
    String bearer = Objects.requireNonNull(token, "token == null");
    HttpUrl url = Objects.requireNonNull(baseUrl, "baseUrl == null");
    Scheduler delay = Objects.requireNonNull(scheduler, "scheduler == null");
    Redactor redactor = new Redactor(bearer);
    boolean owns = httpClient == null;
    InFlight inFlight = new InFlight();
    OkHttpClient.Builder http =
        (owns ? new OkHttpClient.Builder() : httpClient.newBuilder())
            // Every repetition is the SDK's decision (SendAgain), but the two OkHttp makes below
            // every
            // setting (see CONTRIBUTING.md): on a 421 over a coalesced HTTP/2 connection, and on a
            // 407 that a proxy authenticator answers.
            .retryOnConnectionFailure(false)
            .followRedirects(false)
            .followSslRedirects(false)
            .authenticator(Authenticator.NONE)
            .proxyAuthenticator(
                new ProxyAuthentication(
                    owns ? Authenticator.NONE : httpClient.proxyAuthenticator()))
            .addInterceptor(new CallGuard(inFlight))
            .addNetworkInterceptor(new ExchangeFacts(inFlight))
            .eventListenerFactory(
                ConnectionEvents.factory(
                    inFlight, owns ? null : httpClient.eventListenerFactory()));
    if (owns || timeoutSet) {
      // The attempt's deadline bounds everything (see InFlight): no per-operation timeouts.
      http.connectTimeout(Duration.ZERO)
          .readTimeout(Duration.ZERO)
          .writeTimeout(Duration.ZERO)
          .callTimeout(Duration.ZERO);
    }
    // Settings given to the SDK win over a caller's OkHttpClient's; the rest stay its own.
    if (proxy != null) {
      http.proxy(proxy);
    }
    if (proxyAuthenticator != null) {
      http.proxyAuthenticator(proxyAuthenticator);
    }
    if (sslSocketFactory != null && trustManager != null) {
      http.sslSocketFactory(sslSocketFactory, trustManager);
    }
    if (!owns && maxConcurrentRequestsSet) {
      // The caller's threads, the SDK's limits: its own dispatcher would hold them to its own
      // (OkHttp's default is 5 per host).
      Dispatcher dispatcher = new Dispatcher(httpClient.dispatcher().executorService());
      dispatcher.setMaxRequests(maxConcurrentRequests);
      dispatcher.setMaxRequestsPerHost(maxConcurrentRequests);
      http.dispatcher(dispatcher);
    }
    if (owns) {
      Dispatcher dispatcher = new Dispatcher();
      dispatcher.setMaxRequests(maxConcurrentRequests);
      dispatcher.setMaxRequestsPerHost(maxConcurrentRequests);
      http.dispatcher(dispatcher);
      // As many idle connections as requests may run at once, so steady load reuses them.
      http.connectionPool(
          new ConnectionPool(maxIdleConnections, keepAlive.toNanos(), TimeUnit.NANOSECONDS));
    }
    if (logLevel != HttpLoggingInterceptor.Level.NONE) {
      Consumer<String> sink = logSink;
      HttpLoggingInterceptor logging =
          new HttpLoggingInterceptor(line -> sink.accept(redactor.clean(line)));
      logging.redactHeader("Authorization");
      logging.redactHeader("Proxy-Authorization");
      logging.redactHeader("Cookie");
      logging.redactHeader("Set-Cookie");
      logging.setLevel(logLevel);
      http.addNetworkInterceptor(logging);
    }
    OkHttpClient client = http.build();
    Headers.Builder prepared = new Headers.Builder();
    for (Map.Entry<String, String> header : headers.entrySet()) {
      prepared.set(header.getKey(), header.getValue());
    }
    if (prepared.get("Accept") == null) {
      prepared.set("Accept", "application/json");
    }
    prepared.set("User-Agent", userAgent).set("Authorization", "Bearer " + bearer);
    CallSettings settings =
        new CallSettings(
            prepared.build(),
            owns || timeoutSet ? timeout.toNanos() : 0L,
            maxRetries,
            strictDecoding);
    Stack stack =
        new Stack(
            client,
            owns,
            withTrailingSlash(url),
            SfcJson.gson(),
            new RetryPolicy(clock, jitter),
            sleeper,
            delay,
            redactor,
            inFlight,
            adaptiveRateLimit ? new RateLimiter(clock, delay, logSink) : null,
            listeners);
    return new Transport(stack, settings);
  }

  @Override
  public String toString() {
    return "TransportBuilder{token=<redacted>}";
  }

  /**
   * The base URL the generated paths are relative to: one with a path keeps it ({@code
   * https://proxy.example/sfc} + {@code v1/nodes}).
   */
  static HttpUrl withTrailingSlash(HttpUrl url) {
    String path = url.encodedPath();
    return path.endsWith("/") ? url : url.newBuilder().encodedPath(path + "/").build();
  }
}
