package com.sfcompute.nodes.internal.http;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.sfcompute.nodes.ApiResponse;
import com.sfcompute.nodes.RequestOptions;
import com.sfcompute.nodes.Sleeper;
import com.sfcompute.nodes.errors.ErrorDetail;
import com.sfcompute.nodes.errors.OutcomeUnknownException;
import com.sfcompute.nodes.errors.SfcNodesException;
import com.sfcompute.nodes.errors.SfcNodesInvalidDataException;
import com.sfcompute.nodes.errors.SfcNodesIoException;
import com.sfcompute.nodes.errors.SfcNodesServiceException;
import com.sfcompute.nodes.errors.SfcNodesTimeoutException;
import com.sfcompute.nodes.internal.api.Operation;
import com.sfcompute.nodes.internal.json.WireFormats;
import com.sfcompute.nodes.model.ErrorBody;
import com.sfcompute.nodes.model.ErrorBodyDetail;
import com.sfcompute.nodes.model.ErrorResponse;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.net.SocketTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.DoubleSupplier;
import java.util.function.Function;
import okhttp3.Authenticator;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.ResponseBody;
import okhttp3.logging.HttpLoggingInterceptor;
import okio.BufferedSource;
import org.jspecify.annotations.Nullable;
import retrofit2.Response;

/**
 * Runs the calls of the generated Retrofit interfaces: the whole of the SDK's HTTP behaviour, top
 * to bottom in this package. Internal: not part of the public API.
 *
 * <p>The generated Retrofit interfaces declare the operations; {@link #api} implements them with
 * {@link Endpoint}s read once from their annotations, whose calls ({@link GeneratedCall}) this
 * class runs. One call is one or more attempts, each its own OkHttp call with its own request,
 * bounded as a whole by the timeout. Whether another attempt follows is decided here and nowhere
 * else:
 *
 * <ol>
 *   <li><b>Stale connection.</b> An attempt that died on a pooled connection before any response
 *       byte ({@link Attempt#diedOnStaleConnection}) is sent again at once, once, on a fresh
 *       connection, when it is replayable: a read, or a request carrying an {@code
 *       Idempotency-Key}. This is Go's net/http rule; it does not count as a retry.
 *   <li><b>Not processed.</b> An attempt the server refused unprocessed ({@link
 *       Attempt#notProcessed}: an HTTP/2 stream reset with {@code REFUSED_STREAM} or above a {@code
 *       GOAWAY}'s last stream id, or a connection already shutting down) is sent again at once,
 *       whatever its method (RFC 9113, section 8.7), up to {@link #MAX_NOT_PROCESSED_RESENDS} times
 *       a call; it does not count as a retry, and never ends as an unknown outcome.
 *   <li><b>Retry rule</b> ({@link RetryPolicy}): reads on failures and transient statuses; writes
 *       only when provably not sent, or when the server asks.
 * </ol>
 *
 * <p>When, not whether: after a {@code 429} the client's {@link RateLimiter} gives every attempt
 * but these two kinds of resend its turn, and times a retry's backoff with it.
 *
 * <p>OkHttp repeats nothing by itself: its connection-failure retries, redirects and authenticator
 * are off, and {@link ExchangeFacts} keeps it from resending on {@code 503 Retry-After: 0}.
 *
 * <p>Every outcome becomes a value or one of the SDK's exceptions here, the one translation point.
 * Holds the token (inside prepared headers and the {@link Redactor}): never log or print it.
 */
public final class Transport {
  /** How much of an error body is read; a non-envelope body is quoted up to {@link #SNIPPET}. */
  static final long MAX_ERROR_BODY = 64 * 1024;

  private static final int SNIPPET = 200;

  private static final String IDEMPOTENCY_KEY = "Idempotency-Key";

  /** Reads the error envelope as sent: missing fields are tolerated, not refused. */
  private static final Gson ENVELOPE = WireFormats.apply(new GsonBuilder()).create();

  private final Shared shared;
  private final CallSettings settings;

  private Transport(Shared shared, CallSettings settings) {
    this.shared = shared;
    this.settings = settings;
  }

  /** A builder for a client's transport. */
  public static Builder builder() {
    return new Builder();
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
    java.util.StringJoiner names = new java.util.StringJoiner("+");
    for (Class<?> service : services) {
      if (!service.isInterface()) {
        throw new IllegalArgumentException(service + " is not an interface");
      }
      names.add(service.getSimpleName());
    }
    String name = names.toString();
    Map<Method, Endpoint> endpoints = new ConcurrentHashMap<>();
    Gson gson = shared.gson;
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

  private static final Object[] NO_ARGS = new Object[0];

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
        shared,
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
    RateLimiter limiter = shared.limiter;
    return limiter == null ? Double.POSITIVE_INFINITY : limiter.currentRate();
  }

