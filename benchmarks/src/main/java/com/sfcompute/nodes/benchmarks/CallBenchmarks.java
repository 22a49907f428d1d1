package com.sfcompute.nodes.benchmarks;

import com.sfcompute.nodes.RedeployParams;
import com.sfcompute.nodes.SfcNodes;
import com.sfcompute.nodes.model.Node;
import com.sfcompute.nodes.model.NodeList;
import java.io.IOException;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * One call at a time (or one per JMH thread), the SDK next to the raw floor, against the canned
 * server: {@code get}, {@code getAsync}, {@code redeploy} and the 10,000-node {@code list}. Two raw
 * clients ({@code getRawA}, {@code getRawB}) are the A/A control. Mode, threads and profilers come
 * from {@link Suite}.
 */
@State(Scope.Benchmark)
public class CallBenchmarks {
  static final String TOKEN = "sfc_benchmark_token_0123456789abcdef";
  static final String ID = "n_b1dc52505c6db143";
  static final String IMAGE = "vmi_new_id";

  private CannedServer server;
  private SfcNodes sdk;
  private RawClient rawA;
  private RawClient rawB;
  private RedeployParams params;

  @Setup(Level.Trial)
  public void start() throws IOException {
    server = CannedServer.start();
    // Default settings but the token and base URL: what a user gets.
    sdk = SfcNodes.builder().bearerToken(TOKEN).baseUrl(server.baseUrl()).build();
    rawA = new RawClient(server.baseUrl(), TOKEN, 64);
    rawB = new RawClient(server.baseUrl(), TOKEN, 64);
    params = RedeployParams.builder().image(IMAGE).build();
    // Both sides must decode the same answer, or the ratio compares different work.
    check(sdk.nodes().get(ID), "sdk get");
    check(rawA.get(ID), "raw get");
    check(sdk.nodes().redeploy(ID, params), "sdk redeploy");
    check(rawA.redeploy(ID, RawClient.redeployBody(IMAGE)), "raw redeploy");
  }

  static Node check(Node node, String what) {
    if (!ID.equals(node.getId()) || node.getVms() == null || node.getVms().getData().size() != 2) {
      throw new IllegalStateException(what + " decoded an unexpected node: " + node.getId());
    }
    return node;
  }

  @TearDown(Level.Trial)
  public void stop() throws IOException {
    sdk.close();
    rawA.close();
    rawB.close();
    server.close();
  }

  @Benchmark
  public Node getSdk() {
    return sdk.nodes().get(ID);
  }

  @Benchmark
  public Node getRawA() throws IOException {
    return rawA.get(ID);
  }

  @Benchmark
  public Node getRawB() throws IOException {
    return rawB.get(ID);
  }

  @Benchmark
  public Node getAsyncSdk() {
    return sdk.nodes().getAsync(ID).join();
  }

  @Benchmark
  public Node getAsyncRaw() {
    return rawA.getAsync(ID).join();
  }

  @Benchmark
  public Node redeploySdk() {
    return sdk.nodes().redeploy(ID, params);
  }

  @Benchmark
  public Node redeployRaw() throws IOException {
    // A new body per call, as the SDK builds one from its params per call.
    return rawA.redeploy(ID, RawClient.redeployBody(IMAGE));
  }

  @Benchmark
  public NodeList listSdk() {
    return checkList(sdk.nodes().list());
  }

  @Benchmark
  public NodeList listRaw() throws IOException {
    return checkList(rawA.list());
  }

  private static NodeList checkList(NodeList list) {
    if (list.getData().size() != Payloads.LIST_SIZE) {
      throw new IllegalStateException("decoded " + list.getData().size() + " nodes");
    }
    return list;
  }
}
