package com.sfcompute.nodes.benchmarks;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.RunnerException;

/** The cold group: the first call of a fresh JVM. */
final class ColdGroup extends Group {
  ColdGroup(Settings settings, boolean verbose, Report report) {
    super(settings, verbose, report);
  }

  /**
   * A fresh JVM per sample: build a client, get one node. The two programs take turns, one fresh
   * JVM each, starting with the other one every other pair, so that a machine whose load drifts
   * weighs on both alike; the medians of the samples are compared.
   */
  @Override
  void run() throws RunnerException {
    String[] names = {"firstCallRaw", "firstCallSdk"};
    Map<String, double[]> samples = new LinkedHashMap<>();
    for (String name : names) {
      samples.put(name, new double[settings.coldForks]);
    }
    for (int i = 0; i < settings.coldForks; i++) {
      for (int k = 0; k < names.length; k++) {
        String name = names[(i + k) % names.length];
        RunResult result =
            jmh(
                ColdStartBenchmarks.class,
                name,
                base()
                    .mode(Mode.SingleShotTime)
                    .timeUnit(TimeUnit.MILLISECONDS)
                    .forks(1)
                    .warmupIterations(0)
                    .measurementIterations(1));
        samples.get(name)[i] = result.getPrimaryResult().getScore();
      }
    }
    for (String name : names) {
      double[] values = samples.get(name);
      absolute.add(
          String.format(
              Locale.ROOT,
              "%-12s median %6.1f ms over %d fresh JVMs, taking turns (min %.1f, max %.1f)",
              name,
              median(values),
              values.length,
              Arrays.stream(values).min().orElse(Double.NaN),
              Arrays.stream(values).max().orElse(Double.NaN)));
    }
    rows.add(
        Row.atMost(
            "cold first call (fresh JVM, build + get)",
            median(samples.get("firstCallSdk")),
            median(samples.get("firstCallRaw")),
            "ms",
            1.15,
            "SDK / raw program, median"));
  }
}
