package com.sfcompute.nodes.benchmarks;

import com.sfcompute.nodes.CreateNodesParams;
import com.sfcompute.nodes.FleetOptions;
import com.sfcompute.nodes.FleetResult;
import com.sfcompute.nodes.RedeployParams;
import com.sfcompute.nodes.SfcNodes;
import com.sfcompute.nodes.mock.MockNodesServer;
import com.sfcompute.nodes.mock.RetryAfter;
import com.sfcompute.nodes.model.Node;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;

/**
 * The {@code fleetscale} group: fleet redeploys of hundreds of nodes, through the SDK's public
 * fleet API, against the stand-in in this JVM with real boot times and a rate limit, as the real
 * API would have them. One markdown table row per scenario; see benchmarks/README.md.
 *
 * <p>Each scenario starts a fresh stand-in on the loopback interface, creates its nodes with the
 * limit off and lets them boot, then turns the limit on (429 without a retry hint) and runs the
 * fleet call with a hard cap, after which it is cancelled and the row says so.
 */
final class FleetScale {
  /** One fleet call: N nodes at a concurrency (null: the SDK's default), waiting or not. */
  static final class Scenario {
    final String name;
    final int nodes;
    final @Nullable Integer concurrency;
    final boolean wait;

    Scenario(String name, int nodes, @Nullable Integer concurrency, boolean wait) {
      this.name = name;
      this.nodes = nodes;
      this.concurrency = concurrency;
      this.wait = wait;
    }
  }

  /** The defaults: B = 3 s, R = 50/s, burst 50, 10 minutes at most per scenario. */
  static final class Config {
    Duration boot = Duration.ofSeconds(3);
    double rate = 50;
    int burst = 50;
    Duration cap = Duration.ofMinutes(10);

    /** The poll interval of the SDK's default wait, counted once in the ideal when waiting. */
    final Duration pollInterval = Duration.ofSeconds(2);

    List<Scenario> scenarios =
        new ArrayList<>(
            Arrays.asList(
                new Scenario("a", 200, null, true),
                new Scenario("b", 300, 64, true),
                new Scenario("c", 1000, 1000, false)));
  }

  static final String HEADER =
      "| scenario | N | concurrency | wait | wall (s) | ideal (s) | wall / ideal | API calls / node"
          + " | 429 share | failed | redeployed > 1 | max out of service | peak threads"
          + " | peak heap (MiB) |";
  static final String RULE =
      "|---|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|";

  private FleetScale() {}

  /** Runs every scenario and returns the table, header first; prints each row as it comes. */
  static List<String> run(Config config) throws InterruptedException {
    List<String> table = new ArrayList<>();
    table.add(HEADER);
    table.add(RULE);
    System.out.printf(
        Locale.ROOT,
        "fleetscale: boot B = %.1f s, rate R = %s/s, burst %d, 429 without Retry-After,"
            + " cap %d min per scenario%n%s%n%s%n",
        config.boot.toMillis() / 1000.0,
        number(config.rate),
        config.burst,
        config.cap.toMinutes(),
        HEADER,
        RULE);
    for (Scenario scenario : config.scenarios) {
      String row = run(config, scenario);
      System.out.println(row);
      System.out.flush();
      table.add(row);
    }
    return table;
  }