  /**
   * Stops new calls. Releases the pool and threads when the transport created them (not a caller's
   * OkHttpClient, which its owner closes).
   */
  public void close() {
    shared.closed = true;
    RateLimiter limiter = shared.limiter;
    if (limiter != null) {
      limiter.close(); // Before the scheduler stops: the waiting calls fail as closed, not hang.
    }
    shared.inFlight.close();
    if (shared.ownsHttpClient) {
      shared.client.dispatcher().executorService().shutdown();
      shared.client.connectionPool().evictAll();
    }
  }

  // Running calls.

  /** Runs {@code call} (of an interface from {@link #api}) and returns its body. */
  public <T extends @Nullable Object> T execute(Operation<T> call) {
    GeneratedCall<T> generated = generated(call);
    return bodyOf(generated, run(generated));
  }

  /** Runs {@code call} and returns its answer with status and headers. */
  public <T extends @Nullable Object> ApiResponse<T> executeWithResponse(Operation<T> call) {
    GeneratedCall<T> generated = generated(call);
    Response<T> response = run(generated);
    return ApiResponse.of(
        response.code(), cleanHeaders(response.headers()), bodyOf(generated, response));
  }

  /** Runs {@code call} asynchronously; cancelling the future cancels the call and its retries. */
  public <T extends @Nullable Object> CompletableFuture<T> executeAsync(Operation<T> call) {
    GeneratedCall<T> generated = generated(call);
    checkOpen();
    AsyncRun<T, T> run = new AsyncRun<>(generated, response -> bodyOf(generated, response));
    run.start();
    return run;
  }

  /** As {@link #executeAsync}, with status and headers. */
  public <T extends @Nullable Object> CompletableFuture<ApiResponse<T>> executeWithResponseAsync(
      Operation<T> call) {
    GeneratedCall<T> generated = generated(call);
    checkOpen();
    AsyncRun<T, ApiResponse<T>> run =
        new AsyncRun<>(
            generated,
            response ->
                ApiResponse.of(
                    response.code(),
                    cleanHeaders(response.headers()),
                    bodyOf(generated, response)));
    run.start();
    return run;
  }

  /** The request the first attempt of {@code call} would send. */
  Request requestOf(GeneratedCall<?> call) {
    return call.endpoint.request(shared.baseUrl, settings, call.args);
  }

  private static <T extends @Nullable Object> GeneratedCall<T> generated(Operation<T> call) {
    if (!(call instanceof GeneratedCall)) {
      throw new IllegalArgumentException(
          "Not a call of an interface this transport implements: " + call);
    }
    return (GeneratedCall<T>) call;
  }

  private void checkOpen() {
    if (shared.closed) {
      throw new IllegalStateException("This SfcNodes client is closed");
    }
  }

  private <T extends @Nullable Object> Response<T> run(GeneratedCall<T> call) {
    checkOpen();
    Retries retries = new Retries();
    long turn = awaitTurn(null, Duration.ZERO, null);
    while (true) {
      Attempt attempt = new Attempt(settings);
      attempt.turn = turn;
      Duration wait;
      IOException failure = null;
      try {
        okhttp3.Call raw = newCall(call, attempt);
        Response<T> response = null;
        try {
          okhttp3.Response answer = raw.execute();
          observe(attempt, answer);
          response = answer(call.endpoint, answer, attempt.settings.strictDecoding);
        } catch (IOException e) {
          failure = attempt.failure(e);
        } catch (RuntimeException e) {
          if (!attempt.timedOut) {
            throw invalid(attempt, e);
          }
          failure = attempt.timeout(e); // The body broke off because the deadline cut it.
        }
        if (response == null) {
          wait = retries.afterFailure(attempt, failure);
          if (wait == null) {
            throw translate(attempt, failure);
          }
        } else {
          wait = retries.afterAnswer(attempt, response);
          if (wait == null) {
            return checked(response); // An error body is read within the attempt's bound.
          }
          discard(response);
        }
      } finally {
        shared.inFlight.end(attempt);
      }
      if (!retries.replayNow) { // The stale-connection replay goes at once, on the same turn.
        turn = awaitTurn(attempt, wait, failure);
      }
    }
  }

  /**
   * Waits {@code wait} after {@code last} (none before a call's first attempt), then for the rate
   * limiter's turn; the turn's number. While the limiter is off the wait is today's sleep and the
   * turn one volatile read; while it is engaged the limiter times both (see {@link RateLimiter}).
   */
  private long awaitTurn(@Nullable Attempt last, Duration wait, @Nullable IOException failure) {
    RateLimiter limiter = shared.limiter;
    long waitNanos = wait.toNanos();
    if (limiter == null || !limiter.engaged()) {
      if (last != null) {
        sleep(last, wait, failure);
      }
      if (limiter == null || !limiter.engaged()) {
        return 0;
      }
      waitNanos = 0; // Engaged while this call slept: it waits for a turn too.
    }
    RateLimiter.Turn turn = limiter.turn(waitNanos);
    try {
      return turn.await();
    } catch (InterruptedException e) {
      turn.cancel(false);
      throw interrupted(last, failure, e);
    } catch (CancellationException e) {
      throw new IllegalStateException("This SfcNodes client was closed while the call waited", e);
    }
  }

