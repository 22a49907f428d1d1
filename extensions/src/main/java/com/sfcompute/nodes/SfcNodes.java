package com.sfcompute.nodes;

import com.sfcompute.nodes.events.SfcNodesListener;
import com.sfcompute.nodes.internal.api.NodesApi;
import com.sfcompute.nodes.internal.api.VmsApi;
import com.sfcompute.nodes.internal.api.ZonesApi;
import com.sfcompute.nodes.internal.events.Listeners;
import com.sfcompute.nodes.internal.http.ClientDefaults;
import com.sfcompute.nodes.internal.http.Scheduler;
import com.sfcompute.nodes.internal.http.Transport;
import java.net.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.DoubleSupplier;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.X509TrustManager;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.logging.HttpLoggingInterceptor;
import org.jspecify.annotations.Nullable;

/**
 * The SF Compute nodes API client: the one entry point of this SDK.
 *
 * <pre>{@code
 * try (SfcNodes client = SfcNodes.fromEnv()) {         // SFC_NODES_BEARER_TOKEN, SFC_NODES_BASE_URL
 *   for (Node node : client.nodes().list().getData()) {
 *     System.out.println(node.getName() + " " + node.getStatus());
 *   }
 *   Node node = client.nodes().redeploy("cuda-crunch",
 *       RedeployParams.builder().userData(UserData.ofText("#cloud-config\n...")).build());
 * }
 * }</pre>
 *
 * <p>Resources mirror the official SDKs: {@link #nodes()}, {@link #vms()} (with {@code script()}
 * and {@code images()}), {@link #zones()}.
 *
 * <p><b>Thread safety:</b> a client is immutable and thread-safe. Create one, share it, and close
 * it when the application stops: each client owns an HTTP connection pool and threads (unless you
 * gave it your own {@link OkHttpClient}, which it then never closes).
 */
public final class SfcNodes implements AutoCloseable {
  /** The environment variable holding the bearer token (as the official SDKs). */
  public static final String TOKEN_ENV = "SFC_NODES_BEARER_TOKEN";

  /** The environment variable overriding the base URL (as the official SDKs). */
  public static final String BASE_URL_ENV = "SFC_NODES_BASE_URL";

  /** The production API. */
  public static final String DEFAULT_BASE_URL = "https://api.sfcompute.com";

  /** The SDK's version, as built. */
  public static final String VERSION = UserAgent.readVersion();

  private final HttpUrl baseUrl;
  private final Transport transport;
  private final Apis apis;
  private final boolean view;
  private final NodesService nodes;
  private final VmsService vms;
  private final ZonesService zones;
  private final Clock clock;
  private final Sleeper sleeper;
  private final Scheduler scheduler;
  private final Waiters waiters;
  private final Fleet fleet;
  private final Listeners listeners;

  private SfcNodes(Builder b, String token, HttpUrl baseUrl) {
    this.clock = b.clock;
    this.sleeper = b.sleeper;
    this.scheduler = new SharedScheduler(sleeper, clock);
    this.baseUrl = baseUrl;
    this.view = false;
    this.listeners = Listeners.of(b.listeners, b.logSink);
    this.transport =
        Transport.builder()
            .token(token)
            // OkHttp never sends a URL's user info; leaving it out keeps a password out of logs.
            .baseUrl(baseUrl.newBuilder().username("").password("").build())
            .userAgent(UserAgent.of(b.userAgentSuffix))
            .headers(b.headers)
            .timeout(b.timeout, b.timeoutSet)
            .maxRetries(b.maxRetries)
            .strictDecoding(b.strictDecoding)
            .httpClient(b.httpClient)
            .maxConcurrentRequests(b.maxConcurrentRequests, b.maxConcurrentRequestsSet)
            .proxy(b.proxy)
            .proxyCredentials(b.proxyUser, b.proxyPassword)
            .tls(b.sslSocketFactory, b.trustManager)
            .connectionPool(
                b.maxIdleConnections != null ? b.maxIdleConnections : b.maxConcurrentRequests,
                ClientDefaults.KEEP_ALIVE)
            .log(okHttpLevel(b.logLevel), b.logSink)
            .time(b.clock, b.sleeper, scheduler)
            .jitter(b.jitter)
            .adaptiveRateLimit(b.adaptiveRateLimit)
            .listeners(listeners)
            .build();
    // One object implements the three generated interfaces: one proxy class to define, not three.
    Object generated = transport.apis(NodesApi.class, VmsApi.class, ZonesApi.class);
    this.apis = new Apis((NodesApi) generated, (VmsApi) generated, (ZonesApi) generated);
    NodesServiceImpl nodes = new NodesServiceImpl(apis.nodes, transport);
    this.nodes = nodes;
    this.vms = new VmsServiceImpl(apis.vms, transport, scheduler);
    this.zones = new ZonesServiceImpl(apis.zones, transport);
    this.waiters = new Waiters(nodes, clock, sleeper, scheduler, listeners);
    this.fleet = new Fleet(nodes, waiters, listeners);
  }

