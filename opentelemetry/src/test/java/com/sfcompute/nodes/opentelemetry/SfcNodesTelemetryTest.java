package com.sfcompute.nodes.opentelemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sfcompute.nodes.CreateNodesParams;
import com.sfcompute.nodes.FleetOptions;
import com.sfcompute.nodes.FleetResult;
import com.sfcompute.nodes.RedeployParams;
import com.sfcompute.nodes.SfcNodes;
import com.sfcompute.nodes.errors.OutcomeUnknownException;
import com.sfcompute.nodes.errors.SfcNodesException;
import com.sfcompute.nodes.mock.Fault;
import com.sfcompute.nodes.mock.MockNodesServer;
import com.sfcompute.nodes.mock.ReceivedRequest;
import com.sfcompute.nodes.model.Node;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The OpenTelemetry listener against the stand-in, with faults injected, read back through the
 * OpenTelemetry SDK's in-memory span exporter and metric reader.
 */
class SfcNodesTelemetryTest {
  private static final String TOKEN = "sk-otel-test-0123456789";

  private final InMemorySpanExporter spans = InMemorySpanExporter.create();
  private final InMemoryMetricReader metrics = InMemoryMetricReader.create();
  private OpenTelemetrySdk otel;
  private MockNodesServer api;
  private SfcNodes client;

  @BeforeEach
  void setUp() {
    otel =
        OpenTelemetrySdk.builder()
            .setTracerProvider(
                SdkTracerProvider.builder()
                    .addSpanProcessor(SimpleSpanProcessor.create(spans))
                    .build())
            .setMeterProvider(SdkMeterProvider.builder().registerMetricReader(metrics).build())
            .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
            .build();
    api = MockNodesServer.builder().token(TOKEN).transitionDelay(Duration.ofMillis(200)).start();
    client = clientOf(api.baseUrl(), SfcNodesTelemetry.create(otel));
  }

  private SfcNodes clientOf(String baseUrl, SfcNodesTelemetry telemetry) {
    return SfcNodes.builder().bearerToken(TOKEN).baseUrl(baseUrl).listener(telemetry).build();
  }

  @AfterEach
  void tearDown() {
    client.close();
    api.close();
    otel.close();
  }

  /** A node, created and running. */
  private String createNode(String name) {
    String image = client.vms().images().list().getData().get(0).getImageId();
    String id =
        client
            .nodes()
            .create(
                CreateNodesParams.builder()
                    .desiredCount(1)
                    .maxPricePerNodeHour(1000)
                    .zone("hayesvalley")
                    .names(name)
                    .imageId(image)
                    .build())
            .getData()
            .get(0)
            .getId();
    client
        .waiters()
        .waitUntilRunning(
            id,
            com.sfcompute.nodes.WaitOptions.builder().pollInterval(Duration.ofMillis(50)).build());
    return id;
  }

  @Test
  void aRetriedReadIsOneOperationSpanWithTwoAttemptSpans() {
    String id = createNode("otel-1");
    spans.reset();
    api.faults().next(1, "GET", "/v1/nodes/*", Fault.status(503));

    client.nodes().get(id);

    SpanData operation = only(named("nodes.get"));
    assertEquals(SpanKind.INTERNAL, operation.getKind());
    assertEquals(id, operation.getAttributes().get(AttributeKey.stringKey("sfc.nodes.target")));
    List<SpanData> attempts = childrenOf(operation);
    assertEquals(2, attempts.size(), tree());
    SpanData first = attempts.get(0);
    SpanData second = attempts.get(1);
    assertEquals(SpanKind.CLIENT, first.getKind());
    assertEquals("GET /v1/nodes/{id}", first.getName());
    assertEquals("GET", first.getAttributes().get(AttributeKey.stringKey("http.request.method")));
    assertEquals(
        503L, first.getAttributes().get(AttributeKey.longKey("http.response.status_code")));
    assertEquals("503", first.getAttributes().get(AttributeKey.stringKey("error.type")));
    assertEquals(StatusCode.ERROR, first.getStatus().getStatusCode());
    assertNull(first.getAttributes().get(AttributeKey.longKey("http.request.resend_count")));
    assertEquals(1L, second.getAttributes().get(AttributeKey.longKey("http.request.resend_count")));
    assertEquals(
        200L, second.getAttributes().get(AttributeKey.longKey("http.response.status_code")));
    assertNull(second.getAttributes().get(AttributeKey.stringKey("error.type")));
    assertTrue(
        second.getAttributes().get(AttributeKey.stringKey("url.full")).endsWith("/v1/nodes/" + id));
    assertEquals(
        (long) okhttp3.HttpUrl.get(api.baseUrl()).port(),
        second.getAttributes().get(AttributeKey.longKey("server.port")));
    assertTrue(
        operation.getEvents().stream().anyMatch(e -> e.getName().equals("retry")),
        "the retry is an event of the operation span");
    assertEquals(1, counter("sfc.nodes.client.retries"));
    assertTrue(histogramCount("http.client.request.duration") >= 2);
    System.out.println("A retried read:\n" + tree());
  }