  /** Tells the rate limiter how the server answered an attempt. */
  private void observe(Attempt attempt, okhttp3.Response answer) {
    RateLimiter limiter = shared.limiter;
    if (limiter != null) {
      int code = answer.code();
      limiter.answered(attempt.turn, code, code == 429 ? shared.policy.retryAfter(answer) : null);
    }
  }

  /**
   * The OkHttp call of one attempt of {@code call}: its own request, built from the call's
   * arguments with the settings, registered as the attempt's (bounded by its timeout once it runs).
   */
  private okhttp3.Call newCall(GeneratedCall<?> call, Attempt attempt) {
    Request request = call.endpoint.request(shared.baseUrl, attempt.settings, call.args);
    okhttp3.Call raw = shared.client.newCall(request);
    if (attempt.settings.attemptTimeoutNanos > 0 && raw.timeout().timeoutNanos() != 0) {
      // A caller's OkHttpClient's call timeout, with a timeout set on a view: the SDK's instead.
      raw.timeout().clearTimeout();
    }
    attempt.request = request;
    attempt.call = raw;
    shared.inFlight.add(attempt);
    return raw;
  }

  /**
   * The answer of an attempt as a {@link Response}: a success decoded (and its body closed), any
   * other status with its body unread, for the retry rule and the error translation. An I/O failure
   * while the body is read is the attempt's failure; a body that is not the expected JSON is an
   * {@link InvalidBodyException}.
   */
  private static <T extends @Nullable Object> Response<T> answer(
      Endpoint endpoint, okhttp3.Response raw, boolean strict) throws IOException {
    ResponseBody body = raw.body();
    if (!raw.isSuccessful()) {
      return Response.error(body != null ? body : ResponseBody.create(new byte[0], null), raw);
    }
    if (body == null || raw.code() == 204 || raw.code() == 205) {
      if (body != null) {
        body.close();
      }
      return Response.success(null, raw);
    }
    @SuppressWarnings("unchecked") // The endpoint decodes the T of the method's Call<T>.
    T value = (T) endpoint.decode(body, strict);
    return Response.success(value, raw);
  }

  private void sleep(Attempt attempt, Duration wait, @Nullable IOException failure) {
    try {
      shared.sleeper.sleep(wait);
    } catch (InterruptedException e) {
      throw interrupted(attempt, failure, e);
    }
  }

  private SfcNodesIoException interrupted(
      @Nullable Attempt last, @Nullable IOException failure, InterruptedException e) {
    Thread.currentThread().interrupt();
    SfcNodesIoException interrupted =
        new SfcNodesIoException(
            last == null
                ? "Interrupted while waiting to send"
                : "Interrupted while waiting to retry " + describe(last),
            e);
    if (failure != null) {
      interrupted.addSuppressed(shared.redactor.sanitize(failure));
    }
    return interrupted;
  }

  /**
   * How often one call is sent again because the server refused it unprocessed, before such a
   * refusal falls to the retry rule: a server that refuses every stream must not hold a call
   * forever. OkHttp opens a fresh connection after a connection's second refusal.
   */
  static final int MAX_NOT_PROCESSED_RESENDS = 8;

  /** The state of one call's repeats: how many retries it used, whether it was replayed. */
  private final class Retries {
    int used;
    boolean replayed;

    /** How often the server refused this call unprocessed and it went again at once. */
    int notProcessedResends;

    /**
     * The last decision was the stale-connection replay or a resend of a refused request: at once,
     * on the same turn, and not a retry.
     */
    boolean replayNow;

    /** The wait before the next attempt after a failed one, or null to give up. */
    @Nullable Duration afterFailure(Attempt attempt, IOException failure) {
      replayNow = false;
      if (failure instanceof CallGuard.MalformedAnswerException
          || failure instanceof ProxyAuthentication.Refused) {
        return null; // An answer came: it is read, not repeated.
      }
      Request request = attempt.request;
      if (request == null) {
        return null;
      }
      if (attempt.notProcessed(failure) && notProcessedResends < MAX_NOT_PROCESSED_RESENDS) {
        // The server said it never processed it: any method goes again at once, not as a retry.
        notProcessedResends++;
        replayNow = true;
        return Duration.ZERO;
      }
      if (!replayed && attempt.diedOnStaleConnection(failure) && replayable(request)) {
        replayed = true;
        // The other idle connections went idle at the same time or earlier: after a server or
        // balancer restart they are all dead. Drop them so that the replay opens a fresh one.
        shared.client.connectionPool().evictAll();
        replayNow = true;
        return Duration.ZERO;
      }
      boolean safe =
          RetryPolicy.isRead(request.method())
              || !attempt.reachedConnection
              || attempt.notProcessed(failure);
      if (safe && used < attempt.settings.maxRetries && !isCancel(failure)) {
        return shared.policy.backoff(used++);
      }
      return null;
    }

