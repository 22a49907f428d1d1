package com.sfcompute.nodes.benchmarks;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * What every group of measurements shares: the run's settings, the report its rows and figures go
 * to, and the JMH plumbing.
 */
abstract class Group {
  /** The callers of the throughput benchmarks (JMH's threads, the interleaved group's pool). */
  static final int CALLERS = 16;

  final Settings settings;
  private final boolean verbose;
  final List<Row> rows;
  final List<String> absolute;

  Group(Settings settings, boolean verbose, Report report) {
    this.settings = settings;
    this.verbose = verbose;
    this.rows = report.rows;
    this.absolute = report.absolute;
  }

  /** Runs the group's measurements, adding its rows and figures to the report. */
  abstract void run() throws Exception;

  final ChainedOptionsBuilder base() {
    return new OptionsBuilder()
        .forks(settings.forks)
        .warmupIterations(settings.warmupIterations)
        .warmupTime(TimeValue.milliseconds(settings.iterationMillis))
        .measurementIterations(settings.measurementIterations)
        .measurementTime(TimeValue.milliseconds(settings.iterationMillis))
        // A fixed heap, the same for every fork: the 10,000-node list needs a few hundred MB.
        .jvmArgsAppend("-Xms1g", "-Xmx1g")
        .shouldFailOnError(true)
        .verbosity(verbose ? VerboseMode.NORMAL : VerboseMode.SILENT);
  }

  final RunResult jmh(Class<?> benchmarks, String method, ChainedOptionsBuilder options)
      throws RunnerException {
    System.out.printf(Locale.ROOT, "  running %s.%s%n", benchmarks.getSimpleName(), method);
    Collection<RunResult> run =
        new Runner(options.include("^" + benchmarks.getName() + "\\." + method + "$").build())
            .run();
    if (run.size() != 1) {
      throw new IllegalStateException(
          benchmarks.getSimpleName() + "." + method + " gave " + run.size() + " results");
    }
    return run.iterator().next();
  }

  static double p50(RunResult r) {
    return r.getPrimaryResult().getStatistics().getPercentile(50);
  }

  static double secondary(RunResult r, String label) {
    Result<?> result = r.getSecondaryResults().get(label);
    return result == null ? Double.NaN : result.getScore();
  }

  /** Where the jar (or the classes directory) is: benchmarks/target. */
  static Path outputDirectory() {
    try {
      Path here =
          Paths.get(Suite.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      return here.getParent();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }
}
