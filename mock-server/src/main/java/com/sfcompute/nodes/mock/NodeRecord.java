package com.sfcompute.nodes.mock;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One node: what it was created with, the events applied to it, and its VMs (the last is the
 * current one). Its status is computed from those and the time; see {@link #status}.
 */
final class NodeRecord {
  static final long NEVER = VmRecord.NEVER;

  final String id;
  final String name;
  final MockZone zone;
  final boolean reserved;
  final @Nullable String procurementId;
  final long createdAtMillis;
  final long startAtSeconds;
  @Nullable Long endAtSeconds;
  final long maxPricePerNodeHour;
  long changedAtMillis;
  long releasedAtMillis = NEVER;
  long terminatedAtMillis = NEVER;
  long failedAtMillis = NEVER;
  final List<VmRecord> vms = new ArrayList<>();

  NodeRecord(
      String id,
      String name,
      MockZone zone,
      boolean reserved,
      @Nullable String procurementId,
      long createdAtMillis,
      long startAtSeconds,
      @Nullable Long endAtSeconds,
      long maxPricePerNodeHour) {
    this.id = id;
    this.name = name;
    this.zone = zone;
    this.reserved = reserved;
    this.procurementId = procurementId;
    this.createdAtMillis = createdAtMillis;
    this.startAtSeconds = startAtSeconds;
    this.endAtSeconds = endAtSeconds;
    this.maxPricePerNodeHour = maxPricePerNodeHour;
    this.changedAtMillis = createdAtMillis;
  }

  VmRecord currentVm() {
    return vms.get(vms.size() - 1);
  }

  String nodeType() {
    return reserved ? "reserved" : "autoreserved";
  }

  /**
   * {@code pending} until its first VM runs, then {@code running}; {@code released}, {@code
   * terminated} and {@code failed} once those events are applied ({@link World#catchUp} applies the
   * ones that time brings).
   */
  String status(long now) {
    if (failedAtMillis != NEVER) {
      return "failed";
    }
    if (terminatedAtMillis != NEVER) {
      return "terminated";
    }
    if (releasedAtMillis != NEVER) {
      return "released";
    }
    return now >= vms.get(0).runningAtMillis ? "running" : "pending";
  }

  long updatedAtMillis(long now) {
    long updated = Math.max(changedAtMillis, currentVm().updatedAtMillis(now));
    if (now >= vms.get(0).runningAtMillis) {
      updated = Math.max(updated, vms.get(0).runningAtMillis);
    }
    updated = Math.max(updated, releasedAtMillis);
    updated = Math.max(updated, terminatedAtMillis);
    return Math.max(updated, failedAtMillis);
  }

  /** When time alone ends the node: the end of a reserved or released node's window. */
  long endsAtMillis() {
    if (endAtSeconds == null || !(reserved || releasedAtMillis != NEVER)) {
      return NEVER;
    }
    return endAtSeconds * 1000;
  }
}