    /** The wait before the next attempt after this answer, or null to take it. */
    @Nullable Duration afterAnswer(Attempt attempt, Response<?> response) {
      replayNow = false;
      if (response.isSuccessful() || used >= attempt.settings.maxRetries) {
        return null;
      }
      okhttp3.Response raw = response.raw();
      if (!RetryPolicy.shouldRetry(RetryPolicy.isRead(raw.request().method()), raw)) {
        return null;
      }
      return shared.policy.delay(used++, raw);
    }
  }

  private static boolean replayable(Request request) {
    return RetryPolicy.isRead(request.method()) || request.header(IDEMPOTENCY_KEY) != null;
  }

  private static boolean isCancel(IOException e) {
    return "Canceled".equals(e.getMessage());
  }

  private static void discard(Response<?> response) {
    ResponseBody error = response.errorBody();
    if (error != null) {
      error.close();
    }
  }

  /** One asynchronous call: its future, and the attempt in flight or the retry waiting. */
  private final class AsyncRun<T extends @Nullable Object, R extends @Nullable Object>
      extends CompletableFuture<R> implements okhttp3.Callback {
    private final GeneratedCall<T> call;
    private final Function<Response<T>, R> result;
    private final Retries retries = new Retries();
    private volatile okhttp3.@Nullable Call inFlight;
    private volatile @Nullable Future<?> waiting;
    private volatile @Nullable Attempt attempt;

    AsyncRun(GeneratedCall<T> call, Function<Response<T>, R> result) {
      this.call = call;
      this.result = result;
    }

    /** Sends the first attempt, when the rate limiter gives it its turn. */
    void start() {
      RateLimiter limiter = shared.limiter;
      if (limiter != null && limiter.engaged()) {
        queue(limiter.turn(0));
      } else {
        send(0);
      }
    }

    private void send(long turn) {
      if (isDone()) {
        return;
      }
      Attempt next = new Attempt(settings);
      next.turn = turn;
      attempt = next;
      okhttp3.Call raw;
      try {
        raw = newCall(call, next);
      } catch (RuntimeException e) { // Arguments no request can be built from.
        completeExceptionally(e);
        return;
      }
      inFlight = raw;
      raw.enqueue(this);
      if (isCancelled()) { // Cancelled while starting: the cancel may have missed this call.
        raw.cancel();
      }
    }

    private void next(Duration wait) {
      if (retries.replayNow) {
        send(attemptOf().turn);
        return;
      }
      RateLimiter limiter = shared.limiter;
      if (limiter != null && limiter.engaged()) {
        queue(limiter.turn(wait.toNanos())); // The limiter times the backoff with the turn.
        return;
      }
      Future<?> w;
      try {
        w = shared.delayer.schedule(this::start, wait);
      } catch (RuntimeException e) { // The client was closed while the call waited.
        completeExceptionally(closedWhileWaiting(e));
        return;
      }
      watch(w);
    }

    /** Sends the next attempt when {@code turn} comes; holds no thread meanwhile. */
    private void queue(RateLimiter.Turn turn) {
      CompletableFuture<?> unused =
          turn.whenComplete(
              (done, error) -> {
                if (error == null) {
                  send(turn.number);
                }
              });
      watch(turn);
    }

    /** Keeps {@code w} for cancel(), and fails this call when the wait will never end. */
    private void watch(Future<?> w) {
      waiting = w;
      if (w instanceof CompletableFuture) { // The scheduler reports a wait that will never end.
        CompletableFuture<?> unused =
            ((CompletableFuture<?>) w)
                .whenComplete(
                    (done, error) -> {
                      if (error != null && !isDone()) {
                        completeExceptionally(
                            error instanceof CancellationException
                                ? closedWhileWaiting(error)
                                : new SfcNodesIoException(
                                    "Waiting to retry failed: " + describe(attemptOf()), error));
                      }
                    });
      }
      if (isCancelled()) {
        w.cancel(false);
      }
    }

    private IllegalStateException closedWhileWaiting(Throwable cause) {
      return new IllegalStateException(
          "This SfcNodes client was closed while the call waited"
              + (attempt == null ? " for its turn to be sent" : " to retry"),
          cause);
    }

    @Override
    public void onResponse(okhttp3.Call raw, okhttp3.Response answer) {
      Attempt a = attemptOf();
      observe(a, answer);
      Response<T> response;
      try {
        response = answer(call.endpoint, answer, a.settings.strictDecoding);
      } catch (IOException e) {
        failed(e);
        return;
      } catch (RuntimeException e) {
        if (a.timedOut) {
          failed(a.timeout(e)); // The body broke off because the deadline cut it.
        } else {
          shared.inFlight.end(a);
          completeExceptionally(invalid(a, e));
        }
        return;
      }
      Duration wait;
      try {
        wait = retries.afterAnswer(a, response);
        if (wait == null || isDone()) {
          complete(result.apply(checked(response))); // An error body is read within the bound.
          return;
        }
        discard(response);
      } catch (RuntimeException e) {
        discard(response);
        completeExceptionally(e);
        return;
      } finally {
        shared.inFlight.end(a);
      }
      next(wait);
    }

    @Override
    public void onFailure(okhttp3.Call raw, IOException failure) {
      failed(failure);
    }

    private void failed(IOException e) {
      Attempt a = attemptOf();
      shared.inFlight.end(a);
      IOException failure = a.failure(e);
      Duration wait = isDone() ? null : retries.afterFailure(a, failure);
      if (wait != null) {
        next(wait);
      } else {
        completeExceptionally(translate(a, failure));
      }
    }

    private Attempt attemptOf() {
      Attempt a = attempt;
      return a != null ? a : new Attempt(settings);
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
      // Cancel the future first: cancelling the call first lets its failure callback, on another
      // thread, complete the future with an I/O error before it is marked cancelled.
      boolean cancelled = super.cancel(mayInterruptIfRunning);
      Future<?> w = waiting;
      if (w != null) {
        w.cancel(false);
      }
      okhttp3.Call c = inFlight;
      if (c != null) {
        c.cancel();
      }
      return cancelled;
    }
  }