  @Test
  void aThrottledReadCountsAsThrottledAndRetried() {
    String id = createNode("otel-429");
    spans.reset();
    api.faults().next(1, "GET", "/v1/nodes/*", Fault.tooManyRequests(Duration.ofMillis(20)));

    client.nodes().get(id);

    assertEquals(1, counter("sfc.nodes.client.throttled"));
    assertEquals(1, counter("sfc.nodes.client.retries"));
    SpanData operation = only(named("nodes.get"));
    assertEquals(
        "throttled",
        operation
            .getEvents()
            .get(0)
            .getAttributes()
            .get(AttributeKey.stringKey("sfc.nodes.resend.reason")));
  }

  @Test
  void eachAttemptCarriesItsOwnSpanAsTraceparent() {
    String id = createNode("otel-2");
    spans.reset();
    api.faults().next(1, "GET", "/v1/nodes/*", Fault.status(503));
    int before = api.requests().size();

    client.nodes().get(id);

    List<ReceivedRequest> sent = api.requests().subList(before, api.requests().size());
    List<SpanData> attempts = childrenOf(only(named("nodes.get")));
    assertEquals(2, sent.size());
    for (int i = 0; i < 2; i++) {
      SpanData attempt = attempts.get(i);
      String expected =
          "00-"
              + attempt.getTraceId()
              + "-"
              + attempt.getSpanId()
              + "-"
              + attempt.getSpanContext().getTraceFlags().asHex();
      assertEquals(expected, sent.get(i).header("traceparent"));
    }
  }

  @Test
  void propagationCanBeSwitchedOff() {
    client.close();
    client =
        clientOf(
            api.baseUrl(), SfcNodesTelemetry.builder(otel).propagateTraceContext(false).build());
    int before = api.requests().size();

    client.zones().list();

    assertNull(api.requests().get(before).header("traceparent"));
    assertEquals(1, named("zones.list").size());
  }

  @Test
  void aLostWriteShowsOutcomeUnknownOnItsOperationSpan() {
    String id = createNode("otel-3");
    spans.reset();
    api.faults().next(1, "PUT", "/v1/nodes/*/redeploy", Fault.dropAfterAction());

    SfcNodes noRetries =
        SfcNodes.builder()
            .bearerToken(TOKEN)
            .baseUrl(api.baseUrl())
            .maxRetries(0)
            .listener(SfcNodesTelemetry.create(otel))
            .build();
    try {
      assertThrows(
          OutcomeUnknownException.class,
          () -> noRetries.nodes().redeploy(id, RedeployParams.builder().build()));
    } finally {
      noRetries.close();
    }

    SpanData operation = only(named("nodes.redeploy"));
    assertEquals(StatusCode.ERROR, operation.getStatus().getStatusCode());
    assertEquals(
        OutcomeUnknownException.class.getName(),
        operation.getAttributes().get(AttributeKey.stringKey("error.type")));
    assertNotNull(
        operation.getAttributes().get(AttributeKey.stringKey("sfc.nodes.idempotency_key")));
    assertTrue(operation.getEvents().stream().anyMatch(e -> e.getName().equals("exception")));
    assertEquals(1, counter("sfc.nodes.client.outcome_unknown"));
  }

  @Test
  void aFleetIsOneSpanWithASpanPerNodeAndTheirWritesAndWaitsBelow() {
    for (String name : Arrays.asList("fleet-1", "fleet-2", "fleet-3")) {
      createNode(name);
    }
    spans.reset();

    List<FleetResult<Node>> results =
        client
            .fleet()
            .redeploy(
                Arrays.asList("fleet-1", "fleet-2", "fleet-3"),
                RedeployParams.builder().build(),
                FleetOptions.builder()
                    .waitForRedeploy(
                        com.sfcompute.nodes.WaitOptions.builder()
                            .pollInterval(Duration.ofMillis(100))
                            .build())
                    .build());

    assertTrue(results.stream().allMatch(FleetResult::isSuccess), results.toString());
    SpanData fleet = only(named("fleet.redeploy"));
    List<SpanData> nodes =
        childrenOf(fleet).stream()
            .filter(s -> s.getName().equals("fleet.node"))
            .collect(Collectors.toList());
    assertEquals(3, nodes.size(), tree());
    for (SpanData node : nodes) {
      List<String> below =
          childrenOf(node).stream().map(SpanData::getName).collect(Collectors.toList());
      assertTrue(below.contains("nodes.redeploy"), below.toString());
      assertTrue(below.contains("nodes.wait"), below.toString());
      assertEquals(
          "SUCCEEDED", node.getAttributes().get(AttributeKey.stringKey("sfc.nodes.fleet.outcome")));
    }
    SpanData wait = named("nodes.wait").get(0);
    assertFalse(wait.getEvents().isEmpty(), "its polls are events");
    assertEquals("poll", wait.getEvents().get(0).getName());
    System.out.println("A fleet of three:\n" + tree());
  }

