package com.sfcompute.nodes.opentelemetry;

import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.metrics.MeterProvider;
import java.util.Arrays;
import java.util.List;

/** The instruments, created once per listener. */
final class Metrics {
  /** The semantic conventions' advice for {@code http.client.request.duration}, in seconds. */
  private static final List<Double> HTTP_BUCKETS =
      Arrays.asList(
          0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1.0, 2.5, 5.0, 7.5, 10.0);

  /** Waits last minutes: a GPU VM boots in several. */
  private static final List<Double> WAIT_BUCKETS =
      Arrays.asList(1.0, 5.0, 15.0, 30.0, 60.0, 120.0, 180.0, 300.0, 600.0, 900.0, 1800.0);

  final DoubleHistogram requestDuration;
  final DoubleHistogram operationDuration;
  final DoubleHistogram waitDuration;
  final LongCounter retries;
  final LongCounter replays;
  final LongCounter outcomeUnknown;
  final LongCounter throttled;

  Metrics(MeterProvider provider, String scope, String version) {
    Meter meter = provider.meterBuilder(scope).setInstrumentationVersion(version).build();
    requestDuration =
        meter
            .histogramBuilder("http.client.request.duration")
            .setUnit("s")
            .setDescription("Duration of HTTP client requests.")
            .setExplicitBucketBoundariesAdvice(HTTP_BUCKETS)
            .build();
    operationDuration =
        meter
            .histogramBuilder("sfc.nodes.client.operation.duration")
            .setUnit("s")
            .setDescription("Duration of SDK operations, over all their attempts and waits.")
            .setExplicitBucketBoundariesAdvice(HTTP_BUCKETS)
            .build();
    waitDuration =
        meter
            .histogramBuilder("sfc.nodes.client.wait.duration")
            .setUnit("s")
            .setDescription("How long a wait for a node took, to its goal or its end.")
            .setExplicitBucketBoundariesAdvice(WAIT_BUCKETS)
            .build();
    retries =
        meter
            .counterBuilder("sfc.nodes.client.retries")
            .setUnit("{retry}")
            .setDescription("Resends that used one of a call's retries.")
            .build();
    replays =
        meter
            .counterBuilder("sfc.nodes.client.replays")
            .setUnit("{replay}")
            .setDescription("Resends of requests not processed: dead connections, refused streams.")
            .build();
    outcomeUnknown =
        meter
            .counterBuilder("sfc.nodes.client.outcome_unknown")
            .setUnit("{call}")
            .setDescription(
                "Writes whose outcome the client cannot know (OutcomeUnknownException).")
            .build();
    throttled =
        meter
            .counterBuilder("sfc.nodes.client.throttled")
            .setUnit("{response}")
            .setDescription("Answers 429 (Too Many Requests).")
            .build();
  }
}