  // Translating answers and failures.

  /** The answer of the last attempt: a success, or the exception its status stands for. */
  private <T extends @Nullable Object> Response<T> checked(Response<T> response) {
    if (response.isSuccessful()) {
      return response;
    }
    okhttp3.Response raw = response.raw();
    SfcNodesServiceException error = serviceError(raw, response.errorBody());
    if (!RetryPolicy.isRead(raw.request().method()) && response.code() >= 500) {
      // The server may have acted before failing: never repeat blindly.
      throw new OutcomeUnknownException(
          raw.request().method(), pathOf(raw.request()), keyOf(raw.request()), error);
    }
    throw error;
  }

  /** The body of a success; a missing one is invalid data unless the operation has none. */
  private static <T extends @Nullable Object> T bodyOf(
      GeneratedCall<T> call, Response<T> response) {
    T body = response.body();
    if (body == null && call.endpoint.expectsBody()) {
      throw new SfcNodesInvalidDataException(
          "Invalid response: "
              + describe(response.raw().request())
              + ": "
              + response.code()
              + " without the body the operation returns",
          null);
    }
    return body;
  }

  private SfcNodesServiceException serviceError(
      okhttp3.Response raw, @Nullable ResponseBody errorBody) {
    Redactor redactor = shared.redactor;
    Map<String, List<String>> headers = cleanHeaders(raw.headers());
    String text = readErrorBody(errorBody);
    ErrorBody envelope = null;
    try {
      ErrorResponse parsed = ENVELOPE.fromJson(text, ErrorResponse.class);
      envelope = parsed == null ? null : parsed.getError();
    } catch (RuntimeException notTheEnvelope) {
      // An HTML page from a proxy, an empty or truncated body: quoted below.
    }
    String type = envelope == null ? null : cleanOrNull(envelope.getType());
    String message = envelope == null ? null : cleanOrNull(envelope.getMessage());
    List<ErrorDetail> details = new ArrayList<>();
    if (envelope != null && envelope.getDetails() != null) {
      for (ErrorBodyDetail detail : envelope.getDetails()) {
        if (detail != null) {
          String code = cleanOrNull(detail.getCode());
          String detailMessage = cleanOrNull(detail.getMessage());
          details.add(
              ErrorDetail.of(
                  code == null ? "" : code,
                  detailMessage == null ? "" : detailMessage,
                  cleanOrNull(detail.getField())));
        }
      }
    }
    if (message == null) {
      message =
          type != null
              ? type
              : redactor.clean(snippet(text, redactor.clean(raw.message()), isHtml(raw, text)));
    }
    if (CallGuard.isRedirect(raw.code())) {
      HttpUrl location = CallGuard.location(raw);
      message =
          (location == null
                  ? "redirect without a Location"
                  : "redirect to " + redactor.clean(location.toString()))
              + " not followed: the API does not redirect, so the SDK follows only reads to the"
              + " same origin";
    }
    String requestId = first(headers, "x-request-id");
    return SfcNodesServiceException.builder()
        .statusCode(raw.code())
        .type(type)
        .errorMessage(message)
        .details(details)
        .method(raw.request().method())
        .path(pathOf(raw.request()))
        .headers(headers)
        .requestId(requestId != null ? requestId : first(headers, "request-id"))
        .build();
  }

