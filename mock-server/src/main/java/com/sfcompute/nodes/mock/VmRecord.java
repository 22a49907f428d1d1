package com.sfcompute.nodes.mock;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One VM of a node, its start-up settings and its log.
 *
 * <p>Its status is a function of time ({@code Pending} until {@link #runningAtMillis}) plus the
 * events applied to it (destroyed, failed). Its log lines are scheduled when it is created and
 * become visible, with the next sequence number, once the clock passes their time; that keeps
 * sequence numbers in time order with lines tests append later.
 */
final class VmRecord {
  static final long NEVER = Long.MIN_VALUE;

  final String id;
  final NodeRecord node;
  final @Nullable String imageId;
  final byte @Nullable [] userData;
  final long createdAtMillis;
  final long bootAtMillis;
  final long runningAtMillis;
  long destroyedAtMillis = NEVER;
  long failedAtMillis = NEVER;

  private final List<LogLine> scheduled = new ArrayList<>();
  private final List<LogLine> log = new ArrayList<>();
  private long nextSeqnum = 1;

  VmRecord(
      String id,
      NodeRecord node,
      @Nullable String imageId,
      byte @Nullable [] userData,
      long createdAtMillis,
      long bootAtMillis,
      long transitionDelayMillis) {
    this.id = id;
    this.node = node;
    this.imageId = imageId;
    this.userData = userData;
    this.createdAtMillis = createdAtMillis;
    this.bootAtMillis = bootAtMillis;
    this.runningAtMillis = bootAtMillis + transitionDelayMillis;
    scheduleBootLog(transitionDelayMillis);
  }

  /** The status in PascalCase, as the spec's VmStatus enum spells it. */
  String status(long now) {
    if (failedAtMillis != NEVER) {
      return "NodeFailure";
    }
    if (destroyedAtMillis != NEVER) {
      return "Destroyed";
    }
    return now >= runningAtMillis ? "Running" : "Pending";
  }

  boolean active(long now) {
    String status = status(now);
    return status.equals("Pending") || status.equals("Running");
  }

  long updatedAtMillis(long now) {
    long updated = createdAtMillis;
    if (now >= runningAtMillis
        && !(destroyedAtMillis != NEVER && destroyedAtMillis < runningAtMillis)) {
      updated = Math.max(updated, runningAtMillis);
    }
    updated = Math.max(updated, destroyedAtMillis);
    return Math.max(updated, failedAtMillis);
  }

  void destroy(long at) {
    if (destroyedAtMillis == NEVER && failedAtMillis == NEVER) {
      publishLog(at);
      scheduled.clear();
      append(at, "reboot: Power down\n");
      destroyedAtMillis = at;
    }
  }

  void fail(long at) {
    if (destroyedAtMillis == NEVER && failedAtMillis == NEVER) {
      publishLog(at);
      scheduled.clear();
      append(at, "NVRM: Xid 79: GPU has fallen off the bus.\n");
      failedAtMillis = at;
    }
  }

  /** Makes the scheduled lines due at {@code now} visible. */
  void publishLog(long now) {
    while (!scheduled.isEmpty() && scheduled.get(0).atMillis <= now) {
      LogLine line = scheduled.remove(0);
      log.add(new LogLine(nextSeqnum++, line.atMillis, line.data));
    }
  }

  /** Appends a line now (after publishing what is due) and returns its sequence number. */
  long append(long now, String text) {
    publishLog(now);
    long seqnum = nextSeqnum++;
    log.add(new LogLine(seqnum, now, text.getBytes(StandardCharsets.UTF_8)));
    return seqnum;
  }

  /** The visible log, in sequence order; call {@link #publishLog} first. */
  List<LogLine> log() {
    return log;
  }

  private void scheduleBootLog(long delay) {
    String image = imageId == null ? "the default image" : "image " + imageId;
    String userDataLine =
        userData == null
            ? "cloud-init[812]: no user data\n"
            : "cloud-init[812]: running user data (" + userData.length + " bytes)\n";
    schedule(0, "Linux version 6.8.0-sfc (mock@sfcompute) #1 SMP PREEMPT_DYNAMIC\n");
    schedule(delay / 4, "Booting " + image + " on node " + node.id + "\n");
    schedule(delay / 2, userDataLine);
    schedule(delay, "cloud-init[812]: Cloud-init finished: " + id + " is ready\n");
  }

  private void schedule(long offsetMillis, String text) {
    scheduled.add(
        new LogLine(0, bootAtMillis + offsetMillis, text.getBytes(StandardCharsets.UTF_8)));
  }

  static final class LogLine {
    final long seqnum;
    final long atMillis;
    final byte[] data;

    LogLine(long seqnum, long atMillis, byte[] data) {
      this.seqnum = seqnum;
      this.atMillis = atMillis;
      this.data = data;
    }
  }
}
