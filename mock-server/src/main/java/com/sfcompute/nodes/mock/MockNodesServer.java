package com.sfcompute.nodes.mock;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * An in-memory, stateful SF Compute nodes API on the loopback interface, for tests and demos.
 *
 * <pre>{@code
 * MockClock clock = MockClock.create();
 * try (MockNodesServer server =
 *     MockNodesServer.builder()
 *         .token("test-token")
 *         .clock(clock)
 *         .transitionDelay(Duration.ofSeconds(2))
 *         .seed(42)
 *         .start()) {
 *   // Point the client under test at server.baseUrl() with server.token().
 *   // Create a node: it answers "pending". Then, without sleeping:
 *   clock.advance(Duration.ofSeconds(2));
 *   // The node is "running" on the next request.
 *   server.faults().next(1, "PUT", "/v1/nodes/{id}/redeploy", Fault.dropAfterAction());
 *   // ... and server.counters().redeploys() tells how often the client really redeployed.
 * }
 * }</pre>
 *
 * <p>It serves the fifteen operations of the spec in {@code sfc-nodes-api-spec} and checks every
 * request against it: a request the spec refuses gets 400 with the envelope naming each field at
 * fault. Nodes and VMs move from pending to running after the {@linkplain Builder#transitionDelay
 * transition delay}, measured on the {@linkplain Builder#clock clock}; states are computed when
 * asked for, so a test that advances a {@link MockClock} never sleeps. Requests with an {@code
 * Idempotency-Key} are applied at most once. {@link #faults()} injects errors, drops, delays and
 * broken bodies; a {@linkplain Builder#rateLimit rate limit} answers 429 past a rate; {@link
 * #counters()} and {@link #requests()} show what arrived and what was applied; {@link #state()}
 * reaches what only the server knows.
 *
 * <p>Thread-safe. Start one per test class (or per test) and {@linkplain #close() close} it; {@link
 * #reset()} empties it between tests. The JUnit 5 extension {@code
 * com.sfcompute.nodes.mock.junit5.MockNodesServerExtension} does both. For the statuses the mock
 * chose where the API declares none, see the project README.
 */
public final class MockNodesServer implements AutoCloseable {
  /** The token a server accepts unless {@link Builder#token} says otherwise. */
  public static final String DEFAULT_TOKEN = "sfc-mock-token";

  /** How long nodes and VMs stay pending unless {@link Builder#transitionDelay} says otherwise. */
  public static final Duration DEFAULT_TRANSITION_DELAY = Duration.ofSeconds(2);

  /** The image every server has unless {@link Builder#images} says otherwise. */
  public static final MockImage DEFAULT_IMAGE =
      MockImage.of("vmi_1234567890abcdef", "ubuntu-24.04-cuda-12.8");

  /** The zones every server has unless {@link Builder#zones} says otherwise; the first is H100. */
  public static final List<MockZone> DEFAULT_ZONES =
      Collections.unmodifiableList(
          Arrays.asList(
              MockZone.builder("hayesvalley").displayName("Hayes Valley").build(),
              MockZone.builder("landsend")
                  .displayName("Land's End")
                  .hardwareType("H200")
                  .availableNodes(16)
                  .build()));

  static {
    // The JDK server leaves Nagle's algorithm on by default, which with delayed ACKs holds small
    // answers on a kept-alive connection for up to 40 ms. Read once, when its config class loads.
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
  }

  private static final AtomicInteger SERVER_NUMBERS = new AtomicInteger();

  private final Settings settings;
  private final Clock clock;
  private final HttpServer http;
  private final ExecutorService executor;
  private final String baseUrl;
  private final World world;
  private final MockFaults faults;
  private final MockCounters counters = new MockCounters();
  private final RequestLog requestLog = new RequestLog();
  private final RateLimiter rateLimiter = new RateLimiter();
  private final MockState state;
  private final MockHttpHandler handler;
  private final AtomicBoolean closed = new AtomicBoolean();

  private MockNodesServer(Settings settings, Clock clock, String host, int port)
      throws IOException {
    this.settings = settings;
    this.clock = clock;
    this.world = new World(settings, clock, counters);
    this.faults = new MockFaults(settings.seed);
    this.state = new MockState(world);
    rateLimiter.set(settings.rateLimit);
    SpecValidator validator = SpecValidator.get(settings.rejectUnknownFields);
    InetAddress address = InetAddress.getByName(host);
    this.http = HttpServer.create(new InetSocketAddress(address, port), 0);
    InetAddress reachable =
        address.isAnyLocalAddress() ? InetAddress.getLoopbackAddress() : address;
    String hostPart =
        reachable instanceof Inet6Address
            ? "[" + reachable.getHostAddress() + "]"
            : reachable.getHostAddress();
    this.baseUrl = "http://" + hostPart + ":" + http.getAddress().getPort();
    this.handler =
        new MockHttpHandler(
            settings,
            world,
            faults,
            counters,
            requestLog,
            rateLimiter,
            clock,
            validator,
            () -> baseUrl);
    int number = SERVER_NUMBERS.incrementAndGet();
    AtomicInteger threads = new AtomicInteger();
    this.executor =
        Executors.newCachedThreadPool(
            runnable -> {
              Thread thread =
                  new Thread(
                      runnable, "mock-nodes-server-" + number + "-" + threads.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
    http.setExecutor(executor);
    http.createContext("/", handler);
    http.start();
  }

  /** Starts configuring a server; see the class documentation for an example. */
  public static Builder builder() {
    return new Builder();
  }

  /** Where the server listens, e.g. {@code http://127.0.0.1:53124}, without a trailing slash. */
  public String baseUrl() {
    return baseUrl;
  }

  /** The port the server listens on. */
  public int port() {
    return http.getAddress().getPort();
  }

  /** The bearer token the server accepts. */
  public String token() {
    return settings.token;
  }

  /** The seed of the server's IDs and random faults. */
  public long seed() {
    return settings.seed;
  }

  /** The clock state transitions are measured on. */
  public Clock clock() {
    return clock;
  }

  /** The state as Java sees it: nodes, VMs' user data, log lines, failures. */
  public MockState state() {
    return state;
  }

  /** The faults to inject into coming requests. */
  public MockFaults faults() {
    return faults;
  }

  /** Counts of requests received and actions applied. */
  public MockCounters counters() {
    return counters;
  }

  /** The requests received so far (the latest 10,000), oldest first; a snapshot. */
  public List<ReceivedRequest> requests() {
    return requestLog.snapshot();
  }

  /**
   * Limits API requests from now on as {@link Builder#rateLimit} and {@link
   * Builder#rateLimitRetryAfter} do, with a full bucket; {@link #reset()} restores the builder's
   * setting.
   *
   * @throws IllegalArgumentException unless {@code perSecond} is positive and finite and {@code
   *     burst} at least 1
   */
  public void rateLimit(double perSecond, int burst, RetryAfter retryAfter) {
    rateLimiter.set(RateLimiter.Limit.of(perSecond, burst, retryAfter));
  }

  /** Lifts the rate limit from now on; {@link #reset()} restores the builder's setting. */
  public void rateLimitOff() {
    rateLimiter.set(RateLimiter.Limit.OFF);
  }

  /**
   * Empties the server between tests: nodes, start-up script, idempotency keys, faults, counters
   * and recorded requests, and restores the builder's rate limit with a full bucket. IDs and random
   * faults start again from the seed. The clock is the caller's and is left alone.
   */
  public void reset() {
    world.reset();
    handler.reset();
    rateLimiter.set(settings.rateLimit);
    faults.clear();
    counters.reset();
    requestLog.clear();
  }

  /** Stops listening and ends the server's threads; idempotent. */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      http.stop(0);
      executor.shutdownNow();
    }
  }

  @Override
  public String toString() {
    return "MockNodesServer[" + baseUrl + "]";
  }

  /**
   * Configures and starts a {@link MockNodesServer}. Every setting has a default; a builder can
   * start several servers.
   */
  public static final class Builder {
    private String host = "127.0.0.1";
    private int port = 0;
    private String token = DEFAULT_TOKEN;
    private Duration transitionDelay = DEFAULT_TRANSITION_DELAY;
    private long seed = 0;
    private Clock clock = Clock.systemUTC();
    private String owner = "sfcompute";
    private List<MockZone> zones = DEFAULT_ZONES;
    private List<MockImage> images = Collections.singletonList(DEFAULT_IMAGE);
    private VmStatusCase vmStatusCase = VmStatusCase.PASCAL;
    private ScriptForm scriptForm = ScriptForm.STRING;
    private boolean rejectUnknownFields = true;
    private double ratePerSecond;
    private int burst;
    private RetryAfter retryAfter = RetryAfter.NONE;

    private Builder() {}

    /** The address to listen on; {@code 127.0.0.1} by default. */
    public Builder host(String host) {
      this.host = Objects.requireNonNull(host, "host == null");
      return this;
    }

    /** The port to listen on; 0 (the default) picks a free one, see {@link #port()}. */
    public Builder port(int port) {
      if (port < 0 || port > 65_535) {
        throw new IllegalArgumentException("port not in 0..65535: " + port);
      }
      this.port = port;
      return this;
    }

    /** The bearer token to require; {@value MockNodesServer#DEFAULT_TOKEN} by default. */
    public Builder token(String token) {
      Objects.requireNonNull(token, "token == null");
      if (token.isEmpty() || !token.trim().equals(token) || token.contains(" ")) {
        throw new IllegalArgumentException("token is empty or has spaces: '" + token + "'");
      }
      this.token = token;
      return this;
    }

    /**
     * How long a new node and each new VM stay pending before they run, on the {@link #clock}; two
     * seconds by default. Zero makes them run at once.
     */
    public Builder transitionDelay(Duration transitionDelay) {
      Objects.requireNonNull(transitionDelay, "transitionDelay == null");
      if (transitionDelay.isNegative()) {
        throw new IllegalArgumentException("transitionDelay < 0: " + transitionDelay);
      }
      this.transitionDelay = transitionDelay;
      return this;
    }

    /** The seed of IDs, jitter and random faults; 0 by default, so runs repeat exactly. */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /**
     * The clock state transitions and timestamps are measured on: a {@link MockClock} to move time
     * from the test; the system clock by default. Fault delays are always real time.
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock == null");
      return this;
    }

    /** The {@code owner} of every node; {@code sfcompute} by default. */
    public Builder owner(String owner) {
      this.owner = Objects.requireNonNull(owner, "owner == null");
      return this;
    }

    /**
     * The zones to serve, replacing {@link MockNodesServer#DEFAULT_ZONES}; the first is where
     * {@code any_zone} and reserved requests without a zone go.
     */
    public Builder zones(MockZone... zones) {
      return zones(Arrays.asList(zones));
    }

    /** Like {@link #zones(MockZone...)}. */
    public Builder zones(List<MockZone> zones) {
      this.zones = distinct(zones, "zones", z -> z.name());
      return this;
    }

    /** The images to serve, replacing {@link MockNodesServer#DEFAULT_IMAGE}. */
    public Builder images(MockImage... images) {
      return images(Arrays.asList(images));
    }

    /** Like {@link #images(MockImage...)}. */
    public Builder images(List<MockImage> images) {
      this.images = distinct(images, "images", i -> i.imageId());
      return this;
    }

    /** How VM statuses are spelled; {@link VmStatusCase#PASCAL} by default. */
    public Builder vmStatusCase(VmStatusCase vmStatusCase) {
      this.vmStatusCase = Objects.requireNonNull(vmStatusCase, "vmStatusCase == null");
      return this;
    }

    /** How start-up scripts are answered; {@link ScriptForm#STRING} by default. */
    public Builder scriptForm(ScriptForm scriptForm) {
      this.scriptForm = Objects.requireNonNull(scriptForm, "scriptForm == null");
      return this;
    }

    /**
     * Whether body fields and query parameters the spec does not name are refused with 400 (the
     * default, which catches a client's typos) or ignored, as a lenient server would.
     */
    public Builder rejectUnknownFields(boolean rejectUnknownFields) {
      this.rejectUnknownFields = rejectUnknownFields;
      return this;
    }

    /**
     * Limits every API request to {@code perSecond} on average, in bursts of at most {@code burst}:
     * a token bucket on the {@link #clock}, full when the server starts. A request over the limit
     * is answered {@code 429} with the API's error envelope (type {@code api_error}, detail code
     * {@code rate_limited}) and has no effect: nothing is applied, validated or stored under its
     * {@code Idempotency-Key}, and only {@link MockCounters#throttled()} and the request counts
     * move. The limit is checked after the token (a request without a valid one gets 401 and uses
     * none of the budget) and after {@linkplain MockNodesServer#faults() faults}, which stand in
     * front of the API. No limit by default; {@link MockNodesServer#rateLimit} changes it on a
     * running server.
     *
     * @throws IllegalArgumentException unless {@code perSecond} is positive and finite and {@code
     *     burst} at least 1
     */
    public Builder rateLimit(double perSecond, int burst) {
      RateLimiter.Limit.of(perSecond, burst, retryAfter);
      this.ratePerSecond = perSecond;
      this.burst = burst;
      return this;
    }

    /** Which retry hint a {@code 429} of the {@link #rateLimit} carries; none by default. */
    public Builder rateLimitRetryAfter(RetryAfter retryAfter) {
      this.retryAfter = Objects.requireNonNull(retryAfter, "retryAfter == null");
      return this;
    }

    /**
     * Starts a server with these settings. The first server in a JVM takes a second or two to load
     * the spec; later ones reuse it.
     *
     * @throws UncheckedIOException if the address cannot be bound
     */
    public MockNodesServer start() {
      Settings settings =
          new Settings(
              token,
              transitionDelay.toMillis(),
              seed,
              owner,
              zones,
              images,
              vmStatusCase,
              scriptForm,
              rejectUnknownFields,
              ratePerSecond > 0
                  ? RateLimiter.Limit.of(ratePerSecond, burst, retryAfter)
                  : RateLimiter.Limit.OFF);
      try {
        return new MockNodesServer(settings, clock, host, port);
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot listen on " + host + ":" + port, e);
      }
    }

    private static <T> List<T> distinct(List<T> items, String name, Function<T, String> id) {
      Objects.requireNonNull(items, name + " == null");
      if (items.isEmpty()) {
        throw new IllegalArgumentException(name + " is empty: the mock needs at least one");
      }
      Set<String> seen = new HashSet<>();
      for (T item : items) {
        Objects.requireNonNull(item, name + " has a null");
        if (!seen.add(id.apply(item))) {
          throw new IllegalArgumentException(name + " repeats " + id.apply(item));
        }
      }
      return Collections.unmodifiableList(new ArrayList<>(items));
    }
  }
}
