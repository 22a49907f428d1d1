package com.sfcompute.nodes.benchmarks;

import com.sfcompute.nodes.SfcNodes;
import java.io.IOException;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The first call of a fresh JVM (run in {@code SingleShotTime} mode, one fork per sample): build a
 * client and get one node, SDK against a raw OkHttp + Gson program doing the same. The canned
 * server runs in the same JVM, started and exercised over a plain socket before the measurement, so
 * no client class is loaded before it. The fields are {@link AutoCloseable}, not the client types,
 * so that loading this class loads neither client.
 */
@State(Scope.Benchmark)
public class ColdStartBenchmarks {
  private CannedServer server;
  private AutoCloseable opened;

  @Setup(Level.Trial)
  public void start() throws IOException {
    server = CannedServer.start();
    server.warmUp();
  }

  @TearDown(Level.Trial)
  public void stop() throws Exception {
    if (opened != null) {
      opened.close();
    }
    server.close();
  }

  @Benchmark
  public Object firstCallSdk() {
    SfcNodes sdk =
        SfcNodes.builder().bearerToken(CallBenchmarks.TOKEN).baseUrl(server.baseUrl()).build();
    opened = sdk;
    return sdk.nodes().get(CallBenchmarks.ID);
  }

  @Benchmark
  public Object firstCallRaw() throws IOException {
    RawClient raw = new RawClient(server.baseUrl(), CallBenchmarks.TOKEN, 64);
    opened = raw;
    return raw.get(CallBenchmarks.ID);
  }
}
