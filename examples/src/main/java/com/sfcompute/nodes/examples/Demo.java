package com.sfcompute.nodes.examples;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.sfcompute.nodes.CreateNodesParams;
import com.sfcompute.nodes.KnownValues;
import com.sfcompute.nodes.RedeployParams;
import com.sfcompute.nodes.SfcNodes;
import com.sfcompute.nodes.UserData;
import com.sfcompute.nodes.WaitOptions;
import com.sfcompute.nodes.mock.MockNodesServer;
import com.sfcompute.nodes.model.Node;
import com.sfcompute.nodes.model.NodeStatus;
import com.sfcompute.nodes.model.Vm;
import com.sfcompute.nodes.model.Zone;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Locale;

/**
 * The README's demo. With no {@code SFC_NODES_BEARER_TOKEN} it starts the local stand-in of the
 * API, creates two nodes, redeploys one with new cloud-init user data, waits for the new VM and
 * prints the lifecycle. With a token it talks to the real API and only reads (nodes and zones),
 * unless given {@code --node <id or name> --yes}: then it redeploys that node (keeping its image
 * and user data, or with {@code --user-data <file>}) and waits.
 */
public final class Demo {
  private static final String USAGE =
      "usage: Demo [--node <id or name> [--user-data <file>] --yes] [--help]\n"
          + "  no SFC_NODES_BEARER_TOKEN: runs on the local stand-in (nothing real is touched)\n"
          + "  with a token: lists your nodes and zones; redeploys --node only with --yes";

  private Demo() {}