  /** A view of {@code parent} whose calls run with {@code options}. */
  private SfcNodes(SfcNodes parent, RequestOptions options) {
    this.clock = parent.clock;
    this.sleeper = parent.sleeper;
    this.scheduler = parent.scheduler;
    this.baseUrl = parent.baseUrl;
    this.view = true;
    this.listeners = parent.listeners;
    this.transport = parent.transport.withOptions(options);
    this.apis = parent.apis;
    NodesServiceImpl nodes = new NodesServiceImpl(apis.nodes, transport);
    this.nodes = nodes;
    this.vms = new VmsServiceImpl(apis.vms, transport, scheduler);
    this.zones = new ZonesServiceImpl(apis.zones, transport);
    this.waiters = new Waiters(nodes, clock, sleeper, scheduler, listeners);
    this.fleet = new Fleet(nodes, waiters, listeners);
  }

  /** The generated interfaces, shared by a client and its views. */
  private static final class Apis {
    final NodesApi nodes;
    final VmsApi vms;
    final ZonesApi zones;

    Apis(NodesApi nodes, VmsApi vms, ZonesApi zones) {
      this.nodes = nodes;
      this.vms = vms;
      this.zones = zones;
    }
  }

  /**
   * A client configured from the environment: {@code SFC_NODES_BEARER_TOKEN} (required) and {@code
   * SFC_NODES_BASE_URL} (optional).
   *
   * @throws IllegalStateException when the token is not set
   */
  public static SfcNodes fromEnv() {
    return builder().fromEnv().build();
  }

  /** A builder, for every setting. */
  public static Builder builder() {
    return new Builder();
  }

  /** Nodes: create, list, get, extend, release, redeploy, delete. */
  public NodesService nodes() {
    return nodes;
  }

  /** VMs: logs, SSH details, the start-up script and images. */
  public VmsService vms() {
    return vms;
  }

  /** Zones and their capacity. */
  public ZonesService zones() {
    return zones;
  }

  /** Waiters: until a node runs, until a redeploy has a running VM. */
  public Waiters waiters() {
    return waiters;
  }

  /** Fleets: redeploy, release or extend many nodes at once, one result per node. */
  public Fleet fleet() {
    return fleet;
  }

  /**
   * This client with some settings changed for the calls made through the result: a timeout, a
   * retry budget, extra headers, an idempotency key. The view shares this client's connection pool,
   * threads, waiters' time source and lifetime: closing this client closes it; its own {@link
   * #close()} does nothing. Cheap enough to make per call.
   *
   * <pre>{@code
   * client.withOptions(RequestOptions.builder().timeout(Duration.ofSeconds(5)).build())
   *     .nodes().get("cuda-crunch");
   * }</pre>
   */
  public SfcNodes withOptions(RequestOptions options) {
    return new SfcNodes(this, Checks.notNull(options, "options"));
  }

  /** The API this client talks to (a password in the URL shows as {@code redacted}). */
  public String baseUrl() {
    return shown(baseUrl);
  }

  /** How often a call may be retried. */
  public int maxRetries() {
    return transport.maxRetries();
  }

  /**
   * Whether this client is slowing its calls down after the server answered {@code 429}, and to
   * what rate: see {@link Builder#adaptiveRateLimit(boolean)}. A view from {@link #withOptions}
   * shares its client's.
   */
  public RateLimit rateLimit() {
    return RateLimit.of(transport.rateLimit());
  }

  /** The clock the client's retries and waiters read. */
  public Clock clock() {
    return clock;
  }

  /** How the client's retries and waiters wait. */
  public Sleeper sleeper() {
    return sleeper;
  }

  /**
   * Releases the connection pool and threads, unless the caller supplied the {@link OkHttpClient}
   * (then its owner closes it). Calls in flight may fail; new calls throw IllegalStateException.
   */
  @Override
  public void close() {
    if (view) {
      return; // The client it is a view of owns the pool and threads.
    }
    transport.close();
    if (scheduler instanceof SharedScheduler) {
      ((SharedScheduler) scheduler).shutdown();
    }
  }

