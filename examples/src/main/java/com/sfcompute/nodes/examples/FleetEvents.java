package com.sfcompute.nodes.examples;

import com.sfcompute.nodes.FleetOptions;
import com.sfcompute.nodes.RedeployParams;
import com.sfcompute.nodes.SfcNodes;
import com.sfcompute.nodes.WaitOptions;
import com.sfcompute.nodes.events.AttemptEvent;
import com.sfcompute.nodes.events.CallEvent;
import com.sfcompute.nodes.events.EventScope;
import com.sfcompute.nodes.events.FleetEvent;
import com.sfcompute.nodes.events.FleetNodeEvent;
import com.sfcompute.nodes.events.RetryEvent;
import com.sfcompute.nodes.events.SfcNodesListener;
import com.sfcompute.nodes.events.WaitEvent;
import com.sfcompute.nodes.mock.Fault;
import com.sfcompute.nodes.model.Node;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Prints a fleet's events as they happen: the fleet, each node, each node's write (with its
 * attempts and retries) and wait (with its polls), indented under what they were done for.
 *
 * <p>No token: on the local stand-in, with three nodes it creates; it answers one redeploy with a
 * 429 first, to show a retry. With {@code SFC_NODES_BEARER_TOKEN}: prints the events of listing the
 * nodes (nothing is changed).
 */
public final class FleetEvents {
  private FleetEvents() {}

  public static void main(String[] args) {
    Examples.parse(args, "usage: FleetEvents", Arrays.asList());
    if (!StandIn.realApi()) {
      onStandIn(System.out, Duration.ofSeconds(2));
      return;
    }
    try (SfcNodes client = SfcNodes.builder().fromEnv().listener(new Printer(System.out)).build()) {
      client.nodes().list();
    }
  }

  static void onStandIn(PrintStream out, Duration transitionDelay) {
    try (StandIn standIn = StandIn.start(out, transitionDelay)) {
      List<Node> nodes = standIn.runningNodes("events-1", "events-2", "events-3");
      standIn
          .api
          .faults()
          .next(
              1,
              "PUT",
              "/v1/nodes/" + nodes.get(1).getId() + "/redeploy",
              Fault.tooManyRequests(Duration.ofMillis(100)));
      out.println("(the stand-in answers events-2's first redeploy with a 429, on purpose)");
      try (SfcNodes client =
          SfcNodes.builder()
              .bearerToken(standIn.api.token())
              .baseUrl(standIn.api.baseUrl())
              .listener(new Printer(out))
              .build()) {
        client
            .fleet()
            .redeploy(
                Arrays.asList("events-1", "events-2", "events-3"),
                RedeployParams.builder().build(),
                FleetOptions.builder()
                    .waitForRedeploy(
                        WaitOptions.builder()
                            .pollInterval(Duration.ofMillis(transitionDelay.toMillis() / 2 + 1))
                            .build())
                    .build());
      }
    }
  }

  /** The listener: one line per event, indented by how deep its scope is. */
  static final class Printer implements SfcNodesListener {
    private final PrintStream out;
    private final long start = System.nanoTime();

    Printer(PrintStream out) {
      this.out = out;
    }

    private synchronized void print(EventScope scope, String text) {
      int depth = 0;
      for (EventScope s = scope.parent(); s != null; s = s.parent()) {
        depth++;
      }
      StringBuilder line =
          new StringBuilder(
              String.format(Locale.ROOT, "%7.3fs ", (System.nanoTime() - start) / 1e9));
      for (int i = 0; i < depth; i++) {
        line.append("  ");
      }
      out.println(line.append(text));
    }

    private static String ms(Duration d) {
      return d.toMillis() + " ms";
    }

    @Override
    public void fleetStarted(FleetEvent fleet) {
      print(fleet, fleet.operation() + ": " + fleet.size() + " nodes");
    }

    @Override
    public void fleetNodeStarted(FleetNodeEvent node) {
      print(node, "node " + node.target() + " started");
    }

    @Override
    public void callEnded(CallEvent call) {
      print(
          call,
          call.operation()
              + (call.target() != null ? " " + call.target() : "")
              + ": "
              + (call.error() != null
                  ? call.error().getClass().getSimpleName()
                  : "answered " + call.statusCode())
              + " after "
              + call.attempts()
              + (call.attempts() == 1 ? " attempt, " : " attempts, ")
              + ms(call.duration()));
    }

    @Override
    public void attemptEnded(AttemptEvent attempt) {
      if (attempt.statusCode() >= 400 || attempt.error() != null) {
        print(
            attempt.call(),
            "  attempt "
                + attempt.resendCount()
                + " of "
                + attempt.call().operation()
                + ": "
                + (attempt.error() != null ? attempt.error() : "status " + attempt.statusCode()));
      }
    }

    @Override
    public void retryScheduled(RetryEvent retry) {
      print(
          retry.call(),
          "  "
              + retry.call().operation()
              + " again in "
              + ms(retry.delay())
              + " ("
              + retry.reason().name().toLowerCase(Locale.ROOT)
              + ")");
    }

    @Override
    public void waitPolled(WaitEvent wait) {
      print(
          wait,
          "wait for "
              + wait.target()
              + ", poll "
              + wait.polls()
              + ": "
              + (wait.pollError() != null
                  ? wait.pollError().getClass().getSimpleName()
                  : "node " + wait.nodeStatus() + ", VM " + wait.vmStatus())
              + (wait.nextDelay().isZero() ? "" : "; next in " + ms(wait.nextDelay())));
    }

    @Override
    public void fleetNodeEnded(FleetNodeEvent node) {
      print(node, "node " + node.target() + ": " + node.outcome() + " in " + ms(node.duration()));
    }

    @Override
    public void fleetEnded(FleetEvent fleet) {
      print(
          fleet,
          fleet.operation()
              + ": "
              + fleet.succeeded()
              + " of "
              + fleet.size()
              + " succeeded in "
              + ms(fleet.duration()));
    }
  }
}