  /**
   * A proxy's 407: the API never saw the request (so never an outcome unknown), and the message
   * names the proxy, not the API.
   */
  private SfcNodesServiceException proxyRefused(Request request, ProxyAuthentication.Refused e) {
    okhttp3.Response answer = e.response;
    Map<String, List<String>> headers = cleanHeaders(answer.headers());
    return SfcNodesServiceException.builder()
        .statusCode(answer.code())
        .errorMessage(
            "proxy "
                + shared.redactor.clean(e.proxy)
                + " requires authentication ("
                + shared.redactor.clean(answer.message())
                + "); the API never saw the request. Give the OkHttpClient passed to"
                + " SfcNodes.Builder.httpClient(...) a proxyAuthenticator with the proxy's"
                + " credentials")
        .method(request.method())
        .path(pathOf(request))
        .headers(headers)
        .requestId(null)
        .build();
  }

  private @Nullable String cleanOrNull(@Nullable String text) {
    return text == null ? null : shared.redactor.clean(text);
  }

  private Map<String, List<String>> cleanHeaders(Headers headers) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (int i = 0; i < headers.size(); i++) {
      String name = headers.name(i).toLowerCase(java.util.Locale.ROOT);
      out.computeIfAbsent(name, n -> new ArrayList<>())
          .add(shared.redactor.clean(headers.value(i)));
    }
    for (Map.Entry<String, List<String>> entry : out.entrySet()) {
      entry.setValue(Collections.unmodifiableList(entry.getValue()));
    }
    return out;
  }

  private static @Nullable String first(Map<String, List<String>> headers, String name) {
    List<String> values = headers.get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  /** Up to {@link #MAX_ERROR_BODY} of the body, cleaned before anything is cut from it. */
  private String readErrorBody(@Nullable ResponseBody body) {
    if (body == null) {
      return "";
    }
    try (ResponseBody b = body) {
      BufferedSource source = b.source();
      boolean more = source.request(MAX_ERROR_BODY + 1);
      long size = Math.min(source.getBuffer().size(), MAX_ERROR_BODY);
      String text = source.getBuffer().readUtf8(size);
      return more ? shared.redactor.cleanPrefix(text) : shared.redactor.clean(text);
    } catch (IOException e) {
      return "";
    }
  }

  /**
   * A short, single-line quote of a body that was not the error envelope; of an HTML page (a
   * proxy's or a balancer's error page), its title, else its visible text, not its markup.
   */
  static String snippet(String text, String reason, boolean html) {
    String oneLine = (html ? HtmlText.of(text) : text).replaceAll("\\s+", " ").trim();
    if (oneLine.isEmpty()) {
      return reason.isEmpty() ? "(empty body)" : reason + " (empty body)";
    }
    String quoted = oneLine.length() > SNIPPET ? oneLine.substring(0, SNIPPET) + "..." : oneLine;
    return (reason.isEmpty() ? "" : reason + ": ")
        + (html ? "unexpected HTML page: " : "unexpected body: ")
        + quoted;
  }

  private static boolean isHtml(okhttp3.Response raw, String text) {
    String type = raw.header("Content-Type");
    if (type != null) {
      String lower = type.toLowerCase(java.util.Locale.ROOT);
      if (lower.startsWith("text/html") || lower.startsWith("application/xhtml")) {
        return true;
      }
    }
    String start = text.trim();
    return start.regionMatches(true, 0, "<!doctype html", 0, 14)
        || start.regionMatches(true, 0, "<html", 0, 5);
  }

  private SfcNodesException translate(Attempt attempt, IOException e) {
    if (e instanceof ProxyAuthentication.Refused && attempt.request != null) {
      return proxyRefused(attempt.request, (ProxyAuthentication.Refused) e);
    }
    String what = describe(attempt);
    Throwable cause = shared.redactor.sanitize(e);
    SfcNodesException failure;
    if (e instanceof CallGuard.MalformedAnswerException) {
      failure = new SfcNodesInvalidDataException("Invalid response: " + what + ": " + cause, cause);
    } else if (isTimeout(e)) {
      long bound = attempt.settings.attemptTimeoutNanos;
      failure =
          new SfcNodesTimeoutException(
              "Timed out: "
                  + what
                  + (bound > 0 ? " (one attempt may take " + Duration.ofNanos(bound) + ")" : ""),
              cause);
    } else {
      failure = new SfcNodesIoException("Connection failed: " + what + ": " + cause, cause);
    }
    Request request = attempt.request;
    if (request != null
        && attempt.reachedConnection
        && !RetryPolicy.isRead(request.method())
        && !attempt.notProcessed(e)) {
      return new OutcomeUnknownException(
          request.method(), pathOf(request), keyOf(request), failure);
    }
    return failure;
  }

  private static boolean isTimeout(IOException e) {
    return e instanceof SocketTimeoutException
        || (e instanceof InterruptedIOException && "timeout".equals(e.getMessage()));
  }

  private SfcNodesInvalidDataException invalid(Attempt attempt, RuntimeException e) {
    Throwable cause = shared.redactor.sanitize(e);
    Throwable detail = cause instanceof InvalidBodyException ? cause.getCause() : null;
    return new SfcNodesInvalidDataException(
        "Invalid response: "
            + describe(attempt)
            + ": "
            + (cause instanceof InvalidBodyException ? cause.getMessage() : cause.toString())
            + (detail != null ? " (" + detail.getMessage() + ")" : ""),
        cause);
  }

  private static String keyOf(Request request) {
    String key = request.header(IDEMPOTENCY_KEY);
    return key == null ? "" : key;
  }

  private static String describe(Attempt attempt) {
    Request request = attempt.request;
    return request == null ? "(request not built)" : describe(request);
  }

  static String describe(Request request) {
    return request.method() + " " + pathOf(request);
  }

  static String pathOf(Request request) {
    String query = request.url().encodedQuery();
    return request.url().encodedPath() + (query == null ? "" : "?" + query);
  }

  @Override
  public String toString() {
    return "Transport{maxRetries=" + settings.maxRetries + "}";
  }

  /** Runs a task after a delay, without holding a thread: the client's scheduler. */
  @FunctionalInterface
  public interface Delayer {
    /** Runs {@code task} once after {@code delay}; cancelling the future drops it. */
    Future<?> schedule(Runnable task, Duration delay);
  }

  /**
   * The base URL the generated paths are relative to: one with a path keeps it ({@code
   * https://proxy.example/sfc} + {@code v1/nodes}).
   */
  static HttpUrl withTrailingSlash(HttpUrl url) {
    String path = url.encodedPath();
    return path.endsWith("/") ? url : url.newBuilder().encodedPath(path + "/").build();
  }

  /** What every view of one client shares. */
  private static final class Shared {
    final OkHttpClient client;
    final boolean ownsHttpClient;
    final HttpUrl baseUrl;
    final Gson gson;
    final RetryPolicy policy;
    final Sleeper sleeper;
    final Delayer delayer;
    final Redactor redactor;
    final InFlight inFlight;

    /** The client's adaptive rate limit; null when the settings turn it off. */
    final @Nullable RateLimiter limiter;

    volatile boolean closed;

    Shared(
        OkHttpClient client,
        boolean ownsHttpClient,
        HttpUrl baseUrl,
        Gson gson,
        RetryPolicy policy,
        Sleeper sleeper,
        Delayer delayer,
        Redactor redactor,
        InFlight inFlight,
        @Nullable RateLimiter limiter) {
      this.client = client;
      this.ownsHttpClient = ownsHttpClient;
      this.baseUrl = baseUrl;
      this.gson = gson;
      this.policy = policy;
      this.sleeper = sleeper;
      this.delayer = delayer;
      this.redactor = redactor;
      this.inFlight = inFlight;
      this.limiter = limiter;
    }
  }

  /** Assembles the HTTP stack. Every setting is checked by the public builder that fills this. */
  public static final class Builder {
    private @Nullable String token;
    private @Nullable HttpUrl baseUrl;
    private String userAgent = "sfc-nodes-java";
    private Map<String, String> headers = Collections.emptyMap();
    private Duration timeout = Duration.ofSeconds(60);
    private boolean timeoutSet;
    private int maxRetries = 2;
    private boolean strictDecoding;
    private @Nullable OkHttpClient httpClient;
    private int maxConcurrentRequests = 64;
    private boolean maxConcurrentRequestsSet;
    private java.net.@Nullable Proxy proxy;
    private @Nullable Authenticator proxyAuthenticator;
    private javax.net.ssl.@Nullable SSLSocketFactory sslSocketFactory;
    private javax.net.ssl.@Nullable X509TrustManager trustManager;
    private int maxIdleConnections = 64;
    private Duration keepAlive = Duration.ofMinutes(5);
    private HttpLoggingInterceptor.Level logLevel = HttpLoggingInterceptor.Level.NONE;
    private Consumer<String> logSink = line -> {};
    private Clock clock = Clock.systemUTC();
    private Sleeper sleeper = Sleeper.SYSTEM;
    private @Nullable Delayer delayer;
    private DoubleSupplier jitter = Math::random;
    private boolean adaptiveRateLimit = true;

    private Builder() {}

    public Builder token(String token) {
      this.token = token;
      return this;
    }

    public Builder baseUrl(HttpUrl baseUrl) {
      this.baseUrl = baseUrl;
      return this;
    }

    public Builder userAgent(String userAgent) {
      this.userAgent = userAgent;
      return this;
    }

    public Builder headers(Map<String, String> headers) {
      this.headers = headers;
      return this;
    }

    /** The bound of each attempt; {@code set} false keeps a caller's OkHttpClient's timeouts. */
    public Builder timeout(Duration timeout, boolean set) {
      this.timeout = timeout;
      this.timeoutSet = set;
      return this;
    }

    public Builder maxRetries(int maxRetries) {
      this.maxRetries = maxRetries;
      return this;
    }

    /** Whether an answer without a required field is refused whole, rather than marked. */
    public Builder strictDecoding(boolean strictDecoding) {
      this.strictDecoding = strictDecoding;
      return this;
    }

    public Builder httpClient(@Nullable OkHttpClient httpClient) {
      this.httpClient = httpClient;
      return this;
    }

    /** {@code set} false leaves a caller's OkHttpClient's dispatcher as it is. */
    public Builder maxConcurrentRequests(int max, boolean set) {
      this.maxConcurrentRequests = max;
      this.maxConcurrentRequestsSet = set;
      return this;
    }

    /** The proxy every connection goes through; null keeps the default (or the caller's). */
    public Builder proxy(java.net.@Nullable Proxy proxy) {
      this.proxy = proxy;
      return this;
    }

    /** Basic credentials for the proxy, sent once on its {@code 407}; nulls for none. */
    public Builder proxyCredentials(@Nullable String user, @Nullable String password) {
      this.proxyAuthenticator =
          user == null || password == null ? null : new ProxyCredentials(user, password);
      return this;
    }

    /** The TLS trust of the connections; nulls keep the default (or the caller's). */
    public Builder tls(
        javax.net.ssl.@Nullable SSLSocketFactory socketFactory,
        javax.net.ssl.@Nullable X509TrustManager trustManager) {
      this.sslSocketFactory = socketFactory;
      this.trustManager = trustManager;
      return this;
    }

    public Builder connectionPool(int maxIdleConnections, Duration keepAlive) {
      this.maxIdleConnections = maxIdleConnections;
      this.keepAlive = keepAlive;
      return this;
    }

    public Builder log(HttpLoggingInterceptor.Level level, Consumer<String> sink) {
      this.logLevel = level;
      this.logSink = sink;
      return this;
    }

    public Builder time(Clock clock, Sleeper sleeper, Delayer delayer) {
      this.clock = clock;
      this.sleeper = sleeper;
      this.delayer = delayer;
      return this;
    }

    public Builder jitter(DoubleSupplier jitter) {
      this.jitter = jitter;
      return this;
    }

    /** Whether every call slows down together after a 429 (see {@link RateLimiter}). */
    public Builder adaptiveRateLimit(boolean on) {
      this.adaptiveRateLimit = on;
      return this;
    }

    public Transport build() {
      String bearer = java.util.Objects.requireNonNull(token, "token == null");
      HttpUrl url = java.util.Objects.requireNonNull(baseUrl, "baseUrl == null");
      Delayer delay = java.util.Objects.requireNonNull(delayer, "delayer == null");
      Redactor redactor = new Redactor(bearer);
      boolean owns = httpClient == null;
      InFlight inFlight = new InFlight();
      OkHttpClient.Builder http =
          (owns ? new OkHttpClient.Builder() : httpClient.newBuilder())
              // Every repetition is the SDK's decision (see the class comment).
              .retryOnConnectionFailure(false)
              .followRedirects(false)
              .followSslRedirects(false)
              .authenticator(Authenticator.NONE)
              .proxyAuthenticator(
                  new ProxyAuthentication(
                      owns ? Authenticator.NONE : httpClient.proxyAuthenticator()))
              .addInterceptor(new CallGuard(inFlight))
              .addNetworkInterceptor(new ExchangeFacts(inFlight));
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
            new ConnectionPool(
                maxIdleConnections,
                keepAlive.toNanos(),
                java.util.concurrent.TimeUnit.NANOSECONDS));
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
      Shared shared =
          new Shared(
              client,
              owns,
              withTrailingSlash(url),
              SfcJson.gson(),
              new RetryPolicy(clock, jitter),
              sleeper,
              delay,
              redactor,
              inFlight,
              adaptiveRateLimit ? new RateLimiter(clock, delay, logSink) : null);
      return new Transport(shared, settings);
    }

    @Override
    public String toString() {
      return "Transport.Builder{token=<redacted>}";
    }
  }
}
