package com.sfcompute.nodes.benchmarks;

import com.sfcompute.nodes.SfcNodes;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** The per-call goals measured in one JVM, in turns ({@link Interleaved}). */
final class InterleavedGroup extends Group {
  /** The canned server the interleaved group calls, when not its own (another JVM's). */
  private final @Nullable String server;

  InterleavedGroup(Settings settings, boolean verbose, Report report, @Nullable String server) {
    super(settings, verbose, report);
    this.server = server;
  }

  /**
   * The per-call goals measured the second way ({@link Interleaved}): the SDK and the raw floor in
   * one JVM, in alternating batches, and two raw clients the same way for the noise.
   */
  @Override
  void run() throws Exception {
    boolean smoke = settings == Settings.SMOKE;
    int warmup = smoke ? 200 : 20_000;
    int rounds = smoke ? 2 : 60;
    int batch = smoke ? 20 : 500;
    try (CannedServer own = server == null ? CannedServer.start() : null) {
      interleaved(own != null ? own.baseUrl() : server, warmup, rounds, batch);
    }
    absolute.add(
        String.format(
            Locale.ROOT,
            "interleaved  %d rounds of %d calls a side (in turns) after %,d warm-up calls, one JVM;"
                + " server: %s",
            rounds,
            batch,
            warmup,
            server == null ? "in the same JVM" : server + " (another process)"));
  }