  private static String run(Config config, Scenario s) throws InterruptedException {
    try (MockNodesServer server =
            MockNodesServer.builder()
                .host("127.0.0.1")
                .transitionDelay(config.boot)
                .rateLimitRetryAfter(RetryAfter.NONE)
                .start();
        SfcNodes client =
            SfcNodes.builder().bearerToken(server.token()).baseUrl(server.baseUrl()).build()) {
      List<String> ids = runningNodes(server, client, s.nodes, config.boot);
      RedeployParams params =
          RedeployParams.builder().image(MockNodesServer.DEFAULT_IMAGE.imageId()).build();
      FleetOptions.Builder options = FleetOptions.builder();
      if (s.concurrency != null) {
        options.concurrency(s.concurrency);
      }
      if (s.wait) {
        options.waitForRedeploy();
      }
      FleetOptions built = options.build();

      server.rateLimit(config.rate, config.burst, RetryAfter.NONE);
      int requestsBefore = server.counters().requests();
      int throttledBefore = server.counters().throttled();
      ThreadMXBean threads = ManagementFactory.getThreadMXBean();
      List<MemoryPoolMXBean> heap = heapPools();
      System.gc();
      threads.resetPeakThreadCount();
      heap.forEach(MemoryPoolMXBean::resetPeakUsage);

      long started = System.nanoTime();
      CompletableFuture<List<FleetResult<Node>>> call =
          client.fleet().redeployAsync(ids, params, built);
      List<FleetResult<Node>> results = null;
      try {
        results = call.get(config.cap.toMillis(), TimeUnit.MILLISECONDS);
      } catch (TimeoutException e) {
        call.cancel(true);
      } catch (ExecutionException e) {
        throw new IllegalStateException("the fleet future never fails, yet it did", e);
      }
      double wall = (System.nanoTime() - started) / 1e9;
      int peakThreads = threads.getPeakThreadCount();
      long peakHeap = 0;
      for (MemoryPoolMXBean pool : heap) {
        peakHeap += pool.getPeakUsage().getUsed();
      }

      int requests = server.counters().requests() - requestsBefore;
      int throttled = server.counters().throttled() - throttledBefore;
      int failed = 0;
      if (results != null) {
        for (FleetResult<Node> r : results) {
          failed += r.isSuccess() ? 0 : 1;
        }
      }
      long twice = server.counters().redeploysByNode().values().stream().filter(n -> n > 1).count();
      double ideal =
          s.nodes / config.rate
              + (s.wait ? (config.boot.toMillis() + config.pollInterval.toMillis()) / 1000.0 : 0);
      return String.format(
          Locale.ROOT,
          "| %s | %d | %s | %s | %s | %.1f | %.2fx | %.2f | %.1f %% | %s | %d | %d | %d | %.0f |",
          s.name,
          s.nodes,
          s.concurrency == null ? built.concurrency() + " (default)" : s.concurrency,
          s.wait ? "yes" : "no",
          results == null
              ? String.format(Locale.ROOT, "> %.0f (capped, cancelled)", wall)
              : String.format(Locale.ROOT, "%.1f", wall),
          ideal,
          wall / ideal,
          (double) requests / s.nodes,
          requests == 0 ? 0.0 : 100.0 * throttled / requests,
          results == null ? "not finished" : String.valueOf(failed),
          twice,
          server.counters().maxOutOfService(),
          peakThreads,
          peakHeap / (1024.0 * 1024.0));
    }
  }

  /**
   * Creates {@code n} nodes with the limit off and waits (on the server's state) until they run.
   */
  private static List<String> runningNodes(
      MockNodesServer server, SfcNodes client, int n, Duration boot) throws InterruptedException {
    List<String> ids = new ArrayList<>(n);
    for (int left = n; left > 0; ) {
      int count = Math.min(left, 1000); // the API's most per create
      for (Node node :
          client
              .nodes()
              .create(
                  CreateNodesParams.builder()
                      .desiredCount(count)
                      .maxPricePerNodeHour(1000)
                      .zone(MockNodesServer.DEFAULT_ZONES.get(0).name())
                      .build())
              .getData()) {
        ids.add(node.getId());
      }
      left -= count;
    }
    Thread.sleep(boot.toMillis());
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
    while (!allRunning(server)) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("the nodes created did not run within a minute");
      }
      Thread.sleep(100);
    }
    return ids;
  }

  private static boolean allRunning(MockNodesServer server) {
    for (Node node : server.state().nodes()) {
      if (!"running".equals(node.getStatus())) {
        return false;
      }
    }
    return true;
  }

  private static List<MemoryPoolMXBean> heapPools() {
    List<MemoryPoolMXBean> pools = new ArrayList<>();
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP && pool.isValid()) {
        pools.add(pool);
      }
    }
    return pools;
  }

  static String number(double v) {
    return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
  }
}
