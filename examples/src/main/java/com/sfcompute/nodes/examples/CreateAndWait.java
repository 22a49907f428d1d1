package com.sfcompute.nodes.examples;

import com.sfcompute.nodes.CreateNodesParams;
import com.sfcompute.nodes.SfcNodes;
import com.sfcompute.nodes.UserData;
import com.sfcompute.nodes.WaitOptions;
import com.sfcompute.nodes.model.Node;
import com.sfcompute.nodes.model.NodeList;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Creates nodes and waits until every one of them runs, waiting for all at once.
 *
 * <p>No token: on the local stand-in, two nodes. With {@code SFC_NODES_BEARER_TOKEN}: {@code --zone
 * <zone> --max-price <cents per node-hour> [--count <n>] [--names a,b] [--user-data <file>]} shows
 * the request; add {@code --yes} to create the nodes. This buys compute.
 */
public final class CreateAndWait {
  static final String USAGE =
      "usage: CreateAndWait [--zone <zone> --max-price <cents per node-hour> [--count <n>]"
          + " [--names a,b] [--user-data <file>] [--yes]]";

  private CreateAndWait() {}

  public static void main(String[] args) throws IOException {
    Args parsed =
        Examples.parse(
            args,
            USAGE,
            Arrays.asList("--zone", "--max-price", "--count", "--names", "--user-data"),
            "--yes");
    if (!StandIn.realApi()) {
      onStandIn(System.out, Duration.ofSeconds(2));
      return;
    }
    CreateNodesParams.Builder params =
        CreateNodesParams.builder()
            .zone(Examples.required(parsed, "--zone", USAGE))
            .maxPricePerNodeHour(Long.parseLong(Examples.required(parsed, "--max-price", USAGE)))
            .desiredCount(Integer.parseInt(parsed.value("--count", "1")));
    if (!parsed.list("--names").isEmpty()) {
      params.names(parsed.list("--names"));
    }
    if (parsed.value("--user-data") != null) {
      params.userData(UserData.ofFile(Paths.get(parsed.value("--user-data"))));
    }
    try (SfcNodes client = SfcNodes.fromEnv()) {
      create(client, params.build(), parsed.flag("--yes"), System.out);
    }
  }

  static void onStandIn(PrintStream out, Duration transitionDelay) {
    try (StandIn standIn = StandIn.start(out, transitionDelay)) {
      create(
          standIn.client,
          CreateNodesParams.builder()
              .desiredCount(2)
              .maxPricePerNodeHour(1600)
              .zone(standIn.client.zones().list().getData().get(0).getName())
              .names("train-1", "train-2")
              .userData(UserData.ofText("#cloud-config\nruncmd:\n  - echo ready\n"))
              .build(),
          true,
          out);
    }
  }

  /** The example proper: the running nodes (none when not {@code yes}: nothing was sent). */
  static List<Node> create(
      SfcNodes client, CreateNodesParams params, boolean yes, PrintStream out) {
    if (!yes) {
      out.println("Would create nodes with " + params + ". This buys compute: add --yes to do it.");
      return Collections.emptyList();
    }
    NodeList created = client.nodes().create(params);
    WaitOptions waiting =
        WaitOptions.builder()
            .timeout(Duration.ofMinutes(30))
            .listener(progress -> out.println("  " + progress))
            .build();
    List<CompletableFuture<Node>> waits = new ArrayList<>();
    for (Node node : created.getData()) {
      out.println("Created " + node.getName() + " (" + node.getId() + "), " + node.getStatus());
      // By id: a name could be reused once this node is gone.
      waits.add(client.waiters().waitUntilRunningAsync(node.getId(), waiting));
    }
    List<Node> running = new ArrayList<>();
    for (CompletableFuture<Node> wait : waits) {
      Node node = wait.join(); // a NodeStateException or WaitTimeoutException, wrapped, if not
      running.add(node);
      out.println(
          node.getName()
              + " is "
              + node.getStatus()
              + ", VM "
              + node.getCurrentVm().getId()
              + " "
              + node.getCurrentVm().getStatus());
    }
    out.println("All " + running.size() + " nodes run.");
    return Collections.unmodifiableList(running);
  }
}
