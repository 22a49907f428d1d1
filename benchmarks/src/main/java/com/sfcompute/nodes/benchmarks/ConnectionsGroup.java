package com.sfcompute.nodes.benchmarks;

import com.sfcompute.nodes.SfcNodes;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/** The connections group: how well the SDK's pool reuses connections. */
final class ConnectionsGroup extends Group {
  ConnectionsGroup(Settings settings, boolean verbose, Report report) {
    super(settings, verbose, report);
  }

  /** New TCP connections per 10,000 calls at concurrency 64, after a warm-up; SDK and raw. */
  @Override
  void run() throws Exception {
    int calls = settings.connectionCalls;
    int concurrency = 64;
    long sdk;
    long raw;
    try (CannedServer server = CannedServer.start();
        SfcNodes client =
            SfcNodes.builder()
                .bearerToken(CallBenchmarks.TOKEN)
                .baseUrl(server.baseUrl())
                .build()) {
      sdk = newConnections(server, concurrency, calls, () -> client.nodes().get(CallBenchmarks.ID));
    }
    try (CannedServer server = CannedServer.start();
        RawClient client = new RawClient(server.baseUrl(), CallBenchmarks.TOKEN, 64)) {
      raw = newConnections(server, concurrency, calls, () -> client.get(CallBenchmarks.ID));
    }
    double per10k = 10_000.0 / calls;
    absolute.add(
        String.format(
            Locale.ROOT,
            "connections  %,d calls at concurrency %d after a warm-up: SDK %d new, raw %d new",
            calls,
            concurrency,
            sdk,
            raw));
    rows.add(
        Row.connections(
            "new TCP connections per 10,000 calls, concurrency 64",
            sdk * per10k,
            raw * per10k,
            concurrency));
  }

  interface Call {
    Object call() throws Exception;
  }

  private static long newConnections(CannedServer server, int threads, int calls, Call call)
      throws Exception {
    runConcurrently(threads, Math.max(threads * 4, calls / 10), call); // fills the pool, warms up
    long before = server.acceptedConnections();
    runConcurrently(threads, calls, call);
    return server.acceptedConnections() - before;
  }

  private static void runConcurrently(int threads, int calls, Call call) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      AtomicInteger left = new AtomicInteger(calls);
      List<Future<?>> workers = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        workers.add(
            pool.submit(
                () -> {
                  while (left.getAndDecrement() > 0) {
                    call.call();
                  }
                  return null;
                }));
      }
      for (Future<?> w : workers) {
        w.get();
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
