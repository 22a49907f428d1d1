package com.sfcompute.nodes;

import com.sfcompute.nodes.model.VmLogs;
import com.sfcompute.nodes.model.VmSsh;
import java.util.concurrent.CompletableFuture;

/** VMs: {@code client.vms()}. Logs and SSH details of VMs, the start-up script, and images. */
public interface VmsService {
  /** One page of a VM's log chunks. */
  VmLogs logs(VmLogsParams params);

  CompletableFuture<VmLogs> logsAsync(VmLogsParams params);

  ApiResponse<VmLogs> logsWithResponse(VmLogsParams params);

  /** Host, port and host keys to SSH into a VM. */
  VmSsh ssh(String vmId);

  CompletableFuture<VmSsh> sshAsync(String vmId);

  ApiResponse<VmSsh> sshWithResponse(String vmId);

  /** The account's VM start-up script. */
  ScriptService script();

  /** VM images. */
  ImagesService images();
}
