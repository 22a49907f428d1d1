package com.sfcompute.nodes.examples;

import com.sfcompute.nodes.SfcNodes;
import com.sfcompute.nodes.VmLogText;
import com.sfcompute.nodes.VmLogsParams;
import com.sfcompute.nodes.model.Node;
import com.sfcompute.nodes.model.Vm;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Follows a VM's log: prints what is there, then each new chunk as it arrives, until a line you
 * wait for shows up or the time is up.
 *
 * <p>No token: on the local stand-in, with a node it creates and log lines it appends while you
 * watch; stops at "deploy finished" (at most 30 s). With {@code SFC_NODES_BEARER_TOKEN}: {@code
 * --vm <vm id>} (or {@code --node <id or name>}: its current VM) follows until Ctrl-C, or for
 * {@code --seconds <n>}, or until {@code --until <text>}. Only reads.
 */
public final class FollowLogs {
  static final String USAGE =
      "usage: FollowLogs [--vm <vm id> | --node <id or name>] [--seconds <n>] [--until <text>]";

  private FollowLogs() {}

  public static void main(String[] args) throws InterruptedException {
    Args parsed =
        Examples.parse(args, USAGE, Arrays.asList("--vm", "--node", "--seconds", "--until"));
    if (!StandIn.realApi()) {
      onStandIn(System.out, Duration.ofSeconds(2));
      return;
    }
    try (SfcNodes client = SfcNodes.fromEnv()) {
      String vm = parsed.value("--vm");
      if (vm == null) {
        Vm current = client.nodes().get(Examples.required(parsed, "--node", USAGE)).getCurrentVm();
        if (current == null) {
          System.err.println("node " + parsed.value("--node") + " has no VM");
          System.exit(1);
          return;
        }
        vm = current.getId();
      }
      long seconds = Long.parseLong(parsed.value("--seconds", "0"));
      follow(
          client,
          vm,
          parsed.value("--until"),
          seconds == 0 ? null : Duration.ofSeconds(seconds),
          Duration.ofSeconds(2),
          System.out);
    }
  }

  static void onStandIn(PrintStream out, Duration transitionDelay) throws InterruptedException {
    try (StandIn standIn = StandIn.start(out, transitionDelay)) {
      Node node = standIn.runningNodes("logs-1").get(0);
      String vm = node.getCurrentVm().getId();
      // Something writing to the VM's log while we follow it: here, the stand-in itself.
      Thread writer =
          new Thread(
              () -> {
                try {
                  for (int step = 1; step <= 3; step++) {
                    Thread.sleep(300);
                    standIn.api.state().appendLog(vm, "deploy step " + step + " of 3\n");
                  }
                  Thread.sleep(300);
                  standIn.api.state().appendLog(vm, "deploy finished\n");
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              },
              "log-writer");
      writer.setDaemon(true);
      writer.start();
      follow(
          standIn.client,
          vm,
          "deploy finished",
          Duration.ofSeconds(30),
          Duration.ofMillis(200),
          out);
      writer.join(TimeUnit.SECONDS.toMillis(5));
    }
  }

  /**
   * The example proper: follows {@code vmId}'s log from the start until {@code until} appears,
   * {@code maxTime} passes (null: forever) or the thread is interrupted.
   *
   * @return whether {@code until} was seen
   */
  static boolean follow(
      SfcNodes client,
      String vmId,
      @Nullable String until,
      @Nullable Duration maxTime,
      Duration pollInterval,
      PrintStream out)
      throws InterruptedException {
    out.println("Following the log of " + vmId + (until == null ? "" : " until \"" + until + "\""));
    VmLogText.Decoder decoder = VmLogText.decoder(); // keeps a character split across chunks whole
    CountDownLatch seen = new CountDownLatch(1);
    StringBuilder text = new StringBuilder();
    CompletableFuture<@Nullable Void> following =
        client
            .vms()
            .followLogs(
                VmLogsParams.builder(vmId).build(),
                pollInterval,
                chunk -> {
                  String decoded = decoder.decode(chunk);
                  out.print(decoded.replaceAll("(?m)^(?=.)", "  | "));
                  text.append(decoded);
                  if (until != null && text.indexOf(until) >= 0) {
                    seen.countDown();
                  }
                });
    boolean found;
    try {
      if (maxTime == null) {
        seen.await();
        found = true;
      } else {
        found = seen.await(maxTime.toMillis(), TimeUnit.MILLISECONDS);
      }
    } finally {
      following.cancel(true); // stops polling
    }
    out.println(
        found
            ? "Saw \"" + until + "\": stopped following."
            : "Stopped following after " + maxTime.toMillis() / 1000 + " s.");
    return found;
  }
}
