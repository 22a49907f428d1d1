package com.sfcompute.nodes.benchmarks;

import java.lang.management.ManagementFactory;
import java.util.Collection;
import java.util.Collections;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * CPU time per operation of everything in the benchmark JVM but the canned server: the calling
 * threads, OkHttp's threads, GC and JIT. Process CPU time minus the server threads' CPU time,
 * divided by the operations of the iteration. Reported as {@code cpu.client.norm} (ns/op).
 *
 * <p>The server's share is left out because it is the same canned answer on both sides and would
 * only dilute the ratio; GC and JIT are kept because the client's allocation causes them.
 */
public final class ClientCpuProfiler implements InternalProfiler {
  static final String LABEL = "cpu.client.norm";

  private long processStart;
  private long serverStart;

  @Override
  public String getDescription() {
    return "CPU time per op outside the canned server's threads";
  }

  @Override
  public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
    serverStart = CannedServer.cpuNanos();
    processStart = processCpuNanos();
  }

  @Override
  public Collection<? extends Result<?>> afterIteration(
      BenchmarkParams benchmarkParams, IterationParams iterationParams, IterationResult result) {
    long process = processCpuNanos() - processStart;
    long server = CannedServer.cpuNanos() - serverStart;
    long ops = result.getMetadata().getAllOps();
    double perOp = ops == 0 ? Double.NaN : (process - server) / (double) ops;
    return Collections.singletonList(
        new ScalarResult(LABEL, perOp, "ns/op", AggregationPolicy.AVG));
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }
}
