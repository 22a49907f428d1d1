package com.sfcompute.nodes.benchmarks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.RunnerException;

/** The per-call goals measured with JMH, SDK against the raw floor, round after round. */
final class CallsGroup extends Group {
  private final int rounds;

  /** Each call benchmark's results, round after round: {1 caller, 16 callers}. */
  private final Map<String, List<RunResult[]>> runs = new LinkedHashMap<>();

  CallsGroup(Settings settings, boolean verbose, Report report, int rounds) {
    super(settings, verbose, report);
    this.rounds = rounds;
  }

  /** get, getAsync and redeploy: p50, CPU and allocation at 1 caller; throughput at 1 and 16. */
  @Override
  void run() throws RunnerException {
    // Raw, SDK, second raw: the A/A pair brackets the SDK, so a drift in the machine's load during
    // the run shows up in the A/A ratio instead of hiding in the SDK's. With several rounds, every
    // other round runs in the reverse order, and each ratio is the median of the rounds' ratios.
    String[][] pairs = {
      {"get", "getRawA", "getSdk", "getRawB"},
      {"getAsync", "getAsyncRaw", "getAsyncSdk"},
      {"redeploy", "redeployRaw", "redeploySdk"},
    };
    for (int round = 0; round < rounds; round++) {
      for (String[] pair : pairs) {
        List<String> order = new ArrayList<>(Arrays.asList(pair).subList(1, pair.length));
        if (round % 2 == 1) {
          Collections.reverse(order);
        }
        for (String name : order) {
          callRound(name, round);
        }
      }
    }
    for (String[] pair : pairs) {
      perCallRows(pair[0] + "()", pair[2], pair[1]);
    }
    aaRows();
  }

  private void callRound(String name, int round) throws RunnerException {
    RunResult one =
        jmh(
            CallBenchmarks.class,
            name,
            base()
                .mode(Mode.SampleTime)
                .timeUnit(TimeUnit.MICROSECONDS)
                .threads(1)
                .addProfiler(GCProfiler.class)
                .addProfiler(ClientCpuProfiler.class));
    RunResult sixteen =
        jmh(
            CallBenchmarks.class,
            name,
            base().mode(Mode.Throughput).timeUnit(TimeUnit.SECONDS).threads(CALLERS));
    runs.computeIfAbsent(name, k -> new ArrayList<>()).add(new RunResult[] {one, sixteen});
    absolute.add(
        String.format(
            Locale.ROOT,
            "%-12s %s1 caller: p50 %7.1f us, mean %7.1f us (%6.0f calls/s), CPU %6.1f us/call,"
                + " %,7.0f B/call; 16 callers: %6.0f calls/s",
            name,
            rounds == 1 ? "" : "round " + (round + 1) + ", ",
            P50.cost(one, sixteen),
            THROUGHPUT_1.cost(one, sixteen),
            1e6 / THROUGHPUT_1.cost(one, sixteen),
            CPU.cost(one, sixteen),
            ALLOCATION.cost(one, sixteen),
            sixteen.getPrimaryResult().getScore()));
  }

  /** A cost per call (more is worse) read from a benchmark's 1-caller and 16-caller results. */
  private interface Metric {
    double cost(RunResult oneCaller, RunResult sixteenCallers);
  }

  private static final Metric P50 = (one, sixteen) -> p50(one);
  private static final Metric CPU = (one, sixteen) -> secondary(one, ClientCpuProfiler.LABEL) / 1e3;
  private static final Metric ALLOCATION = (one, sixteen) -> secondary(one, "gc.alloc.rate.norm");

  /** At one caller, time per call is the inverse of calls per second. */
  private static final Metric THROUGHPUT_1 = (one, sixteen) -> one.getPrimaryResult().getScore();

  /** Time per call at 16 callers: 1 / (calls per second), in us. */
  private static final Metric THROUGHPUT_16 =
      (one, sixteen) -> 1e6 / sixteen.getPrimaryResult().getScore();

  /** {median cost of a, median cost of b, median over the rounds of a's cost / b's}. */
  private double[] compare(String a, String b, Metric metric) {
    List<RunResult[]> as = runs.get(a);
    List<RunResult[]> bs = runs.get(b);
    double[] costA = new double[as.size()];
    double[] costB = new double[as.size()];
    double[] ratio = new double[as.size()];
    for (int i = 0; i < as.size(); i++) {
      costA[i] = metric.cost(as.get(i)[0], as.get(i)[1]);
      costB[i] = metric.cost(bs.get(i)[0], bs.get(i)[1]);
      ratio[i] = costA[i] / costB[i];
    }
    return new double[] {median(costA), median(costB), median(ratio)};
  }

  private void perCallRows(String what, String sdk, String raw) {
    double[] p50 = compare(sdk, raw, P50);
    rows.add(
        Row.atMost(
            what + " p50 latency, 1 caller", p50[0], p50[1], p50[2], "us", 1.03, "SDK / raw"));
    double[] cpu = compare(sdk, raw, CPU);
    rows.add(
        Row.atMost(
            what + " CPU per call, 1 caller", cpu[0], cpu[1], cpu[2], "us", 1.03, "SDK / raw"));
    double[] t1 = compare(sdk, raw, THROUGHPUT_1);
    rows.add(Row.throughput(what + " throughput, 1 caller", 1e6 / t1[0], 1e6 / t1[1], t1[2], 1.03));
    double[] t16 = compare(sdk, raw, THROUGHPUT_16);
    rows.add(
        Row.throughput(what + " throughput, 16 callers", 1e6 / t16[0], 1e6 / t16[1], t16[2], 1.03));
    double[] alloc = compare(sdk, raw, ALLOCATION);
    rows.add(
        Row.atMost(
            what + " allocation per call", alloc[0], alloc[1], alloc[2], "B", 1.05, "SDK / raw"));
  }

  private void aaRows() {
    String what = "A/A: raw B / raw A, get() ";
    double[] p50 = compare("getRawB", "getRawA", P50);
    rows.add(Row.aa(what + "p50 latency", p50, "us"));
    rows.add(Row.aa(what + "CPU per call", compare("getRawB", "getRawA", CPU), "us"));
    rows.add(
        Row.aa(
            what + "time per call, 1 caller", compare("getRawB", "getRawA", THROUGHPUT_1), "us"));
    rows.add(
        Row.aa(
            what + "time per call, 16 callers",
            compare("getRawB", "getRawA", THROUGHPUT_16),
            "us"));
    rows.add(Row.aa(what + "allocation per call", compare("getRawB", "getRawA", ALLOCATION), "B"));
  }
}
