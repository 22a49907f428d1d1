package com.example.jpms;

import com.sfcompute.nodes.CreateNodesParams;
import com.sfcompute.nodes.RedeployParams;
import com.sfcompute.nodes.SfcNodes;
import com.sfcompute.nodes.UserData;
import com.sfcompute.nodes.model.Node;
import com.sfcompute.nodes.model.Vm;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;

/**
 * Starts the stand-in (its standalone jar, the only argument) as a separate process, then creates
 * a node and redeploys it with new user data through the SDK, all from a named module. Exits
 * non-zero if anything is not as expected.
 */
public final class RedeployOnModulePath {
  private RedeployOnModulePath() {}

  public static void main(String[] args) throws Exception {
    check(RedeployOnModulePath.class.getModule().isNamed(), "this class runs in a named module");
    check(SfcNodes.class.getModule().isNamed(), "sfc-nodes is a named module");
    check(
        !SfcNodes.class.getModule().getDescriptor().isAutomatic(),
        "sfc-nodes has a real module descriptor");
    check(
        !SfcNodes.class.getModule().isExported("com.sfcompute.nodes.internal.http"),
        "internal packages are not exported");

    String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
    Process standIn =
        new ProcessBuilder(java, "-jar", args[0], "--port", "0", "--transition-delay", "100ms")
            .redirectErrorStream(true)
            .start();
    try {
      BufferedReader out =
          new BufferedReader(
              new InputStreamReader(standIn.getInputStream(), StandardCharsets.UTF_8));
      String baseUrl = null;
      String token = null;
      for (String line; (baseUrl == null || token == null) && (line = out.readLine()) != null; ) {
        if (line.startsWith("SFC_NODES_BASE_URL=")) {
          baseUrl = line.substring("SFC_NODES_BASE_URL=".length());
        } else if (line.startsWith("SFC_NODES_BEARER_TOKEN=")) {
          token = line.substring("SFC_NODES_BEARER_TOKEN=".length());
        }
      }
      check(baseUrl != null && token != null, "the stand-in printed its URL and token");

      try (SfcNodes client = SfcNodes.builder().baseUrl(baseUrl).bearerToken(token).build()) {
        String zone = client.zones().list().getData().get(0).getName();
        client
            .nodes()
            .create(
                CreateNodesParams.builder()
                    .desiredCount(1)
                    .maxPricePerNodeHour(1600)
                    .zone(zone)
                    .names("jpms")
                    .userData(UserData.ofText("#cloud-config\n"))
                    .build());
        Node running = client.waiters().waitUntilRunning("jpms");
        Vm before = running.getCurrentVm();
        Node after =
            client
                .waiters()
                .redeployAndWait(
                    "jpms",
                    RedeployParams.builder()
                        .userData(UserData.ofText("#cloud-config\nruncmd: [echo again]\n"))
                        .build());
        Vm now = after.getCurrentVm();
        check(before != null && now != null, "the node has a VM before and after");
        check(!before.getId().equals(now.getId()), "the redeploy started another VM");
        System.out.println(
            "Redeployed " + after.getName() + " on the module path: " + before.getId() + " -> "
                + now.getId());
      }
    } finally {
      standIn.destroy();
      standIn.waitFor();
    }
  }

  private static void check(boolean condition, String what) {
    if (!condition) {
      throw new AssertionError("expected: " + what);
    }
  }
}
