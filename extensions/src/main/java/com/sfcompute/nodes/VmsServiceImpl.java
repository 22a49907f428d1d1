package com.sfcompute.nodes;

import com.sfcompute.nodes.internal.api.Operation;
import com.sfcompute.nodes.internal.api.VmsApi;
import com.sfcompute.nodes.internal.http.Scheduler;
import com.sfcompute.nodes.internal.http.Transport;
import com.sfcompute.nodes.model.VmLogChunk;
import com.sfcompute.nodes.model.VmLogs;
import com.sfcompute.nodes.model.VmSsh;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

final class VmsServiceImpl implements VmsService {
  private final VmsApi api;
  private final Transport transport;
  private final Scheduler scheduler;
  private final ScriptService script;
  private final ImagesService images;

  VmsServiceImpl(VmsApi api, Transport transport, Scheduler scheduler) {
    this.api = api;
    this.transport = transport;
    this.scheduler = scheduler;
    this.script = new ScriptServiceImpl(api, transport);
    this.images = new ImagesServiceImpl(api, transport);
  }

  @Override
  public ScriptService script() {
    return script;
  }

  @Override
  public ImagesService images() {
    return images;
  }

  @Override
  public VmLogs logs(VmLogsParams params) {
    return transport.execute(logsCall(params));
  }

  @Override
  public CompletableFuture<VmLogs> logsAsync(VmLogsParams params) {
    return transport.executeAsync(logsCall(params));
  }

  @Override
  public ApiResponse<VmLogs> logsWithResponse(VmLogsParams params) {
    return transport.executeWithResponse(logsCall(params));
  }

  private Operation<VmLogs> logsCall(VmLogsParams params) {
    Checks.notNull(params, "params");
    return api.getVmLogs(
        params.instanceId(),
        params.orderBy(),
        params.limit(),
        params.sinceSeqnum(),
        params.beforeSeqnum(),
        params.sinceTimestamp(),
        params.beforeTimestamp());
  }

  @Override
  public CompletableFuture<@Nullable Void> followLogs(
      VmLogsParams params, Duration pollInterval, Consumer<VmLogChunk> onChunk) {
    Checks.notNull(params, "params");
    Checks.notNull(onChunk, "onChunk");
    if (Checks.notNull(pollInterval, "pollInterval").isNegative() || pollInterval.isZero()) {
      throw new IllegalArgumentException(
          "pollInterval must be positive (was " + pollInterval + ")");
    }
    return new LogFollower(params.toBuilder().ascending().build(), pollInterval, onChunk).start();
  }

  /** Reads until the log is drained, hands the chunks over, then schedules the next read. */
  private final class LogFollower {
    private final Duration pollInterval;
    private final Consumer<VmLogChunk> onChunk;
    private final LogPages pages;
    private final AtomicReference<@Nullable Future<?>> pending = new AtomicReference<>();
    private final CompletableFuture<@Nullable Void> result =
        Futures.onCancel(() -> Futures.cancel(pending.get()));

    LogFollower(VmLogsParams params, Duration pollInterval, Consumer<VmLogChunk> onChunk) {
      this.pollInterval = pollInterval;
      this.onChunk = onChunk;
      this.pages = new LogPages(params);
    }

    CompletableFuture<@Nullable Void> start() {
      read();
      return result;
    }

    private void read() {
      if (result.isDone()) {
        return;
      }
      CompletableFuture<VmLogs> page = logsAsync(pages.cursor());
      pending.set(page);
      CompletableFuture<?> unused =
          page.whenComplete(
              (logs, error) -> {
                if (error != null) {
                  result.completeExceptionally(Futures.unwrap(error));
                  return;
                }
                try {
                  int added = pages.accept(LogPages.dataOf(logs));
                  for (VmLogChunk chunk = pages.poll(); chunk != null; chunk = pages.poll()) {
                    if (result.isDone()) {
                      return;
                    }
                    onChunk.accept(chunk);
                  }
                  if (pages.atEnd()) {
                    result.complete(null); // No seqnum is left for a new chunk to carry.
                  } else if (added > 0) {
                    read();
                  } else if (!result.isDone()) {
                    pending.set(Futures.schedule(scheduler, this::read, pollInterval, result));
                  }
                } catch (RuntimeException e) {
                  result.completeExceptionally(e);
                }
              });
    }
  }

  @Override
  public VmSsh ssh(String vmId) {
    return transport.execute(api.getVmSsh(Checks.notBlank(vmId, "vm_id")));
  }

  @Override
  public CompletableFuture<VmSsh> sshAsync(String vmId) {
    return transport.executeAsync(api.getVmSsh(Checks.notBlank(vmId, "vm_id")));
  }

  @Override
  public ApiResponse<VmSsh> sshWithResponse(String vmId) {
    return transport.executeWithResponse(api.getVmSsh(Checks.notBlank(vmId, "vm_id")));
  }
}
