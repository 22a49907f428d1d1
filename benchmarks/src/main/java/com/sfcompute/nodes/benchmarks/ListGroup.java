package com.sfcompute.nodes.benchmarks;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.RunnerException;

/** The list group: {@code nodes().list()} of 10,000 nodes, with JMH. */
final class ListGroup extends Group {
  ListGroup(Settings settings, boolean verbose, Report report) {
    super(settings, verbose, report);
  }

  /** nodes().list() of 10,000 nodes: time and allocation per call. */
  @Override
  void run() throws RunnerException {
    Map<String, RunResult> r = new LinkedHashMap<>();
    for (String name : new String[] {"listRaw", "listSdk"}) {
      RunResult result =
          jmh(
              CallBenchmarks.class,
              name,
              base()
                  .mode(Mode.AverageTime)
                  .timeUnit(TimeUnit.MILLISECONDS)
                  .addProfiler(GCProfiler.class));
      r.put(name, result);
      absolute.add(
          String.format(
              Locale.ROOT,
              "%-12s %,d nodes: %7.2f ms/call, %,.0f B/call",
              name,
              Payloads.LIST_SIZE,
              result.getPrimaryResult().getScore(),
              secondary(result, "gc.alloc.rate.norm")));
    }
    rows.add(
        Row.atMost(
            "list() of 10,000 nodes, time per call",
            r.get("listSdk").getPrimaryResult().getScore(),
            r.get("listRaw").getPrimaryResult().getScore(),
            "ms",
            1.05,
            "SDK / raw"));
    rows.add(
        Row.info(
            "list() of 10,000 nodes, allocation per call",
            secondary(r.get("listSdk"), "gc.alloc.rate.norm"),
            secondary(r.get("listRaw"), "gc.alloc.rate.norm"),
            "B"));
  }
}