  @Test
  void theTokenReachesNoSpanEventAttributeOrMetricEvenWhenEchoed() throws Exception {
    try (MockWebServer echo = new MockWebServer()) {
      echo.setDispatcher(
          new okhttp3.mockwebserver.Dispatcher() {
            @Override
            public MockResponse dispatch(okhttp3.mockwebserver.RecordedRequest request) {
              String auth = String.valueOf(request.getHeader("Authorization"));
              return new MockResponse()
                  .setResponseCode(500)
                  .setHeader("X-Echo", auth)
                  .setHeader("Content-Type", "application/json")
                  .setBody("{\"error\":{\"type\":\"internal\",\"message\":\"got " + auth + "\"}}");
            }
          });
      echo.start();
      SfcNodes echoed = clientOf(echo.url("/").toString(), SfcNodesTelemetry.create(otel));
      try {
        assertThrows(SfcNodesException.class, () -> echoed.nodes().get("n_1"));
      } finally {
        echoed.close();
      }
    }

    String everything =
        spans.getFinishedSpanItems().toString() + metrics.collectAllMetrics().toString();
    assertTrue(everything.contains("nodes.get"), "the spans are there");
    assertFalse(everything.contains(TOKEN), "the token leaked into telemetry");
    assertFalse(everything.contains(TOKEN.substring(3, 15)), "part of the token leaked");
  }

  private List<SpanData> named(String name) {
    return spans.getFinishedSpanItems().stream()
        .filter(s -> s.getName().equals(name))
        .collect(Collectors.toList());
  }

  private static SpanData only(List<SpanData> found) {
    assertEquals(1, found.size(), found.toString());
    return found.get(0);
  }

  private List<SpanData> childrenOf(SpanData parent) {
    List<SpanData> children = new ArrayList<>();
    for (SpanData s : spans.getFinishedSpanItems()) {
      if (s.getParentSpanId().equals(parent.getSpanId())
          && s.getTraceId().equals(parent.getTraceId())) {
        children.add(s);
      }
    }
    children.sort((a, b) -> Long.compare(a.getStartEpochNanos(), b.getStartEpochNanos()));
    return children;
  }

  /** The finished spans as an indented tree, roots first, children by start time. */
  private String tree() {
    StringBuilder out = new StringBuilder();
    List<SpanData> all = new ArrayList<>(spans.getFinishedSpanItems());
    all.sort((a, b) -> Long.compare(a.getStartEpochNanos(), b.getStartEpochNanos()));
    for (SpanData s : all) {
      boolean root = all.stream().noneMatch(p -> p.getSpanId().equals(s.getParentSpanId()));
      if (root) {
        print(s, 0, out);
      }
    }
    return out.toString();
  }

  private void print(SpanData span, int depth, StringBuilder out) {
    for (int i = 0; i < depth; i++) {
      out.append("  ");
    }
    out.append(span.getName()).append(" [").append(span.getKind()).append("]");
    Long status = span.getAttributes().get(AttributeKey.longKey("http.response.status_code"));
    if (status != null) {
      out.append(" status=").append(status);
    }
    Long resend = span.getAttributes().get(AttributeKey.longKey("http.request.resend_count"));
    if (resend != null) {
      out.append(" resend_count=").append(resend);
    }
    String error = span.getAttributes().get(AttributeKey.stringKey("error.type"));
    if (error != null) {
      out.append(" error.type=").append(error);
    }
    span.getEvents().forEach(e -> out.append(" (").append(e.getName()).append(")"));
    out.append('\n');
    for (SpanData child : childrenOf(span)) {
      print(child, depth + 1, out);
    }
  }

  private long counter(String name) {
    return find(name).getLongSumData().getPoints().stream().mapToLong(p -> p.getValue()).sum();
  }

  private long histogramCount(String name) {
    return find(name).getHistogramData().getPoints().stream().mapToLong(p -> p.getCount()).sum();
  }

  private MetricData find(String name) {
    Collection<MetricData> all = metrics.collectAllMetrics();
    return all.stream()
        .filter(m -> m.getName().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no metric " + name + " in " + all));
  }
}