  /** Never shows the token, nor a password in the base URL. */
  @Override
  public String toString() {
    return "SfcNodes{baseUrl=" + shown(baseUrl) + ", maxRetries=" + maxRetries() + "}";
  }

  /** A URL as it may be shown: a password in it replaced. */
  private static String shown(HttpUrl url) {
    return url.encodedPassword().isEmpty()
        ? url.toString()
        : url.newBuilder().password("redacted").toString();
  }

  /**
   * OkHttp's level for ours, spelled out: looking it up by name ({@code Level.valueOf}) goes
   * through reflection on OkHttp's enum, which a shrunk app may have renamed.
   */
  private static HttpLoggingInterceptor.Level okHttpLevel(LogLevel level) {
    switch (level) {
      case BASIC:
        return HttpLoggingInterceptor.Level.BASIC;
      case HEADERS:
        return HttpLoggingInterceptor.Level.HEADERS;
      case BODY:
        return HttpLoggingInterceptor.Level.BODY;
      case NONE:
        return HttpLoggingInterceptor.Level.NONE;
    }
    throw new AssertionError(level);
  }

  /** How much of each HTTP exchange the client logs. Authorization and cookies are redacted. */
  public enum LogLevel {
    /** Nothing (the default). */
    NONE,
    /** Request and response lines. */
    BASIC,
    /** Lines and headers. */
    HEADERS,
    /** Lines, headers and bodies. Bodies may hold user data: mind where logs go. */
    BODY
  }

  /** Builds {@link SfcNodes}. Only the bearer token is required. */
  public static final class Builder {
    private @Nullable String bearerToken;
    private String baseUrl = DEFAULT_BASE_URL;
    private int maxRetries = ClientDefaults.MAX_RETRIES;
    private boolean strictDecoding;
    private Duration timeout = ClientDefaults.TIMEOUT;
    private boolean timeoutSet;
    private @Nullable OkHttpClient httpClient;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private @Nullable String userAgentSuffix;
    private LogLevel logLevel = LogLevel.NONE;
    private Consumer<String> logSink = Builder::logToJul;
    private Clock clock = Clock.systemUTC();
    private Sleeper sleeper = Sleeper.SYSTEM;
    private DoubleSupplier jitter = ClientDefaults.JITTER;
    private int maxConcurrentRequests = ClientDefaults.MAX_CONCURRENT_REQUESTS;
    private boolean maxConcurrentRequestsSet;
    private @Nullable Proxy proxy;
    private @Nullable String proxyUser;
    private @Nullable String proxyPassword;
    private @Nullable SSLSocketFactory sslSocketFactory;
    private @Nullable X509TrustManager trustManager;
    private @Nullable Integer maxIdleConnections;
    private boolean adaptiveRateLimit = true;
    private final List<SfcNodesListener> listeners = new ArrayList<>();

    private Builder() {}

    /** Reads {@code SFC_NODES_BEARER_TOKEN} and {@code SFC_NODES_BASE_URL}, where set. */
    public Builder fromEnv() {
      return fromEnv(System::getenv);
    }

    Builder fromEnv(Function<String, @Nullable String> env) {
      String token = env.apply(TOKEN_ENV);
      if (token != null && !token.trim().isEmpty()) {
        bearerToken = token.trim();
      }
      String url = env.apply(BASE_URL_ENV);
      if (url != null && !url.trim().isEmpty()) {
        baseUrl = url.trim();
      }
      return this;
    }

    /** The API token, sent as {@code Authorization: Bearer <token>}. Required. */
    public Builder bearerToken(String token) {
      this.bearerToken = Checks.token(token, "bearerToken");
      return this;
    }

    /** The API's base URL; default {@value SfcNodes#DEFAULT_BASE_URL}. A path is kept. */
    public Builder baseUrl(String baseUrl) {
      this.baseUrl = Checks.notBlank(baseUrl, "baseUrl").trim();
      return this;
    }

    /** How often a call may be retried (default 2; 0 turns retries off). */
    public Builder maxRetries(int maxRetries) {
      this.maxRetries = (int) Checks.atLeast(maxRetries, 0, "maxRetries");
      return this;
    }

