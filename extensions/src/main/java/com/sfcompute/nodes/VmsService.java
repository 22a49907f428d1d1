package com.sfcompute.nodes;

import com.sfcompute.nodes.model.VmLogChunk;
import com.sfcompute.nodes.model.VmLogs;
import com.sfcompute.nodes.model.VmSsh;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/** VMs: {@code client.vms()}. Logs and SSH details of VMs, the start-up script, and images. */
public interface VmsService {
  /** One page of a VM's log chunks. */
  VmLogs logs(VmLogsParams params);

  /** {@link #logs} without blocking: the future completes with the page. */
  CompletableFuture<VmLogs> logsAsync(VmLogsParams params);

  /** {@link #logs}, with the HTTP status and headers. */
  ApiResponse<VmLogs> logsWithResponse(VmLogsParams params);

  /**
   * Every chunk matching {@code params}, read page after page while iterating: ascending by moving
   * {@code since_seqnum} past the last chunk, descending by moving {@code before_seqnum}; {@code
   * limit} is the page size. Ends at an empty page. Decode with {@link VmLogText#decoder()}.
   */
  default Iterable<VmLogChunk> iterateLogs(VmLogsParams params) {
    Checks.notNull(params, "params");
    return () -> new LogPages(p -> LogPages.dataOf(logs(p)), params);
  }

  /**
   * Follows a VM's log: reads every chunk from {@code params} on (ascending), hands each to {@code
   * onChunk} in order, then reads again every {@code pollInterval} for new ones, until the returned
   * future is cancelled, or a chunk at {@code Long.MAX_VALUE} leaves no seqnum for a new one (then
   * it completes normally). It completes exceptionally when a read fails (after the client's
   * retries), a page is invalid ({@link com.sfcompute.nodes.errors.SfcNodesInvalidDataException})
   * or {@code onChunk} throws. No thread is held between reads, and the waits between reads use the
   * client's sleeper.
   */
  CompletableFuture<@Nullable Void> followLogs(
      VmLogsParams params, Duration pollInterval, Consumer<VmLogChunk> onChunk);

  /** Host, port and host keys to SSH into a VM. */
  VmSsh ssh(String vmId);

  /**
   * {@link #ssh} without blocking: the future completes with the SSH details.
   *
   * @throws IllegalArgumentException if {@code vmId} is blank, at once rather than through the
   *     future
   */
  CompletableFuture<VmSsh> sshAsync(String vmId);

  /** {@link #ssh}, with the HTTP status and headers. */
  ApiResponse<VmSsh> sshWithResponse(String vmId);

  /** The account's VM start-up script. */
  ScriptService script();

  /** VM images. */
  ImagesService images();
}
