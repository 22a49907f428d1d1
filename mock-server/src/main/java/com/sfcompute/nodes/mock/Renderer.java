package com.sfcompute.nodes.mock;

import com.sfcompute.nodes.model.Node;
import com.sfcompute.nodes.model.SshHostKey;
import com.sfcompute.nodes.model.Vm;
import com.sfcompute.nodes.model.VmList;
import com.sfcompute.nodes.model.VmLogChunk;
import com.sfcompute.nodes.model.VmLogs;
import com.sfcompute.nodes.model.VmSsh;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/** The API's view of nodes and VMs (with their SSH details and logs), rendered from the records. */
final class Renderer {
  private final Settings settings;

  Renderer(Settings settings) {
    this.settings = settings;
  }

  Node render(NodeRecord node, long now) {
    List<Vm> rendered = new ArrayList<>();
    for (VmRecord vm : node.vms) {
      rendered.add(render(vm, now));
    }
    return new Node()
        ._object("node")
        .id(node.id)
        .name(node.name)
        .zone(node.zone.name())
        .gpuType(node.zone.hardwareType())
        .owner(settings.owner)
        .status(node.status(now))
        .createdAt(node.createdAtMillis / 1000)
        .updatedAt(node.updatedAtMillis(now) / 1000)
        .startAt(node.startAtSeconds)
        .endAt(node.endAtSeconds)
        .deletedAt(null)
        .procurementId(node.procurementId)
        .maxPricePerNodeHour(node.maxPricePerNodeHour)
        .nodeType(node.nodeType())
        .vms(new VmList()._object("list").data(rendered))
        .currentVm(rendered.get(rendered.size() - 1));
  }

  Vm render(VmRecord vm, long now) {
    // As on the published redeploy example: start_at is when the VM was created, end_at the
    // node's end, and updated_at moves with each status change.
    return new Vm()
        ._object("vm")
        .id(vm.id)
        .status(settings.vmStatusCase.spell(vm.status(now)))
        .createdAt(vm.createdAtMillis / 1000)
        .updatedAt(vm.updatedAtMillis(now) / 1000)
        .startAt(vm.bootAtMillis / 1000)
        .endAt(vm.node.endAtSeconds)
        .imageId(vm.imageId)
        .zone(vm.node.zone.name());
  }

  VmSsh ssh(VmRecord vm, long now) {
    VmSsh ssh =
        new VmSsh()
            .sshHostname(
                vm.id.toLowerCase(Locale.ROOT).replace('_', '-')
                    + "."
                    + vm.node.zone.name()
                    + ".mock.sfcompute.dev")
            .sshPort(22)
            .sshHostKeys(null)
            .lastAttemptedKeyUpdate(null)
            .lastSuccessfulKeyUpdate(null);
    // Host keys are known once the VM has booted.
    if (now >= vm.runningAtMillis) {
      long bootedAt = vm.runningAtMillis / 1000;
      ssh.sshHostKeys(
              Collections.singletonList(
                  new SshHostKey().keyType("ssh-ed25519").base64EncodedKey(ed25519Key(vm.id))))
          .lastAttemptedKeyUpdate(bootedAt)
          .lastSuccessfulKeyUpdate(bootedAt);
    }
    return ssh;
  }

  /** The first {@code max} of the lines, in their order. */
  static VmLogs logs(VmRecord vm, List<VmRecord.LogLine> lines, int max) {
    VmLogs logs = new VmLogs().data(new ArrayList<>());
    for (VmRecord.LogLine line : lines.subList(0, Math.min(max, lines.size()))) {
      long sinceBoot = Math.max(0, line.atMillis - vm.createdAtMillis);
      List<Integer> bytes = new ArrayList<>(line.data.length);
      for (byte b : line.data) {
        bytes.add(b & 0xff);
      }
      logs.addDataItem(
          new VmLogChunk()
              .instanceId(vm.id)
              .realtimeTimestamp(MockJson.utc(line.atMillis))
              .monotonicTimestampSec(sinceBoot / 1000)
              .monotonicTimestampNanoSec((int) (sinceBoot % 1000) * 1_000_000)
              .seqnum(line.seqnum)
              .data(bytes));
    }
    return logs;
  }

  /** An SSH wire-format ed25519 public key whose 32 key bytes are derived from the VM's ID. */
  private static byte[] ed25519Key(String vmId) {
    try {
      byte[] key =
          MessageDigest.getInstance("SHA-256").digest(vmId.getBytes(StandardCharsets.UTF_8));
      byte[] type = "ssh-ed25519".getBytes(StandardCharsets.US_ASCII);
      return ByteBuffer.allocate(4 + type.length + 4 + key.length)
          .putInt(type.length)
          .put(type)
          .putInt(key.length)
          .put(key)
          .array();
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError("Every JVM has SHA-256", e);
    }
  }
}