    /**
     * Whether an answer lacking a field the API spec requires is refused whole (default false).
     *
     * <p>By default the client accepts such an answer, as the official SDKs do: a node one of whose
     * VMs lacks its zone is still returned, a list with one odd element still lists the others.
     * Reading the missing field then throws {@link
     * com.sfcompute.nodes.errors.SfcNodesInvalidDataException} naming it and its JSON path (for
     * example {@code $.vms.data[1].zone}); it never reads as null. True refuses the whole answer
     * with that exception instead, naming the same field: for tests that hold a server to the spec.
     * {@link RequestOptions.Builder#strictDecoding(boolean)} sets it per call.
     */
    public Builder strictDecoding(boolean strictDecoding) {
      this.strictDecoding = strictDecoding;
      return this;
    }

    /**
     * Whether all calls of the client slow down together when the server answers {@code 429 Too
     * Many Requests} (default true). Once it has, every attempt of every call, retries included,
     * waits for its turn before it is sent, at a rate that follows the server's: measured when the
     * first 429 comes, lowered on each later burst of 429s, raised again while none come; a {@code
     * Retry-After} pauses every call until then. After 30 s without a 429 the client is back to
     * full speed. It logs one line through {@link #logger} when it starts slowing down and one when
     * it is back to full speed; {@link SfcNodes#rateLimit()} shows the current rate.
     *
     * <p>Each call keeps its own retry rule either way: a 429 uses up one of its {@link
     * #maxRetries}. False restores that rule alone: concurrent calls then retry their 429s each on
     * its own.
     */
    public Builder adaptiveRateLimit(boolean on) {
      this.adaptiveRateLimit = on;
      return this;
    }

    /**
     * The bound of one whole attempt: connecting, sending, waiting and reading the whole answer,
     * however slowly a server sends it (default 60 s; 1 ms or more). Retries each get their own.
     */
    public Builder timeout(Duration timeout) {
      this.timeout = Checks.timeout(timeout, "timeout");
      this.timeoutSet = true;
      return this;
    }

    /**
     * Your own OkHttpClient, e.g. to share its pool. The SDK derives its client from it ({@code
     * newBuilder()}), so both share the pool and threads, and {@link SfcNodes#close()} leaves them
     * open. What you also set on this builder wins over the client's own: {@link #timeout} replaces
     * its connect, read, write and call timeouts; {@link #maxConcurrentRequests} gives the SDK's
     * calls a dispatcher of their own with that limit, on the client's threads (your dispatcher is
     * left as it is); {@link #proxy}, {@link #proxyAuthentication} and {@link #sslSocketFactory}
     * replace its proxy, proxy authenticator and TLS trust. Whatever is not set here stays the
     * client's.
     */
    public Builder httpClient(OkHttpClient client) {
      this.httpClient = Checks.notNull(client, "httpClient");
      return this;
    }

    /**
     * A header for every request. The SDK's own Authorization and User-Agent always win; an {@code
     * Accept} given here replaces the default {@code application/json}.
     */
    public Builder header(String name, String value) {
      Checks.header(name, value, "header");
      if (name.equalsIgnoreCase("Authorization")) {
        throw new IllegalArgumentException("set the token with bearerToken(...), not a header");
      }
      headers.put(name, value);
      return this;
    }

    /** Appended to the User-Agent, e.g. {@code my-app/1.2}. */
    public Builder userAgentSuffix(String suffix) {
      this.userAgentSuffix =
          Checks.headerValue(Checks.notBlank(suffix, "userAgentSuffix"), "userAgentSuffix");
      return this;
    }

    /**
     * Logs HTTP exchanges at this level (default none), with Authorization and cookies redacted.
     */
    public Builder logLevel(LogLevel level) {
      this.logLevel = Checks.notNull(level, "logLevel");
      return this;
    }

    /**
     * Adds a listener, told of every call, attempt, retry, wait and fleet of the client and its
     * views ({@link com.sfcompute.nodes.events}); several may be added, told in this order. One
     * that throws is logged once to the {@link #logger} and never breaks a call.
     */
    public Builder listener(SfcNodesListener listener) {
      listeners.add(Checks.notNull(listener, "listener"));
      return this;
    }

    /**
     * Where log lines go; default {@code java.util.logging} logger {@code com.sfcompute.nodes.http}
     * at INFO. Besides the HTTP exchanges of {@link #logLevel}, it receives, at any level, the two
     * lines of the {@link #adaptiveRateLimit adaptive rate limit}.
     */
    public Builder logger(Consumer<String> sink) {
      this.logSink = Checks.notNull(sink, "logger");
      return this;
    }

    /**
     * How many requests may run at once, in all and per host (default 64; OkHttp's own default is 5
     * per host). With a caller-supplied OkHttpClient only when set: the SDK's calls then get a
     * dispatcher of their own with this limit, on that client's threads; unset, they share the
     * client's dispatcher and its limits.
     */
    public Builder maxConcurrentRequests(int max) {
      this.maxConcurrentRequests = (int) Checks.atLeast(max, 1, "maxConcurrentRequests");
      this.maxConcurrentRequestsSet = true;
      return this;
    }

