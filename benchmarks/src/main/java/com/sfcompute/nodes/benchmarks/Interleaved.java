package com.sfcompute.nodes.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jspecify.annotations.Nullable;

/**
 * Two clients compared in one JVM, call batch against call batch, taking turns: the second
 * instrument of the per-call goals. JMH's forks each compile the code their own way and meet the
 * machine's load at their own moment, which on a shared machine moves two identical clients apart
 * by more than the 3 % the goals allow. Here both clients are warmed up and compiled in the same
 * JVM, then run in short alternating batches (A B, B A, ...), so that drift in the machine's load
 * falls on both alike; each pair of rounds (one in each order) gives a ratio of wall time and of
 * CPU time (of the Java threads, minus the canned server's), and the median of the pairs' ratios is
 * the figure.
 */
final class Interleaved {
  /** One call of a client; what it returns is checked, so that a broken side fails the run. */
  @FunctionalInterface
  interface Call {
    Object run() throws Exception;
  }

  /** The medians of the rounds: wall time and CPU time per call of each side, and their ratios. */
  static final class Result {
    final double wallA;
    final double wallB;
    final double wallRatio;
    final double cpuA;
    final double cpuB;
    final double cpuRatio;

    Result(double[] wallA, double[] wallB, double[] cpuA, double[] cpuB) {
      this.wallA = median(wallA);
      this.wallB = median(wallB);
      this.cpuA = median(cpuA);
      this.cpuB = median(cpuB);
      this.wallRatio = pairedRatio(wallA, wallB);
      this.cpuRatio = pairedRatio(cpuA, cpuB);
    }

    /**
     * The median over pairs of rounds (A then B, B then A) of A's sum over B's: whichever side runs
     * second in a round may gain or lose from the first, and a pair holds each order once.
     */
    private static double pairedRatio(double[] a, double[] b) {
      double[] ratios = new double[a.length / 2];
      for (int i = 0; i < ratios.length; i++) {
        ratios[i] = (a[2 * i] + a[2 * i + 1]) / (b[2 * i] + b[2 * i + 1]);
      }
      return median(ratios);
    }
  }

  private Interleaved() {}

  /**
   * {@code a} against {@code b}: {@code warmupCalls} of each (alternating), then {@code rounds}
   * rounds (an even number) of {@code batch} calls of each, the order reversed every other round.
   */
  static Result compare(Call a, Call b, int warmupCalls, int rounds, int batch) throws Exception {
    return compare(a, b, 1, warmupCalls, rounds, batch);
  }

  /**
   * The same with {@code callers} threads calling at once: each batch of {@code batch} calls is
   * shared among them, and its wall time per call is the inverse of the throughput.
   */
  static Result compare(Call a, Call b, int callers, int warmupCalls, int rounds, int batch)
      throws Exception {
    if (callers == 1) {
      return compare(a, b, null, 1, warmupCalls, rounds, batch);
    }
    ExecutorService pool = Executors.newFixedThreadPool(callers);
    try {
      return compare(a, b, pool, callers, warmupCalls, rounds, batch);
    } finally {
      pool.shutdownNow();
    }
  }

  private static Result compare(
      Call a,
      Call b,
      @Nullable ExecutorService pool,
      int callers,
      int warmupCalls,
      int rounds,
      int batch)
      throws Exception {
    if (batch % callers != 0) {
      throw new IllegalArgumentException("batch must be a multiple of callers, was " + batch);
    }
    if (rounds < 2 || rounds % 2 != 0) {
      throw new IllegalArgumentException("rounds must be even and at least 2, was " + rounds);
    }
    for (int i = 0; i < warmupCalls; i += batch) {
      run(a, batch, pool, callers);
      run(b, batch, pool, callers);
    }
    double[] wallA = new double[rounds];
    double[] wallB = new double[rounds];
    double[] cpuA = new double[rounds];
    double[] cpuB = new double[rounds];
    for (int r = 0; r < rounds; r++) {
      long[] first;
      long[] second;
      if (r % 2 == 0) {
        first = run(a, batch, pool, callers);
        second = run(b, batch, pool, callers);
        record(r, first, second, wallA, wallB, cpuA, cpuB, batch);
      } else {
        first = run(b, batch, pool, callers);
        second = run(a, batch, pool, callers);
        record(r, second, first, wallA, wallB, cpuA, cpuB, batch);
      }
    }
    return new Result(wallA, wallB, cpuA, cpuB);
  }

  private static void record(
      int r,
      long[] ofA,
      long[] ofB,
      double[] wallA,
      double[] wallB,
      double[] cpuA,
      double[] cpuB,
      int batch) {
    wallA[r] = ofA[0] / (double) batch;
    cpuA[r] = ofA[1] / (double) batch;
    wallB[r] = ofB[0] / (double) batch;
    cpuB[r] = ofB[1] / (double) batch;
  }

  /**
   * {wall nanoseconds, client CPU nanoseconds} of {@code n} calls, made by this thread or shared
   * among the {@code callers} threads of {@code pool}.
   */
  private static long[] run(Call call, int n, @Nullable ExecutorService pool, int callers)
      throws Exception {
    long server0 = CannedServer.cpuNanos();
    long cpu0 = javaThreadsCpuNanos();
    long wall0 = System.nanoTime();
    if (pool == null) {
      calls(call, n);
    } else {
      List<Future<?>> parts = new ArrayList<>(callers);
      for (int t = 0; t < callers; t++) {
        parts.add(
            pool.submit(
                () -> {
                  calls(call, n / callers);
                  return null;
                }));
      }
      for (Future<?> part : parts) {
        part.get();
      }
    }
    long wall = System.nanoTime() - wall0;
    long cpu = javaThreadsCpuNanos() - cpu0 - (CannedServer.cpuNanos() - server0);
    return new long[] {wall, cpu};
  }

  private static void calls(Call call, int n) throws Exception {
    for (int i = 0; i < n; i++) {
      if (call.run() == null) {
        throw new IllegalStateException("a call returned nothing");
      }
    }
  }

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  /**
   * The CPU time of every live Java thread, in nanoseconds. Not the process's CPU time: on Linux
   * that is counted in 10 ms clock ticks, too coarse for a batch of a few tens of milliseconds (its
   * ratios came out as exactly 1.000). GC and JIT threads are not Java threads: left out.
   */
  private static long javaThreadsCpuNanos() {
    long sum = 0;
    for (long id : THREADS.getAllThreadIds()) {
      long cpu = THREADS.getThreadCpuTime(id);
      if (cpu > 0) {
        sum += cpu;
      }
    }
    return sum;
  }

  static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }
}
