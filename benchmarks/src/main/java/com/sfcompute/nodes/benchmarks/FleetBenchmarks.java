package com.sfcompute.nodes.benchmarks;

import com.sfcompute.nodes.FleetOptions;
import com.sfcompute.nodes.FleetResult;
import com.sfcompute.nodes.RedeployParams;
import com.sfcompute.nodes.SfcNodes;
import com.sfcompute.nodes.model.Node;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Redeploying a fleet of {@code nodes} nodes against a server that takes {@code latencyMillis} per
 * answer: {@code client.fleet().redeploy(...)} at a given concurrency, a raw OkHttp client running
 * the same PUTs at the same concurrency (each finished call starts the next, as the SDK does), and
 * the SDK in a sequential loop. One operation is the whole fleet.
 */
@State(Scope.Benchmark)
public class FleetBenchmarks {
  @Param("200")
  public int nodes;

  @Param("50")
  public long latencyMillis;

  @Param("32")
  public int concurrency;

  private CannedServer server;
  private SfcNodes sdk;
  private RawClient raw;
  private List<String> ids;
  private RedeployParams params;
  private FleetOptions options;

  @Setup(Level.Trial)
  public void start() throws IOException {
    server = CannedServer.withLatency(latencyMillis);
    sdk = SfcNodes.builder().bearerToken(CallBenchmarks.TOKEN).baseUrl(server.baseUrl()).build();
    raw = new RawClient(server.baseUrl(), CallBenchmarks.TOKEN, 64);
    ids = new ArrayList<>(nodes);
    for (int i = 0; i < nodes; i++) {
      ids.add(String.format(Locale.ROOT, "n_fleet%04d", i));
    }
    params = RedeployParams.builder().image(CallBenchmarks.IMAGE).build();
    options = FleetOptions.builder().concurrency(concurrency).build();
  }

  @TearDown(Level.Trial)
  public void stop() throws IOException {
    sdk.close();
    raw.close();
    server.close();
  }

  @Benchmark
  public int fleetSdk() {
    List<FleetResult<Node>> results = sdk.fleet().redeploy(ids, params, options);
    for (FleetResult<Node> r : results) {
      if (!r.isSuccess()) {
        throw new IllegalStateException("fleet redeploy failed: " + r);
      }
    }
    return results.size();
  }

  @Benchmark
  public int fleetRaw() throws InterruptedException {
    CountDownLatch done = new CountDownLatch(ids.size());
    AtomicInteger next = new AtomicInteger();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Runnable launch =
        new Runnable() {
          @Override
          public void run() {
            int i = next.getAndIncrement();
            if (i >= ids.size()) {
              return;
            }
            CompletableFuture<?> unused =
                raw.redeployAsync(ids.get(i), RawClient.redeployBody(CallBenchmarks.IMAGE))
                    .whenComplete(
                        (node, error) -> {
                          if (error != null) {
                            failure.compareAndSet(null, error);
                          }
                          done.countDown();
                          run();
                        });
          }
        };
    for (int i = 0; i < Math.min(concurrency, ids.size()); i++) {
      launch.run();
    }
    done.await();
    if (failure.get() != null) {
      throw new IllegalStateException("raw fleet redeploy failed", failure.get());
    }
    return ids.size();
  }

  @Benchmark
  public int sequentialSdk() {
    for (String id : ids) {
      sdk.nodes().redeploy(id, params);
    }
    return ids.size();
  }
}
