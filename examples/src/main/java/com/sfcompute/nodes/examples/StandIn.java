package com.sfcompute.nodes.examples;

import com.sfcompute.nodes.CreateNodesParams;
import com.sfcompute.nodes.SfcNodes;
import com.sfcompute.nodes.UserData;
import com.sfcompute.nodes.WaitOptions;
import com.sfcompute.nodes.mock.MockNodesServer;
import com.sfcompute.nodes.model.Node;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What every example does when no {@code SFC_NODES_BEARER_TOKEN} is set: an embedded stand-in of
 * the API (nothing real is touched) and a client pointed at it.
 */
final class StandIn implements AutoCloseable {
  final MockNodesServer api;
  final SfcNodes client;

  private StandIn(MockNodesServer api) {
    this.api = api;
    this.client = SfcNodes.builder().bearerToken(api.token()).baseUrl(api.baseUrl()).build();
  }

  /** A stand-in whose nodes and VMs start {@code transitionDelay} after they are asked for. */
  static StandIn start(PrintStream out, Duration transitionDelay) {
    StandIn standIn =
        new StandIn(MockNodesServer.builder().transitionDelay(transitionDelay).start());
    out.println("On the local stand-in at " + standIn.api.baseUrl());
    out.println("(no " + SfcNodes.TOKEN_ENV + " set: nothing real is created or paid for)");
    return standIn;
  }

  /** Whether the examples talk to the real API: a token is set. */
  static boolean realApi() {
    String token = System.getenv(SfcNodes.TOKEN_ENV);
    return token != null && !token.trim().isEmpty();
  }

  /** Nodes named {@code names}, created and running, so that an example has something to use. */
  List<Node> runningNodes(String... names) {
    client
        .nodes()
        .create(
            CreateNodesParams.builder()
                .desiredCount(names.length)
                .maxPricePerNodeHour(1600)
                .zone(MockNodesServer.DEFAULT_ZONES.get(0).name())
                .names(names)
                .userData(UserData.ofText("#cloud-config\nruncmd:\n  - echo first boot\n"))
                .build());
    WaitOptions quick = WaitOptions.builder().pollInterval(Duration.ofMillis(100)).build();
    List<Node> nodes = new ArrayList<>();
    for (String name : names) {
      nodes.add(client.waiters().waitUntilRunning(name, quick));
    }
    return nodes;
  }

  @Override
  public void close() {
    client.close();
    api.close();
  }
}