  private void interleaved(String baseUrl, int warmup, int rounds, int batch) throws Exception {
    com.sfcompute.nodes.RedeployParams params =
        com.sfcompute.nodes.RedeployParams.builder().image(CallBenchmarks.IMAGE).build();
    boolean smoke = settings == Settings.SMOKE;
    try (SfcNodes sdk =
            SfcNodes.builder().bearerToken(CallBenchmarks.TOKEN).baseUrl(baseUrl).build();
        RawClient rawA = new RawClient(baseUrl, CallBenchmarks.TOKEN, 64);
        RawClient rawB = new RawClient(baseUrl, CallBenchmarks.TOKEN, 64);
        RawClient untimed = RawClient.withoutTimeouts(baseUrl, CallBenchmarks.TOKEN, 64)) {
      Interleaved.Call sdkGet = () -> sdk.nodes().get(CallBenchmarks.ID);
      Interleaved.Call rawGet = () -> rawA.get(CallBenchmarks.ID);
      Interleaved.Call sdkRedeploy = () -> sdk.nodes().redeploy(CallBenchmarks.ID, params);
      Interleaved.Call rawRedeploy =
          () -> rawA.redeploy(CallBenchmarks.ID, RawClient.redeployBody(CallBenchmarks.IMAGE));
      Interleaved.Call[][] pairs = {
        {sdkGet, rawGet},
        {
          () -> sdk.nodes().getAsync(CallBenchmarks.ID).join(),
          () -> rawA.getAsync(CallBenchmarks.ID).join()
        },
        {sdkRedeploy, rawRedeploy},
      };
      String[] names = {"get()", "getAsync()", "redeploy()"};
      Interleaved.Result aa =
          Interleaved.compare(() -> rawB.get(CallBenchmarks.ID), rawGet, warmup, rounds, batch);
      for (int i = 0; i < pairs.length; i++) {
        interleavedRows(
            names[i], Interleaved.compare(pairs[i][0], pairs[i][1], warmup, rounds, batch), rounds);
      }
      // The same with 16 callers at once: a batch shared among 16 threads, its time per call the
      // inverse of the throughput (a batch of 16 x 32 calls; 16 x 2 in smoke mode).
      int shared = smoke ? 32 : 512;
      Interleaved.Result aa16 =
          Interleaved.compare(
              () -> rawB.get(CallBenchmarks.ID), rawGet, CALLERS, warmup, rounds, shared);
      for (int i = 0; i < pairs.length; i++) {
        Interleaved.Result r =
            Interleaved.compare(pairs[i][0], pairs[i][1], CALLERS, warmup, rounds, shared);
        rows.add(
            Row.atMost(
                names[i] + " time per call at 16 callers (1 / throughput), interleaved",
                r.wallA / 1000,
                r.wallB / 1000,
                r.wallRatio,
                "us",
                1.03,
                "SDK / raw, median of " + rounds / 2 + " pairs of rounds"));
      }
      // The 10,000-node list the same way: JMH's forks put it anywhere from 0.6x to 1.6x the floor,
      // although both sides decode with the same code (its time is mostly GC of ~45 MB a call).
      Interleaved.Result list =
          Interleaved.compare(
              () -> sdk.nodes().list(),
              () -> rawA.list(),
              smoke ? 2 : 50,
              smoke ? 2 : 20,
              smoke ? 1 : 5);
      rows.add(
          Row.atMost(
              "list() of 10,000 nodes, time per call, interleaved in one JVM",
              list.wallA / 1e6,
              list.wallB / 1e6,
              list.wallRatio,
              "ms",
              1.05,
              "SDK / raw, median of " + (smoke ? 1 : 10) + " pairs of rounds of 5 calls"));
      // No goal: the SDK against a floor that pays nothing for timeouts because it has none: what
      // the SDK's own work costs per call, its bound on each attempt included.
      Interleaved.Result bare =
          Interleaved.compare(sdkGet, () -> untimed.get(CallBenchmarks.ID), warmup, rounds, batch);
      rows.add(
          Row.info(
              "get() time per call, against a raw floor without timeouts",
              bare.wallA / 1000,
              bare.wallB / 1000,
              bare.wallRatio,
              "us"));
      rows.add(
          Row.info(
              "get() CPU per call, against a raw floor without timeouts",
              bare.cpuA / 1000,
              bare.cpuB / 1000,
              bare.cpuRatio,
              "us"));
      Interleaved.Call untimedRedeploy =
          () -> untimed.redeploy(CallBenchmarks.ID, RawClient.redeployBody(CallBenchmarks.IMAGE));
      Interleaved.Result bareRedeploy =
          Interleaved.compare(sdkRedeploy, untimedRedeploy, warmup, rounds, batch);
      rows.add(
          Row.info(
              "redeploy() time per call, against a raw floor without timeouts",
              bareRedeploy.wallA / 1000,
              bareRedeploy.wallB / 1000,
              bareRedeploy.wallRatio,
              "us"));
      // A control across code paths: the floor without timeouts does strictly less work than the
      // floor, so above 1 this row is the bias of comparing two different paths in this set-up,
      // which the A/A rows (one path twice) cannot show.
      Interleaved.Result paths =
          Interleaved.compare(untimedRedeploy, rawRedeploy, warmup, rounds, batch);
      rows.add(
          Row.control(
              "control: raw floor without timeouts / raw floor, redeploy() time per call",
              new double[] {paths.wallA / 1000, paths.wallB / 1000, paths.wallRatio},
              "us"));
      rows.add(
          Row.aa(
              "A/A interleaved: raw B / raw A, get() time per call",
              new double[] {aa.wallA / 1000, aa.wallB / 1000, aa.wallRatio},
              "us"));
      rows.add(
          Row.aa(
              "A/A interleaved: raw B / raw A, get() CPU per call",
              new double[] {aa.cpuA / 1000, aa.cpuB / 1000, aa.cpuRatio},
              "us"));
      rows.add(
          Row.aa(
              "A/A interleaved: raw B / raw A, get() time per call at 16 callers",
              new double[] {aa16.wallA / 1000, aa16.wallB / 1000, aa16.wallRatio},
              "us"));
    }
  }

  private void interleavedRows(String what, Interleaved.Result r, int rounds) {
    String how = "SDK / raw, median of " + rounds / 2 + " pairs of rounds";
    rows.add(
        Row.atMost(
            what + " time per call, interleaved in one JVM",
            r.wallA / 1000,
            r.wallB / 1000,
            r.wallRatio,
            "us",
            1.03,
            how));
    rows.add(
        Row.atMost(
            what + " CPU per call, interleaved in one JVM",
            r.cpuA / 1000,
            r.cpuB / 1000,
            r.cpuRatio,
            "us",
            1.03,
            how));
  }
}
