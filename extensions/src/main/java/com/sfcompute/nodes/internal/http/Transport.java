package com.sfcompute.nodes.internal.http;

import com.google.gson.Gson;
import com.sfcompute.nodes.ApiResponse;
import com.sfcompute.nodes.RequestOptions;
import com.sfcompute.nodes.internal.api.Operation;
import com.sfcompute.nodes.internal.events.CallRecord;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import okhttp3.Headers;
import okhttp3.Request;
import org.jspecify.annotations.Nullable;
import retrofit2.Response;

/**
 * The public face of the SDK's HTTP path, for the root package: implements the generated Retrofit
 * interfaces ({@link #api}) and runs their calls. Internal: not part of the public API.
 *
 * <p>One call is one or more attempts, each its own OkHttp call, run by {@link BlockingRun} or
 * {@link AsyncRun}; whether another attempt follows is decided in {@link SendAgain} alone, and
 * every outcome becomes a value or one of the SDK's exceptions in {@link ErrorTranslation}. The
 * stack (OkHttp client, interceptors, pool) is assembled by {@link TransportBuilder}.
 *
 * <p>Holds the token (inside prepared headers and the {@link Redactor}): never log or print it.
 */
public final class Transport {
  /** The header that makes a write safe to send again. */
  public static final String IDEMPOTENCY_KEY = "Idempotency-Key";

  private static final Object[] NO_ARGS = new Object[0];

  private final Stack stack;
  private final CallSettings settings;

  Transport(Stack stack, CallSettings settings) {
    this.stack = stack;
    this.settings = settings;
  }

  /** A builder for a client's transport. */
  public static TransportBuilder builder() {
    return new TransportBuilder();
  }

  /**
   * The generated interface {@code service}, implemented over this transport's HTTP stack: each
   * method returns a call that {@link #execute} and its siblings run. A method is read into its
   * {@link Endpoint} when first called (a client that makes one call reads one method).
   *
   * @throws IllegalArgumentException from a method that uses what the SDK does not build requests
   *     from (see {@link Endpoint}); {@code EndpointTest} reads every generated method
   */
  public <S> S api(Class<S> service) {
    return service.cast(apis(service));
  }

  /**
   * The generated interfaces {@code services}, all implemented by one object (cast it to each): one
   * proxy class for all, which a client's first call would otherwise pay for once per interface.
   * The generated method names are the spec's operation ids, unique across the interfaces.
   *
   * @throws IllegalArgumentException when one is not an interface, or two declare the same method
   */
  public Object apis(Class<?>... services) {
    StringJoiner names = new StringJoiner("+");
    for (Class<?> service : services) {
      if (!service.isInterface()) {
        throw new IllegalArgumentException(service + " is not an interface");
      }
      names.add(service.getSimpleName());
    }
    String name = names.toString();
    Map<Method, Endpoint> endpoints = new ConcurrentHashMap<>();
    Gson gson = stack.gson;
    return Proxy.newProxyInstance(
        services[0].getClassLoader(),
        services.clone(),
        (self, method, args) -> {
          if (method.getDeclaringClass() == Object.class) {
            return objectMethod(name, self, method, args);
          }
          Endpoint endpoint = endpoints.get(method);
          if (endpoint == null) {
            endpoint = endpoints.computeIfAbsent(method, m -> Endpoint.of(m, gson));
          }
          return new GeneratedCall<>(endpoint, args == null ? NO_ARGS : args);
        });
  }

  private static Object objectMethod(
      String name, Object self, Method method, @Nullable Object[] args) {
    switch (method.getName()) {
      case "equals":
        return args != null && self == args[0];
      case "hashCode":
        return System.identityHashCode(self);
      case "toString":
        return name + "(sfc-nodes transport)";
      default:
        throw new UnsupportedOperationException(method.toString());
    }
  }

