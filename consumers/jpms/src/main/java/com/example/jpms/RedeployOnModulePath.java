package com.example.jpms;

import com.sfcompute.nodes.CreateNodesParams;
import com.sfcompute.nodes.RedeployParams;
import com.sfcompute.nodes.SfcNodes;
import com.sfcompute.nodes.UserData;
import com.sfcompute.nodes.errors.BadRequestException;
import com.sfcompute.nodes.mock.MockNodesServer;
import com.sfcompute.nodes.model.Node;
import com.sfcompute.nodes.model.Vm;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.time.Duration;

/**
 * Starts the stand-in (its standalone jar, the only argument) as a separate process, then creates
 * a node and redeploys it with new user data through the SDK, all from a named module; then does
 * the same on the stand-in embedded in this process, a named module on the module path too. Exits
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
    embedded();
  }

  /**
   * The stand-in as a user's tests run it: embedded, on the module path beside the SDK, a named
   * module of its own whose bundled validator still checks every request against the spec.
   */
  private static void embedded() {
    check(
        !MockNodesServer.class.getModule().getDescriptor().isAutomatic(),
        "the stand-in has a real module descriptor");
    check(
        !MockNodesServer.class
            .getModule()
            .isExported("com.sfcompute.nodes.mock.internal.shaded.com.fasterxml.jackson.databind"),
        "the stand-in's bundled libraries are not exported");
    try (MockNodesServer server =
            MockNodesServer.builder().transitionDelay(Duration.ofMillis(100)).start();
        SfcNodes client =
            SfcNodes.builder().baseUrl(server.baseUrl()).bearerToken(server.token()).build()) {
      String zone = client.zones().list().getData().get(0).getName();
      try {
        client
            .nodes()
            .create(
                CreateNodesParams.builder()
                    .desiredCount(0)
                    .maxPricePerNodeHour(1600)
                    .zone(zone)
                    .build());
        throw new AssertionError("expected: the stand-in refuses desired_count 0");
      } catch (BadRequestException e) {
        check(e.getMessage().contains("desired_count"), "the validator names the field: " + e);
      }
      client
          .nodes()
          .create(
              CreateNodesParams.builder()
                  .desiredCount(1)
                  .maxPricePerNodeHour(1600)
                  .zone(zone)
                  .names("embedded")
                  .build());
      client.waiters().waitUntilRunning("embedded");
      Node after =
          client
              .waiters()
              .redeployAndWait(
                  "embedded",
                  RedeployParams.builder().userData(UserData.ofText("#cloud-config\n")).build());
      check(server.counters().redeploys() == 1, "one redeploy on the embedded stand-in");
      System.out.println(
          "Redeployed " + after.getName() + " on the embedded stand-in, module path: VM "
              + after.getCurrentVm().getId());
    }
  }

  private static void check(boolean condition, String what) {
    if (!condition) {
      throw new AssertionError("expected: " + what);
    }
  }
}
