package com.sfcompute.nodes.examples;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.sfcompute.nodes.RedeployParams;
import com.sfcompute.nodes.SfcNodes;
import com.sfcompute.nodes.UserData;
import com.sfcompute.nodes.WaitOptions;
import com.sfcompute.nodes.model.Node;
import com.sfcompute.nodes.model.Vm;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * Redeploys one node with new cloud-init user data, keeping its image, and waits until the new VM
 * runs.
 *
 * <p>No token: on the local stand-in, with a node it creates. With {@code SFC_NODES_BEARER_TOKEN}:
 * {@code --node <id or name> --user-data <file>} shows what it would do; add {@code --yes} to
 * redeploy (this destroys the node's current VM).
 */
public final class RedeployWithUserData {
  static final String USAGE =
      "usage: RedeployWithUserData [--node <id or name> --user-data <cloud-init file> [--yes]]";

  private RedeployWithUserData() {}

  public static void main(String[] args) throws IOException {
    Args parsed = Examples.parse(args, USAGE, Arrays.asList("--node", "--user-data"), "--yes");
    if (!StandIn.realApi()) {
      onStandIn(System.out, Duration.ofSeconds(2));
      return;
    }
    String node = Examples.required(parsed, "--node", USAGE);
    UserData userData = UserData.ofFile(Paths.get(Examples.required(parsed, "--user-data", USAGE)));
    try (SfcNodes client = SfcNodes.fromEnv()) {
      redeploy(client, node, userData, parsed.flag("--yes"), System.out);
    }
  }

  static void onStandIn(PrintStream out, Duration transitionDelay) {
    try (StandIn standIn = StandIn.start(out, transitionDelay)) {
      standIn.runningNodes("web-1");
      UserData userData =
          UserData.ofText("#cloud-config\nruncmd:\n  - echo serving version 2 > /etc/motd\n");
      Node after = redeploy(standIn.client, "web-1", userData, true, out);
      byte[] received = standIn.api.state().userDataOf(after.getCurrentVm().getId());
      out.println(
          "The new VM's user data, as the stand-in received it: "
              + (received == null ? "none" : new String(received, UTF_8).replace("\n", "\\n")));
    }
  }

  /**
   * The example proper: what a program of yours would do.
   *
   * @return the node running its new VM, or null when {@code yes} is false (nothing was sent)
   */
  static @Nullable Node redeploy(
      SfcNodes client, String node, UserData userData, boolean yes, PrintStream out) {
    RedeployParams params =
        RedeployParams.builder()
            .userData(userData) // new user data; the image is inherited
            .requireRunning(true) // refuse, before sending, a node that is not running
            .build();
    if (!yes) {
      out.println(
          "Would redeploy "
              + node
              + " with "
              + params
              + ". This destroys its current VM: add --yes to do it.");
      return null;
    }
    Vm before = client.nodes().get(node).getCurrentVm();
    out.println("Redeploying " + node + " with " + userData.size() + " bytes of new user data...");
    Node after =
        client
            .waiters()
            .redeployAndWait(
                node,
                params,
                WaitOptions.builder()
                    .timeout(Duration.ofMinutes(20))
                    .listener(progress -> out.println("  " + progress))
                    .build());
    Vm vm = after.getCurrentVm();
    out.println(
        after.getName()
            + " now runs VM "
            + vm.getId()
            + " ("
            + vm.getStatus()
            + ", image "
            + vm.getImageId()
            + "), replacing "
            + (before == null ? "no VM" : before.getId()));
    return after;
  }
}