  /**
   * A view of this transport whose calls use {@code options} over these settings: the same
   * connection pool, dispatcher and threads, nothing new to close.
   */
  public Transport withOptions(RequestOptions options) {
    Headers.Builder headers = settings.headers.newBuilder();
    for (Map.Entry<String, String> header : options.headers().entrySet()) {
      headers.set(header.getKey(), header.getValue());
    }
    Duration timeout = options.timeout();
    Integer maxRetries = options.maxRetries();
    Boolean strict = options.strictDecoding();
    return new Transport(
        stack,
        new CallSettings(
            headers.build(),
            timeout != null ? timeout.toNanos() : settings.attemptTimeoutNanos,
            maxRetries != null ? maxRetries : settings.maxRetries,
            strict != null ? strict : settings.strictDecoding));
  }

  /** How often a call may be retried. */
  public int maxRetries() {
    return settings.maxRetries;
  }

  /**
   * The requests per second the client's adaptive rate limit allows now, or infinity while it is
   * off (or turned off in the settings).
   */
  public double rateLimit() {
    RateLimiter limiter = stack.limiter;
    return limiter == null ? Double.POSITIVE_INFINITY : limiter.currentRate();
  }

  /**
   * Stops new calls. Releases the pool and threads when the transport created them (not a caller's
   * OkHttpClient, which its owner closes).
   */
  public void close() {
    stack.close();
  }

  /** Runs {@code call} (of an interface from {@link #api}) and returns its body. */
  public <T extends @Nullable Object> T execute(Operation<T> call) {
    GeneratedCall<T> generated = generated(call);
    CallRecord events = CallEvents.started(stack.listeners, generated, false);
    if (events == null) { // No listener: the path as it is without events, one null check more.
      return stack.errors.bodyOf(generated, BlockingRun.run(stack, settings, generated, null));
    }
    try {
      T value = stack.errors.bodyOf(generated, BlockingRun.run(stack, settings, generated, events));
      CallEvents.ended(stack.listeners, events, null);
      return value;
    } catch (RuntimeException e) {
      CallEvents.ended(stack.listeners, events, e);
      throw e;
    }
  }

  /** Runs {@code call} and returns its answer with status and headers. */
  public <T extends @Nullable Object> ApiResponse<T> executeWithResponse(Operation<T> call) {
    GeneratedCall<T> generated = generated(call);
    CallRecord events = CallEvents.started(stack.listeners, generated, false);
    if (events == null) {
      return withResponse(generated, BlockingRun.run(stack, settings, generated, null));
    }
    try {
      ApiResponse<T> answer =
          withResponse(generated, BlockingRun.run(stack, settings, generated, events));
      CallEvents.ended(stack.listeners, events, null);
      return answer;
    } catch (RuntimeException e) {
      CallEvents.ended(stack.listeners, events, e);
      throw e;
    }
  }

  /** Runs {@code call} asynchronously; cancelling the future cancels the call and its retries. */
  public <T extends @Nullable Object> CompletableFuture<T> executeAsync(Operation<T> call) {
    GeneratedCall<T> generated = generated(call);
    return AsyncRun.start(
        stack, settings, generated, response -> stack.errors.bodyOf(generated, response));
  }

  /** As {@link #executeAsync}, with status and headers. */
  public <T extends @Nullable Object> CompletableFuture<ApiResponse<T>> executeWithResponseAsync(
      Operation<T> call) {
    GeneratedCall<T> generated = generated(call);
    return AsyncRun.start(
        stack, settings, generated, response -> withResponse(generated, response));
  }

  /** The request the first attempt of {@code call} would send. */
  Request requestOf(GeneratedCall<?> call) {
    return call.endpoint.request(stack.baseUrl, settings, call.args);
  }

  private <T extends @Nullable Object> ApiResponse<T> withResponse(
      GeneratedCall<T> call, Response<T> response) {
    return ApiResponse.of(
        response.code(),
        stack.errors.cleanHeaders(response.headers()),
        stack.errors.bodyOf(call, response));
  }

  private static <T extends @Nullable Object> GeneratedCall<T> generated(Operation<T> call) {
    if (!(call instanceof GeneratedCall)) {
      throw new IllegalArgumentException(
          "Not a call of an interface this transport implements: " + call);
    }
    return (GeneratedCall<T>) call;
  }

  @Override
  public String toString() {
    return "Transport{maxRetries=" + settings.maxRetries + "}";
  }
}
