package com.sfcompute.nodes.benchmarks;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.RunnerException;

/** The fleet group: many redeploys at once against a slow server. */
final class FleetGroup extends Group {
  FleetGroup(Settings settings, boolean verbose, Report report) {
    super(settings, verbose, report);
  }

  /**
   * 200 redeploys at 50 ms each: SDK fleet vs raw at C = 16 and 64; at C = 32 vs N·L/C and a loop.
   */
  @Override
  void run() throws RunnerException {
    int n = settings.fleetNodes;
    long latency = 50;
    Map<String, Double> ms = new LinkedHashMap<>();
    for (int c : new int[] {16, 64}) {
      for (String name : new String[] {"fleetRaw", "fleetSdk"}) {
        ms.put(name + "@" + c, fleetRun(name, n, latency, c, settings.fleetIterations));
      }
      rows.add(
          Row.atMost(
              "fleet: " + n + " redeploys at " + latency + " ms, C = " + c,
              ms.get("fleetSdk@" + c),
              ms.get("fleetRaw@" + c),
              "ms",
              1.10,
              "SDK / raw, median"));
    }
    double sdk32 = fleetRun("fleetSdk", n, latency, 32, settings.fleetIterations);
    double ideal = (double) n * latency / 32;
    rows.add(
        Row.atMost(
            "fleet: " + n + " redeploys at " + latency + " ms, C = 32, vs N·L/C",
            sdk32,
            ideal,
            "ms",
            1.20,
            "SDK / (N·L/C)"));
    // The same bound for the raw floor: what the machine and OkHttp's defaults allow at all.
    double raw32 = fleetRun("fleetRaw", n, latency, 32, settings.fleetIterations);
    rows.add(
        Row.reference(
            "fleet: " + n + " redeploys at " + latency + " ms, C = 32, raw floor vs N·L/C",
            raw32,
            ideal,
            "ms"));
    // The loop is slow by nature (N·L): in smoke mode it runs fewer nodes, scaled up to N.
    int seqNodes = settings.sequentialNodes;
    double seq = fleetRun("sequentialSdk", seqNodes, latency, 32, 1) * n / seqNodes;
    rows.add(
        Row.atLeast(
            "fleet: C = 32 speed-up over a sequential loop"
                + (seqNodes == n ? "" : " (loop of " + seqNodes + ", scaled)"),
            sdk32,
            seq,
            "ms",
            20,
            "loop / fleet"));
  }

  private double fleetRun(String name, int nodes, long latency, int concurrency, int iterations)
      throws RunnerException {
    RunResult result =
        jmh(
            FleetBenchmarks.class,
            name,
            base()
                .mode(Mode.SingleShotTime)
                .timeUnit(TimeUnit.MILLISECONDS)
                .warmupIterations(name.equals("sequentialSdk") ? 0 : settings.fleetWarmups)
                .measurementIterations(iterations)
                .param("nodes", String.valueOf(nodes))
                .param("latencyMillis", String.valueOf(latency))
                .param("concurrency", String.valueOf(concurrency)));
    double median = p50(result);
    absolute.add(
        String.format(
            Locale.ROOT,
            "%-13s %d nodes, %d ms each, C = %2d: median %7.1f ms (min %.1f, max %.1f)",
            name,
            nodes,
            latency,
            concurrency,
            median,
            result.getPrimaryResult().getStatistics().getMin(),
            result.getPrimaryResult().getStatistics().getMax()));
    return median;
  }
}