  public static void main(String[] args) throws IOException {
    String node = null;
    String userDataFile = null;
    boolean yes = false;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--node":
          node = value(args, ++i, "--node");
          break;
        case "--user-data":
          userDataFile = value(args, ++i, "--user-data");
          break;
        case "--yes":
          yes = true;
          break;
        case "--help":
        case "-h":
          System.out.println(USAGE);
          return;
        default:
          System.err.println("unknown argument: " + args[i] + "\n" + USAGE);
          System.exit(2);
      }
    }
    String token = System.getenv(SfcNodes.TOKEN_ENV);
    if (token == null || token.trim().isEmpty()) {
      runOnStandIn(System.out, Duration.ofSeconds(2));
    } else {
      runOnRealApi(System.out, node, userDataFile, yes);
    }
  }

  /** The demo on an embedded stand-in whose nodes and VMs start after {@code transitionDelay}. */
  static void runOnStandIn(PrintStream out, Duration transitionDelay) {
    try (MockNodesServer api = MockNodesServer.builder().transitionDelay(transitionDelay).start();
        SfcNodes client =
            SfcNodes.builder().bearerToken(api.token()).baseUrl(api.baseUrl()).build()) {
      out.println("sfc-nodes-java demo on the local stand-in at " + api.baseUrl());
      out.println("(no SFC_NODES_BEARER_TOKEN set: nothing real is created or paid for)");
      out.println();
      long started = System.nanoTime();

      Zone zone = client.zones().list().getData().get(0);
      out.println(
          "Zone " + zone.getName() + ": " + zone.getHardwareType() + ", " + zone.getRegion());

      String image = client.vms().images().list().getData().get(0).getImageId();
      out.println("Image " + image);

      String firstBoot = "#cloud-config\nruncmd:\n  - echo first boot\n";
      out.println("Creating nodes demo-1 and demo-2 with cloud-init user data...");
      client
          .nodes()
          .create(
              CreateNodesParams.builder()
                  .desiredCount(2)
                  .maxPricePerNodeHour(1600)
                  .zone(zone.getName())
                  .names("demo-1", "demo-2")
                  .imageId(image)
                  .userData(UserData.ofText(firstBoot))
                  .build());
      WaitOptions waiting =
          WaitOptions.builder()
              .pollInterval(Duration.ofMillis(250))
              .listener(progress -> out.println("  " + progress))
              .build();
      client.waiters().waitUntilRunning("demo-1", waiting);
      client.waiters().waitUntilRunning("demo-2", waiting);

      Node before = client.nodes().get("demo-1");
      Vm oldVm = before.getCurrentVm();
      out.println();
      out.println(
          "demo-1 ("
              + before.getId()
              + ") runs VM "
              + oldVm.getId()
              + " on image "
              + oldVm.getImageId());

      String secondBoot = "#cloud-config\nruncmd:\n  - echo redeployed with new user data\n";
      RedeployParams params =
          RedeployParams.builder()
              .userData(UserData.ofText(secondBoot))
              .requireRunning(true)
              .build();
      out.println("Redeploying demo-1 with new user data, keeping its image: " + params);
      long redeployStarted = System.nanoTime();
      Node after = client.waiters().redeployAndWait("demo-1", params, waiting);
      Vm newVm = after.getCurrentVm();

      out.println();
      out.println("Lifecycle of demo-1:");
      for (Vm vm : after.getVms().getData()) {
        out.println(
            String.format(
                Locale.ROOT,
                "  VM %-24s %-10s image %s",
                vm.getId(),
                vm.getStatus(),
                vm.getImageId()));
      }
      Vm old = find(after, oldVm.getId());
      out.println("  old VM " + oldVm.getId() + ": " + (old == null ? "gone" : old.getStatus()));
      out.println(
          "  new VM "
              + newVm.getId()
              + ": "
              + newVm.getStatus()
              + ", image "
              + newVm.getImageId()
              + (newVm.getImageId() != null && newVm.getImageId().equals(oldVm.getImageId())
                  ? " (kept)"
                  : ""));
      byte[] stored = api.state().userDataOf(newVm.getId());
      out.println(
          "  user data the new VM got: "
              + (stored == null ? "none" : quote(new String(stored, UTF_8))));
      out.println(
          String.format(
              Locale.ROOT,
              "  redeploy took %.1f s; demo took %.1f s",
              seconds(redeployStarted),
              seconds(started)));
      out.println(
          KnownValues.is(after.getStatus(), NodeStatus.RUNNING)
              ? "demo-1 is running its new VM."
              : "demo-1 is " + after.getStatus());
    }
  }

  /** Reads only, unless a node and --yes are given. */
  static void runOnRealApi(PrintStream out, String node, String userDataFile, boolean yes)
      throws IOException {
    try (SfcNodes client = SfcNodes.fromEnv()) {
      out.println("sfc-nodes-java demo on " + client.baseUrl());
      out.println("Nodes:");
      for (Node n : client.nodes().list().getData()) {
        Vm vm = n.getCurrentVm();
        out.println(
            "  "
                + n.getName()
                + " ("
                + n.getId()
                + ") "
                + n.getStatus()
                + (vm == null ? "" : ", VM " + vm.getId() + " " + vm.getStatus()));
      }
      out.println("Zones:");
      for (Zone zone : client.zones().list().getData()) {
        out.println(
            "  " + zone.getName() + ": " + zone.getHardwareType() + ", " + zone.getRegion());
      }
      if (node == null) {
        return;
      }
      RedeployParams.Builder params = RedeployParams.builder().requireRunning(true);
      if (userDataFile != null) {
        params.userData(UserData.ofFile(Paths.get(userDataFile)));
      }
      RedeployParams redeploy = params.build();
      if (!yes) {
        out.println(
            "Would redeploy "
                + node
                + " with "
                + redeploy
                + ". This destroys its current VM: add --yes to do it.");
        return;
      }
      Node after =
          client
              .waiters()
              .redeployAndWait(
                  node,
                  redeploy,
                  WaitOptions.builder().listener(p -> out.println("  " + p)).build());
      out.println(
          "Redeployed: " + after.getName() + " now runs VM " + after.getCurrentVm().getId());
    }
  }

  private static Vm find(Node node, String vmId) {
    for (Vm vm : node.getVms().getData()) {
      if (vm.getId().equals(vmId)) {
        return vm;
      }
    }
    return null;
  }

  private static String quote(String text) {
    return "\"" + text.replace("\n", "\\n") + "\"";
  }

  private static double seconds(long sinceNanos) {
    return (System.nanoTime() - sinceNanos) / 1e9;
  }

  private static String value(String[] args, int i, String flag) {
    if (i >= args.length) {
      System.err.println(flag + " needs a value\n" + USAGE);
      System.exit(2);
    }
    return args[i];
  }
}