    /**
     * The proxy every connection goes through, e.g. {@code new Proxy(Proxy.Type.HTTP, new
     * InetSocketAddress("proxy.corp", 3128))} (default: none, or a caller's OkHttpClient's). With
     * it the SDK keeps its own connection limits; no need to pass an OkHttpClient for a proxy.
     */
    public Builder proxy(Proxy proxy) {
      this.proxy = Checks.notNull(proxy, "proxy");
      return this;
    }

    /**
     * Basic credentials for an HTTP proxy that answers {@code 407 Proxy Authentication Required}:
     * sent once, on its first 407; a second 407 ends the call as a {@code 407}. They are never
     * logged ({@code Proxy-Authorization} is redacted) nor shown by {@code toString()}.
     */
    public Builder proxyAuthentication(String user, String password) {
      this.proxyUser = Checks.notNull(user, "user");
      this.proxyPassword = Checks.notNull(password, "password");
      return this;
    }

    /**
     * The TLS trust of every connection, e.g. to trust a private CA or a TLS-inspecting proxy's
     * certificate (default: the JVM's, or a caller's OkHttpClient's). As OkHttp's {@code
     * sslSocketFactory}: the factory and the trust manager it was made with.
     */
    public Builder sslSocketFactory(SSLSocketFactory socketFactory, X509TrustManager trustManager) {
      this.sslSocketFactory = Checks.notNull(socketFactory, "sslSocketFactory");
      this.trustManager = Checks.notNull(trustManager, "trustManager");
      return this;
    }

    /**
     * How many idle connections the client keeps for reuse (default: {@link
     * #maxConcurrentRequests}, so that steady load at full concurrency reuses connections instead
     * of opening new ones). Idle connections close after 5 minutes. Not applied to a
     * caller-supplied OkHttpClient, whose pool is its owner's.
     */
    public Builder maxIdleConnections(int max) {
      this.maxIdleConnections = (int) Checks.atLeast(max, 0, "maxIdleConnections");
      return this;
    }

    /** The clock retries ({@code Retry-After} dates) and waiters read. For tests. */
    public Builder clock(Clock clock) {
      this.clock = Checks.notNull(clock, "clock");
      return this;
    }

    /**
     * How retries and every wait (waiters, fleets, {@code followLogs}; blocking or not) wait. For
     * tests: a sleeper that advances a fake clock, e.g. {@code sleeper(clock::advance)}, runs them
     * all instantly; asynchronous waits then call it, one after another, on the client's scheduling
     * thread.
     */
    public Builder sleeper(Sleeper sleeper) {
      this.sleeper = Checks.notNull(sleeper, "sleeper");
      return this;
    }

    /** The random fraction (0 to 1) behind the backoff's jitter. For tests. */
    Builder jitter(DoubleSupplier jitter) {
      this.jitter = jitter;
      return this;
    }

    /**
     * A new client with these settings; create one and share it.
     *
     * @throws IllegalStateException when no bearer token was given
     * @throws IllegalArgumentException when the base URL is not an http(s) URL
     */
    public SfcNodes build() {
      String token = bearerToken;
      if (token == null) {
        throw new IllegalStateException(
            "No bearer token: call bearerToken(...) or set " + TOKEN_ENV);
      }
      Checks.token(token, "bearerToken"); // Also when it came from the environment.
      HttpUrl url = HttpUrl.parse(baseUrl);
      if (url == null) {
        throw new IllegalArgumentException("baseUrl is not an http(s) URL: " + shownBaseUrl());
      }
      return new SfcNodes(this, token, url);
    }

    /** Never shows the token. */
    @Override
    public String toString() {
      return "SfcNodes.Builder{baseUrl="
          + shownBaseUrl()
          + ", bearerToken="
          + (bearerToken == null ? "unset" : "<redacted>")
          + ", maxRetries="
          + maxRetries
          + "}";
    }

    private String shownBaseUrl() {
      HttpUrl url = HttpUrl.parse(baseUrl);
      if (url != null) {
        return shown(url);
      }
      return baseUrl.indexOf('@') < 0 ? baseUrl : "(a URL with user info, not shown)";
    }

    private static void logToJul(String line) {
      Logger.getLogger("com.sfcompute.nodes.http").log(Level.INFO, line);
    }
  }
}
