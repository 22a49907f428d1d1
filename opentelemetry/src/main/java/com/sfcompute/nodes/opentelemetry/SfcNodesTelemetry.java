package com.sfcompute.nodes.opentelemetry;

import com.sfcompute.nodes.SfcNodes;
import com.sfcompute.nodes.errors.OutcomeUnknownException;
import com.sfcompute.nodes.events.AttemptEvent;
import com.sfcompute.nodes.events.CallEvent;
import com.sfcompute.nodes.events.EventScope;
import com.sfcompute.nodes.events.FleetEvent;
import com.sfcompute.nodes.events.FleetNodeEvent;
import com.sfcompute.nodes.events.RedirectEvent;
import com.sfcompute.nodes.events.RetryEvent;
import com.sfcompute.nodes.events.SfcNodesListener;
import com.sfcompute.nodes.events.WaitEvent;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.context.propagation.TextMapSetter;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Records an {@link SfcNodes} client's work in OpenTelemetry: add it to the client's builder.
 *
 * <pre>{@code
 * SfcNodes client = SfcNodes.builder()
 *     .fromEnv()
 *     .listener(SfcNodesTelemetry.create(openTelemetry))
 *     .build();
 * }</pre>
 *
 * <p>Traces: a span per operation (kind INTERNAL, named after it: {@code nodes.redeploy}), with a
 * CLIENT span per HTTP attempt named {@code METHOD /path/{template}} and carrying the stable HTTP
 * client semantic conventions ({@code http.request.method}, {@code url.full}, {@code
 * server.address}, {@code server.port}, {@code http.response.status_code}, {@code
 * http.request.resend_count} on every resend, {@code error.type} on failure); retries and refused
 * redirects are events of the operation span. A wait is a span ({@code nodes.wait}) with an event
 * per poll, its polls' own operation spans as children; a fleet is a span ({@code fleet.redeploy},
 * ...) with a span per node ({@code fleet.node}), the node's write and wait as children. An
 * operation's parent is the wait or fleet node that made it, else the current context of the thread
 * that called the SDK.
 *
 * <p>Metrics: {@code http.client.request.duration} per attempt, {@code
 * sfc.nodes.client.operation.duration} per operation, {@code sfc.nodes.client.wait.duration} per
 * wait; counters {@code sfc.nodes.client.retries}, {@code sfc.nodes.client.replays}, {@code
 * sfc.nodes.client.outcome_unknown} and {@code sfc.nodes.client.throttled}.
 *
 * <p>Each attempt carries the trace context ({@code traceparent}, with the propagators of the given
 * {@link OpenTelemetry}), unless switched off with {@link Builder#propagateTraceContext}.
 *
 * <p>Nothing the SDK keeps secret reaches a span or metric: the bearer token travels in a header no
 * attribute records, and exception messages are the SDK's, already cleaned of it.
 */
public final class SfcNodesTelemetry implements SfcNodesListener {
  private static final String SCOPE = "com.sfcompute.nodes";

  private final Tracer tracer;
  private final Metrics metrics;
  private final @Nullable TextMapPropagator propagator;

  /** This listener's state on an event scope, under a key of its own. */
  private final Object spanKey = new Object();

  private final Object attemptKey = new Object();

  private SfcNodesTelemetry(Builder b) {
    this.tracer =
        b.openTelemetry
            .getTracerProvider()
            .tracerBuilder(SCOPE)
            .setInstrumentationVersion(SfcNodes.VERSION)
            .build();
    this.metrics = new Metrics(b.openTelemetry.getMeterProvider(), SCOPE, SfcNodes.VERSION);
    this.propagator = b.propagate ? b.openTelemetry.getPropagators().getTextMapPropagator() : null;
  }

  /** A listener recording to {@code openTelemetry}, with trace context propagated. */
  public static SfcNodesTelemetry create(OpenTelemetry openTelemetry) {
    return builder(openTelemetry).build();
  }

  /** A builder, for the options. */
  public static Builder builder(OpenTelemetry openTelemetry) {
    return new Builder(openTelemetry);
  }

  @Override
  public void callStarted(CallEvent call) {
    Context parent = parentOf(call);
    AttributesBuilder a =
        Attributes.builder()
            .put(Keys.OPERATION, call.operation())
            .put(Keys.HTTP_METHOD, call.httpMethod());
    putIfNotNull(a, Keys.TARGET, call.target());
    putIfNotNull(a, Keys.IDEMPOTENCY_KEY, call.idempotencyKey());
    Span span =
        tracer
            .spanBuilder(call.operation())
            .setSpanKind(SpanKind.INTERNAL)
            .setParent(parent)
            .setAllAttributes(a.build())
            .startSpan();
    call.put(spanKey, parent.with(span));
  }

  @Override
  public void attemptStarted(AttemptEvent attempt) {
    CallEvent call = attempt.call();
    Context parentContext = contextOf(call);
    AttributesBuilder a =
        Attributes.builder()
            .put(Keys.HTTP_METHOD, call.httpMethod())
            .put(Keys.URL_FULL, attempt.url())
            .put(Keys.URL_TEMPLATE, call.urlTemplate())
            .put(Keys.SERVER_ADDRESS, attempt.serverAddress())
            .put(Keys.SERVER_PORT, (long) attempt.serverPort());
    if (attempt.resendCount() > 0) {
      a.put(Keys.RESEND_COUNT, (long) attempt.resendCount());
    }
    Span span =
        tracer
            .spanBuilder(call.httpMethod() + " " + call.urlTemplate())
            .setSpanKind(SpanKind.CLIENT)
            .setParent(parentContext)
            .setAllAttributes(a.build())
            .startSpan();
    call.put(attemptKey, span);
    TextMapPropagator p = propagator;
    if (p != null) {
      p.inject(parentContext.with(span), attempt, Setter.INSTANCE);
    }
  }

  @Override
  public void attemptEnded(AttemptEvent attempt) {
    CallEvent call = attempt.call();
    Object held = call.get(attemptKey);
    if (!(held instanceof Span)) {
      return;
    }
    call.put(attemptKey, null);
    Span span = (Span) held;
    int status = attempt.statusCode();
    String errorType = null;
    if (status > 0) {
      span.setAttribute(Keys.STATUS_CODE, (long) status);
      if (status >= 400) {
        errorType = Integer.toString(status);
      }
      if (status == 429) {
        metrics.throttled.add(1, Attributes.of(Keys.OPERATION, call.operation()));
      }
    }
    Throwable error = attempt.error();
    if (error != null) {
      errorType = errorType(error);
    }
    String protocol = attempt.protocolVersion();
    if (protocol != null) {
      span.setAttribute(Keys.PROTOCOL_VERSION, protocol);
    }
    if (attempt.requestBodySize() > 0) {
      span.setAttribute(Keys.REQUEST_BODY_SIZE, attempt.requestBodySize());
    }
    if (attempt.responseBodySize() >= 0) {
      span.setAttribute(Keys.RESPONSE_BODY_SIZE, attempt.responseBodySize());
    }
    if (errorType != null) {
      span.setAttribute(Keys.ERROR_TYPE, errorType);
      span.setStatus(StatusCode.ERROR);
    }
    span.end();
    AttributesBuilder m =
        Attributes.builder()
            .put(Keys.HTTP_METHOD, call.httpMethod())
            .put(Keys.URL_TEMPLATE, call.urlTemplate())
            .put(Keys.SERVER_ADDRESS, attempt.serverAddress())
            .put(Keys.SERVER_PORT, (long) attempt.serverPort());
    if (status > 0) {
      m.put(Keys.STATUS_CODE, (long) status);
    }
    putIfNotNull(m, Keys.ERROR_TYPE, errorType);
    metrics.requestDuration.record(seconds(attempt.duration().toNanos()), m.build());
  }

  @Override
  public void retryScheduled(RetryEvent retry) {
    CallEvent call = retry.call();
    Attributes a =
        Attributes.builder()
            .put(Keys.OPERATION, call.operation())
            .put(Keys.RESEND_REASON, retry.reason().name().toLowerCase(java.util.Locale.ROOT))
            .build();
    (retry.countsAsRetry() ? metrics.retries : metrics.replays).add(1, a);
    Span span = spanOf(call);
    if (span != null) {
      AttributesBuilder e =
          Attributes.builder()
              .put(Keys.RESEND_REASON, retry.reason().name().toLowerCase(java.util.Locale.ROOT))
              .put(Keys.RESEND_DELAY, retry.delay().toMillis() / 1000.0)
              .put(Keys.COUNTS_AS_RETRY, retry.countsAsRetry());
      if (retry.statusCode() > 0) {
        e.put(Keys.STATUS_CODE, (long) retry.statusCode());
      }
      span.addEvent(retry.countsAsRetry() ? "retry" : "replay", e.build());
    }
  }

  @Override
  public void redirectRefused(RedirectEvent redirect) {
    Span span = spanOf(redirect.call());
    if (span != null) {
      AttributesBuilder e =
          Attributes.builder().put(Keys.STATUS_CODE, (long) redirect.statusCode());
      putIfNotNull(e, Keys.REDIRECT_LOCATION, redirect.location());
      span.addEvent("redirect refused", e.build());
    }
  }

  @Override
  public void callEnded(CallEvent call) {
    Span span = spanOf(call);
    Throwable error = call.error();
    String errorType = error == null ? null : errorType(error);
    if (span != null) {
      span.setAttribute(Keys.ATTEMPTS, (long) call.attempts());
      if (call.statusCode() > 0) {
        span.setAttribute(Keys.STATUS_CODE, (long) call.statusCode());
      }
      String requestId = call.requestId();
      if (requestId != null) {
        span.setAttribute(Keys.REQUEST_ID, requestId);
      }
      if (error != null) {
        span.setAttribute(Keys.ERROR_TYPE, errorType);
        span.recordException(error);
        span.setStatus(StatusCode.ERROR, Objects.toString(error.getMessage(), ""));
      }
      span.end();
      call.put(spanKey, null);
    }
    AttributesBuilder m = Attributes.builder().put(Keys.OPERATION, call.operation());
    putIfNotNull(m, Keys.ERROR_TYPE, errorType);
    metrics.operationDuration.record(seconds(call.duration().toNanos()), m.build());
    if (error instanceof OutcomeUnknownException) {
      metrics.outcomeUnknown.add(1, Attributes.of(Keys.OPERATION, call.operation()));
    }
  }

  @Override
  public void waitStarted(WaitEvent wait) {
    Context parent = parentOf(wait);
    Span span =
        tracer
            .spanBuilder("nodes.wait")
            .setSpanKind(SpanKind.INTERNAL)
            .setParent(parent)
            .setAttribute(Keys.TARGET, wait.target())
            .setAttribute(Keys.WAIT_GOAL, wait.goal())
            .startSpan();
    wait.put(spanKey, parent.with(span));
  }

  @Override
  public void waitPolled(WaitEvent wait) {
    Span span = spanOf(wait);
    if (span == null) {
      return;
    }
    AttributesBuilder e = Attributes.builder().put(Keys.POLLS, (long) wait.polls());
    putIfNotNull(e, Keys.NODE_STATUS, wait.nodeStatus());
    putIfNotNull(e, Keys.VM_STATUS, wait.vmStatus());
    Throwable failed = wait.pollError();
    if (failed != null) {
      e.put(Keys.ERROR_TYPE, errorType(failed));
    }
    e.put(Keys.NEXT_POLL, wait.nextDelay().toMillis() / 1000.0);
    span.addEvent("poll", e.build());
  }

  @Override
  public void waitEnded(WaitEvent wait) {
    Span span = spanOf(wait);
    Throwable error = wait.error();
    String errorType = error == null ? null : errorType(error);
    if (span != null) {
      span.setAttribute(Keys.POLLS, (long) wait.polls());
      if (error != null) {
        span.setAttribute(Keys.ERROR_TYPE, errorType);
        span.recordException(error);
        span.setStatus(StatusCode.ERROR, Objects.toString(error.getMessage(), ""));
      }
      span.end();
      wait.put(spanKey, null);
    }
    AttributesBuilder m = Attributes.builder().put(Keys.WAIT_GOAL, wait.goal());
    putIfNotNull(m, Keys.ERROR_TYPE, errorType);
    metrics.waitDuration.record(seconds(wait.elapsed().toNanos()), m.build());
  }

  @Override
  public void fleetStarted(FleetEvent fleet) {
    Context parent = parentOf(fleet);
    Span span =
        tracer
            .spanBuilder(fleet.operation())
            .setSpanKind(SpanKind.INTERNAL)
            .setParent(parent)
            .setAttribute(Keys.FLEET_SIZE, (long) fleet.size())
            .setAttribute(Keys.FLEET_WAITS, fleet.waits())
            .startSpan();
    fleet.put(spanKey, parent.with(span));
  }

  @Override
  public void fleetNodeStarted(FleetNodeEvent node) {
    Context parent = parentOf(node);
    Span span =
        tracer
            .spanBuilder("fleet.node")
            .setSpanKind(SpanKind.INTERNAL)
            .setParent(parent)
            .setAttribute(Keys.TARGET, node.target())
            .setAttribute(Keys.FLEET_INDEX, (long) node.index())
            .setAttribute(Keys.IDEMPOTENCY_KEY, node.idempotencyKey())
            .startSpan();
    node.put(spanKey, parent.with(span));
  }

  @Override
  public void fleetNodeEnded(FleetNodeEvent node) {
    Span span = spanOf(node);
    if (span == null) {
      return;
    }
    if (node.outcome() != null) {
      span.setAttribute(Keys.FLEET_OUTCOME, String.valueOf(node.outcome()));
    }
    Throwable error = node.error();
    if (error != null) {
      span.setAttribute(Keys.ERROR_TYPE, errorType(error));
      span.recordException(error);
      span.setStatus(StatusCode.ERROR, Objects.toString(error.getMessage(), ""));
    }
    span.end();
    node.put(spanKey, null);
  }

  @Override
  public void fleetEnded(FleetEvent fleet) {
    Span span = spanOf(fleet);
    if (span == null) {
      return;
    }
    span.setAttribute(Keys.FLEET_SUCCEEDED, (long) fleet.succeeded());
    if (fleet.succeeded() < fleet.size()) {
      span.setStatus(StatusCode.ERROR, (fleet.size() - fleet.succeeded()) + " nodes failed");
    }
    span.end();
    fleet.put(spanKey, null);
  }

  /**
   * The context of the span this listener started for the scope's parent (a wait, a fleet node),
   * else the current context of the thread that called the SDK.
   */
  private Context parentOf(EventScope scope) {
    EventScope parent = scope.parent();
    return parent == null ? Context.current() : contextOf(parent);
  }

  /** The context of the span this listener started for {@code scope}, else the current one. */
  private Context contextOf(EventScope scope) {
    Object held = scope.get(spanKey);
    return held instanceof Context ? (Context) held : Context.current();
  }

  private @Nullable Span spanOf(EventScope scope) {
    Object held = scope.get(spanKey);
    return held instanceof Context ? Span.fromContextOrNull((Context) held) : null;
  }

  /** {@code error.type}: the exception's class name, a cancellation as {@code cancelled}. */
  private static String errorType(Throwable error) {
    return error instanceof CancellationException ? "cancelled" : error.getClass().getName();
  }

  private static double seconds(long nanos) {
    return nanos / (double) TimeUnit.SECONDS.toNanos(1);
  }

  private static void putIfNotNull(
      AttributesBuilder b,
      io.opentelemetry.api.common.AttributeKey<String> key,
      @Nullable String v) {
    if (v != null) {
      b.put(key, v);
    }
  }

  @Override
  public String toString() {
    return "SfcNodesTelemetry{propagateTraceContext=" + (propagator != null) + "}";
  }

  /** Adds trace headers to an attempt; a header the SDK refuses is left out. */
  private enum Setter implements TextMapSetter<AttemptEvent> {
    INSTANCE;

    @Override
    public void set(@Nullable AttemptEvent attempt, String key, String value) {
      if (attempt == null) {
        return;
      }
      try {
        attempt.setHeader(key, value);
      } catch (IllegalArgumentException e) {
        // A header the SDK sets itself (or the caller set on the client): it stays as it was.
      }
    }
  }

  /** Builds {@link SfcNodesTelemetry}. */
  public static final class Builder {
    private final OpenTelemetry openTelemetry;
    private boolean propagate = true;

    private Builder(OpenTelemetry openTelemetry) {
      this.openTelemetry = Objects.requireNonNull(openTelemetry, "openTelemetry");
    }

    /**
     * Whether each attempt carries the trace context (W3C {@code traceparent}, or whatever the
     * OpenTelemetry instance's propagators write); default true.
     */
    public Builder propagateTraceContext(boolean on) {
      this.propagate = on;
      return this;
    }

    /** The listener, to pass to {@code SfcNodes.Builder.listener}. */
    public SfcNodesTelemetry build() {
      return new SfcNodesTelemetry(this);
    }
  }
}
