package com.sfcompute.nodes.examples;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sfcompute.nodes.CreateNodesParams;
import com.sfcompute.nodes.RedeployParams;
import com.sfcompute.nodes.UserData;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Each README example runs its whole story on the stand-in (what `exec:java` does without a token),
 * and, pointed at an API without --yes, sends nothing that changes a node.
 */
class ExamplesTest {
  private static final Duration FAST = Duration.ofMillis(100);

  @FunctionalInterface
  interface Example {
    void run(PrintStream out) throws Exception;
  }

  private static String output(Example example) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    example.run(new PrintStream(bytes, true, "UTF-8"));
    return new String(bytes.toByteArray(), UTF_8);
  }

  private static void assertMatches(String regex, String out) {
    assertTrue(
        Pattern.compile(regex, Pattern.DOTALL).matcher(out).find(), () -> regex + "\n" + out);
  }

  @Test
  void redeployWithUserDataReplacesTheVmAndDeliversTheNewUserData() throws Exception {
    String out = output(o -> RedeployWithUserData.onStandIn(o, FAST));

    assertTrue(out.contains("(no SFC_NODES_BEARER_TOKEN set"), out);
    assertMatches("web-1 now runs VM (vm_\\S+) \\((?i:running), image \\S+\\), replacing vm_", out);
    assertTrue(
        out.contains(
            "The new VM's user data, as the stand-in received it: #cloud-config\\nruncmd:\\n"
                + "  - echo serving version 2 > /etc/motd\\n"),
        out);
  }

  @Test
  void fleetRedeployPrintsProgressPerNodeAndOneResultPerNodeInOrder() throws Exception {
    String out = output(o -> FleetRedeploy.onStandIn(o, FAST));

    for (String node : Arrays.asList("fleet-1", "fleet-2", "fleet-4")) {
      assertMatches("\\n  " + node + " +node n_\\S+ running, VM vm_\\S+ (?i:running)", out);
    }
    assertMatches(
        "Results:\\n  fleet-1  ok      now VM vm_\\S+\\n  fleet-2  ok      now VM vm_\\S+\\n"
            + "  fleet-3  NOT_APPLIED  ConflictException: 409 conflict.*\\n  fleet-4  ok      now VM"
            + " vm_\\S+\\n3 of 4 nodes redeployed\\.",
        out);
  }

  @Test
  void fleetEventsPrintsEachNodeWithItsWriteRetryAndPollsBelowIt() throws Exception {
    String out = output(o -> FleetEvents.onStandIn(o, FAST));

    assertMatches("\\d+\\.\\d{3}s fleet\\.redeploy: 3 nodes\\n", out);
    for (String node : Arrays.asList("events-1", "events-2", "events-3")) {
      assertMatches("s   node " + node + " started\\n", out);
      assertMatches("s   node " + node + ": SUCCEEDED in \\d+ ms\\n", out);
    }
    assertMatches("s       nodes\\.redeploy again in \\d+ ms \\(throttled\\)\\n", out);
    assertMatches("s     nodes\\.redeploy n_\\S+: answered 200 after 2 attempts", out);
    assertMatches("s     wait for n_\\S+, poll \\d+: node (?i:running), VM (?i:running)\\n", out);
    assertMatches("s fleet\\.redeploy: 3 of 3 succeeded in \\d+ ms\\n", out);
  }

  @Test
  void followLogsPrintsTheLinesAsTheyArriveAndStopsAtTheAwaitedOne() throws Exception {
    String out = output(o -> FollowLogs.onStandIn(o, FAST));

    assertMatches(
        "  \\| deploy step 1 of 3\\n.*  \\| deploy step 2 of 3\\n.*  \\| deploy step 3 of 3\\n"
            + ".*  \\| deploy finished\\n",
        out);
    assertTrue(out.endsWith("Saw \"deploy finished\": stopped following.\n"), out);
  }

  @Test
  void createAndWaitWaitsUntilEveryNodeRuns() throws Exception {
    String out = output(o -> CreateAndWait.onStandIn(o, FAST));

    assertMatches("Created train-1 \\(n_\\S+\\), pending", out);
    assertMatches("Created train-2 \\(n_\\S+\\), pending", out);
    assertMatches("train-1 is running, VM vm_\\S+ (?i:running)", out);
    assertMatches("train-2 is running, VM vm_\\S+ (?i:running)", out);
    assertTrue(out.contains("All 2 nodes run."), out);
  }

  @Test
  void withoutYesNothingThatChangesANodeIsSent() throws Exception {
    try (StandIn standIn = StandIn.start(new PrintStream(new ByteArrayOutputStream()), FAST)) {
      standIn.runningNodes("real-1", "real-2");
      int creates = standIn.api.counters().creates();
      UserData userData = UserData.ofText("#cloud-config\n");

      String out =
          output(
              o -> {
                assertNull(
                    RedeployWithUserData.redeploy(standIn.client, "real-1", userData, false, o));
                assertTrue(
                    FleetRedeploy.redeploy(
                            standIn.client,
                            List.of("real-1", "real-2"),
                            RedeployParams.builder().userData(userData).build(),
                            2,
                            false,
                            o)
                        .isEmpty());
                assertTrue(
                    CreateAndWait.create(
                            standIn.client,
                            CreateNodesParams.builder()
                                .desiredCount(1)
                                .maxPricePerNodeHour(1600)
                                .zone("hayesvalley")
                                .build(),
                            false,
                            o)
                        .isEmpty());
              });

      assertEquals(0, standIn.api.counters().redeploys(), out);
      assertEquals(creates, standIn.api.counters().creates(), out);
      assertTrue(out.contains("Would redeploy real-1"), out);
      assertTrue(out.contains("Would redeploy 2 nodes [real-1, real-2]"), out);
      assertTrue(out.contains("Would create nodes with"), out);
    }
  }

  @Test
  void argumentsAreCheckedBeforeAnythingRuns() {
    Args args =
        Args.parse(
            new String[] {"--node", "n1", "--yes"},
            Arrays.asList("--node", "--user-data"),
            List.of("--yes"));
    assertEquals("n1", args.value("--node"));
    assertTrue(args.flag("--yes"));
    assertFalse(args.flag("--dry-run"));

    IllegalArgumentException unknown =
        assertThrows(
            IllegalArgumentException.class,
            () -> Args.parse(new String[] {"--nodes", "x"}, List.of("--node"), List.of()));
    assertTrue(unknown.getMessage().contains("unknown argument --nodes"), unknown.getMessage());
    IllegalArgumentException missing =
        assertThrows(
            IllegalArgumentException.class,
            () -> Args.parse(new String[] {"--node"}, List.of("--node"), List.of()));
    assertEquals("--node needs a value", missing.getMessage());
  }
}
