package com.sfcompute.nodes.examples;

import com.sfcompute.nodes.FleetOptions;
import com.sfcompute.nodes.FleetResult;
import com.sfcompute.nodes.RedeployParams;
import com.sfcompute.nodes.SfcNodes;
import com.sfcompute.nodes.UserData;
import com.sfcompute.nodes.WaitOptions;
import com.sfcompute.nodes.mock.Fault;
import com.sfcompute.nodes.model.Node;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Redeploys a fleet of nodes, a few at a time, with a progress line per node as each new VM comes
 * up, then one result line per node. One node's failure never stops the others.
 *
 * <p>No token: on the local stand-in, with four nodes it creates, one of which it refuses on
 * purpose (an injected 409). With {@code SFC_NODES_BEARER_TOKEN}: {@code --nodes a,b,c [--image
 * <id>] [--user-data <file>] [--concurrency <n>]} shows the plan; add {@code --yes} to redeploy.
 */
public final class FleetRedeploy {
  static final String USAGE =
      "usage: FleetRedeploy [--nodes <id or name>,... [--image <image id>] [--user-data <file>]"
          + " [--concurrency <n>] [--yes]]";

  private FleetRedeploy() {}

  public static void main(String[] args) throws IOException {
    Args parsed =
        Examples.parse(
            args,
            USAGE,
            Arrays.asList("--nodes", "--image", "--user-data", "--concurrency"),
            "--yes");
    if (!StandIn.realApi()) {
      onStandIn(System.out, Duration.ofSeconds(2));
      return;
    }
    List<String> nodes = Arrays.asList(Examples.required(parsed, "--nodes", USAGE).split(","));
    RedeployParams.Builder params = RedeployParams.builder().requireRunning(true);
    if (parsed.value("--image") != null) {
      params.image(parsed.value("--image"));
    }
    if (parsed.value("--user-data") != null) {
      params.userData(UserData.ofFile(Paths.get(parsed.value("--user-data"))));
    }
    int concurrency = Integer.parseInt(parsed.value("--concurrency", "4"));
    try (SfcNodes client = SfcNodes.fromEnv()) {
      redeploy(client, nodes, params.build(), concurrency, parsed.flag("--yes"), System.out);
    }
  }

  static void onStandIn(PrintStream out, Duration transitionDelay) {
    try (StandIn standIn = StandIn.start(out, transitionDelay)) {
      List<Node> nodes = standIn.runningNodes("fleet-1", "fleet-2", "fleet-3", "fleet-4");
      // The stand-in refuses fleet-3's redeploy once, to show a partial failure.
      standIn
          .api
          .faults()
          .next(
              1,
              "PUT",
              "/v1/nodes/" + nodes.get(2).getId() + "/redeploy",
              Fault.status(409, "conflict"));
      out.println("(the stand-in will refuse fleet-3's redeploy with a 409, on purpose)");
      RedeployParams params =
          RedeployParams.builder()
              .userData(UserData.ofText("#cloud-config\nruncmd:\n  - echo fleet v2\n"))
              .requireRunning(true)
              .build();
      redeploy(
          standIn.client,
          Arrays.asList("fleet-1", "fleet-2", "fleet-3", "fleet-4"),
          params,
          2,
          true,
          out);
    }
  }

  /** The example proper: returns one result per node, in order (empty when not {@code yes}). */
  static List<FleetResult<Node>> redeploy(
      SfcNodes client,
      List<String> nodes,
      RedeployParams params,
      int concurrency,
      boolean yes,
      PrintStream out) {
    if (!yes) {
      out.println(
          "Would redeploy "
              + nodes.size()
              + " nodes "
              + nodes
              + ", "
              + concurrency
              + " at a time, with "
              + params
              + ". This destroys their current VMs: add --yes to do it.");
      return Collections.emptyList();
    }
    out.println("Redeploying " + nodes.size() + " nodes, " + concurrency + " at a time...");
    WaitOptions waiting =
        WaitOptions.builder()
            .timeout(Duration.ofMinutes(20))
            // Called from several nodes' waits at once: one line each, named by node.
            .listener(
                progress ->
                    out.println(
                        String.format(
                            Locale.ROOT, "  %-8s %s", progress.node().getName(), progress)))
            .build();
    List<FleetResult<Node>> results =
        client
            .fleet()
            .redeploy(
                nodes,
                params,
                FleetOptions.builder().concurrency(concurrency).waitForRedeploy(waiting).build());
    int ok = 0;
    out.println("Results:");
    for (FleetResult<Node> result : results) {
      Node node = result.value();
      if (result.isSuccess() && node != null) {
        ok++;
        out.println(
            String.format(
                Locale.ROOT,
                "  %-8s ok      now VM %s",
                result.target(),
                node.getCurrentVm().getId()));
      } else {
        // What happened to it: NOT_APPLIED (refused), APPLIED (its new VM did not come up in
        // time), UNKNOWN (the answer was lost) or NOT_STARTED (the fleet stopped first).
        RuntimeException error = result.error();
        out.println(
            String.format(
                Locale.ROOT,
                "  %-8s %s  %s: %s",
                result.target(),
                result.outcome(),
                error == null ? "?" : error.getClass().getSimpleName(),
                error == null ? "" : error.getMessage()));
      }
    }
    out.println(ok + " of " + results.size() + " nodes redeployed.");
    if (ok < results.size()) {
      out.println(
          "Repeat the others without redeploying any node twice:"
              + " client.fleet().redeployAgain(results, params, options)");
    }
    return results;
  }
}
