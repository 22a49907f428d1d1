package com.sfcompute.nodes.benchmarks;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.google.gson.Gson;
import com.sfcompute.nodes.CreateNodesParams;
import com.sfcompute.nodes.SfcNodes;
import com.sfcompute.nodes.UserData;
import com.sfcompute.nodes.internal.http.SfcJson;
import com.sfcompute.nodes.mock.MockNodesServer;
import com.sfcompute.nodes.model.Node;
import com.sfcompute.nodes.model.NodeList;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.function.IntConsumer;

/**
 * Prints figures about the SDK: latency and throughput of calls against the embedded stand-in (real
 * HTTP on loopback; the stand-in validates every request against the spec, so these are upper
 * bounds on the SDK's own cost), and the time and memory of JSON decoding and user data encoding.
 * Bounded: a fixed number of iterations, then it stops.
 *
 * <p>{@code mvn -B -q install -DskipTests && mvn -B -q -pl benchmarks exec:java} (add {@code
 * -Dexec.args="--requests 5000"} for more).
 */
public final class SdkBenchmark {
  private SdkBenchmark() {}

  public static void main(String[] args) {
    int requests = 2000;
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--requests") && i + 1 < args.length) {
        requests = Integer.parseInt(args[++i]);
      }
    }
    System.out.printf(
        Locale.ROOT,
        "sfc-nodes-java %s, Java %s, %d cores%n%n",
        SfcNodes.VERSION,
        System.getProperty("java.version"),
        Runtime.getRuntime().availableProcessors());
    try (MockNodesServer api = MockNodesServer.builder().transitionDelay(Duration.ZERO).start();
        SfcNodes client =
            SfcNodes.builder().bearerToken(api.token()).baseUrl(api.baseUrl()).build()) {
      NodeList created =
          client
              .nodes()
              .create(
                  CreateNodesParams.builder()
                      .desiredCount(8)
                      .maxPricePerNodeHour(1000)
                      .zone("hayesvalley")
                      .build());
      String id = created.getData().get(0).getId();

      measureLatency("nodes().get (sync, one at a time)", requests, i -> client.nodes().get(id));
      measureLatency("nodes().list, 8 nodes (sync)", requests / 2, i -> client.nodes().list());
      measureConcurrent(client, id, requests, 16);
    }
    measureJson();
    measureUserData();
  }

  private static void measureLatency(String what, int count, IntConsumer call) {
    for (int i = 0; i < Math.min(500, count); i++) {
      call.accept(i); // warm-up: JIT, connection pool
    }
    long[] nanos = new long[count];
    long start = System.nanoTime();
    for (int i = 0; i < count; i++) {
      long t0 = System.nanoTime();
      call.accept(i);
      nanos[i] = System.nanoTime() - t0;
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    Arrays.sort(nanos);
    System.out.printf(
        Locale.ROOT,
        "%-40s %6d calls  %8.0f calls/s  p50 %6.2f ms  p90 %6.2f ms  p99 %6.2f ms  max %6.2f ms%n",
        what,
        count,
        count / seconds,
        ms(nanos[count / 2]),
        ms(nanos[count * 9 / 10]),
        ms(nanos[count * 99 / 100]),
        ms(nanos[count - 1]));
  }

  private static void measureConcurrent(SfcNodes client, String id, int count, int inFlight) {
    Semaphore permits = new Semaphore(inFlight);
    List<CompletableFuture<Node>> futures = new ArrayList<>(count);
    long start = System.nanoTime();
    for (int i = 0; i < count; i++) {
      permits.acquireUninterruptibly();
      // The chained future completes with the call; joined below, so no failure goes unseen.
      futures.add(client.nodes().getAsync(id).whenComplete((n, e) -> permits.release()));
    }
    CompletableFuture.allOf(futures.toArray(new CompletableFuture<?>[0])).join();
    double seconds = (System.nanoTime() - start) / 1e9;
    System.out.printf(
        Locale.ROOT,
        "%-40s %6d calls  %8.0f calls/s%n",
        "nodes().getAsync, " + inFlight + " in flight",
        count,
        count / seconds);
  }

  private static void measureJson() {
    Gson gson = SfcJson.gson();
    String json = PUBLISHED_REDEPLOY_RESPONSE;
    int count = 200_000;
    int sink = 0; // Uses each result, so that the JIT cannot drop the decoding.
    for (int i = 0; i < 20_000; i++) {
      sink += gson.fromJson(json, Node.class).getId().length();
    }
    long bytes0 = allocatedBytes();
    long start = System.nanoTime();
    for (int i = 0; i < count; i++) {
      sink += gson.fromJson(json, Node.class).getId().length();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    long allocated = allocatedBytes() - bytes0;
    if (sink == 0) {
      throw new AssertionError("no node decoded");
    }
    System.out.printf(
        Locale.ROOT,
        "%nDecode the published redeploy response (%d bytes) into Node:%n"
            + "  %,.0f decodes/s, %.2f us each, %,d bytes allocated each%n",
        json.length(),
        count / seconds,
        seconds / count * 1e6,
        allocated / count);
  }

  private static void measureUserData() {
    StringBuilder script = new StringBuilder("#cloud-config\nruncmd:\n");
    while (script.length() < 16 * 1024) {
      script
          .append("  - echo preparing the GPU node for training, step ")
          .append(script.length())
          .append('\n');
    }
    byte[] bytes = script.toString().getBytes(UTF_8);
    int count = 20_000;
    for (int i = 0; i < 2_000; i++) {
      UserData.ofBytes(bytes).toBase64();
    }
    long bytes0 = allocatedBytes();
    long start = System.nanoTime();
    int length = 0;
    for (int i = 0; i < count; i++) {
      length += UserData.ofBytes(bytes).toBase64().length();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    long allocated = allocatedBytes() - bytes0;
    UserData gzipped = UserData.ofBytes(bytes).gzip();
    System.out.printf(
        Locale.ROOT,
        "%nUser data, %,d bytes of cloud-config (%d chars of base64 per call):%n"
            + "  ofBytes + toBase64: %,.0f MB/s, %,d bytes allocated per call%n"
            + "  gzip(): %,d bytes -> %,d bytes (%.0f%%)%n",
        bytes.length,
        length / count,
        bytes.length * (double) count / seconds / 1e6,
        allocated / count,
        bytes.length,
        gzipped.size(),
        100.0 * gzipped.size() / bytes.length);
  }

  private static long allocatedBytes() {
    return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean())
        .getThreadAllocatedBytes(Thread.currentThread().getId());
  }

  private static double ms(long nanos) {
    return nanos / 1e6;
  }

  private static final String PUBLISHED_REDEPLOY_RESPONSE =
      "{\"object\":\"node\",\"id\":\"n_b1dc52505c6db143\",\"name\":\"cuda-crunch\","
          + "\"zone\":\"hayesvalley\",\"gpu_type\":\"H100\",\"owner\":\"sfcompute\","
          + "\"status\":\"running\",\"created_at\":1640995200,\"updated_at\":1640995200,"
          + "\"start_at\":1640995200,\"end_at\":1641007200,\"max_price_per_node_hour\":1000,"
          + "\"node_type\":\"autoreserved\",\"procurement_id\":\"proc_b1dc52505c6de142\","
          + "\"vms\":{\"object\":\"list\",\"data\":[{\"object\":\"vm\",\"id\":\"vm_oldInstance\","
          + "\"status\":\"destroyed\",\"created_at\":1640995200,\"updated_at\":1640995200,"
          + "\"start_at\":1640995200,\"end_at\":1641007200,\"image_id\":\"vmi_old_id\","
          + "\"zone\":\"hayesvalley\"},{\"object\":\"vm\",\"id\":\"vm_newInstance\","
          + "\"status\":\"running\",\"created_at\":1641003600,\"updated_at\":1641003600,"
          + "\"start_at\":1641003600,\"end_at\":1641007200,\"image_id\":\"vmi_new_id\","
          + "\"zone\":\"hayesvalley\"}]},\"current_vm\":{\"object\":\"vm\","
          + "\"id\":\"vm_newInstance\",\"status\":\"running\",\"created_at\":1641003600,"
          + "\"updated_at\":1641003600,\"start_at\":1641003600,\"end_at\":1641007200,"
          + "\"image_id\":\"vmi_myOZZXw4pfcp7H9DQOldd\",\"zone\":\"hayesvalley\"}}";
}
