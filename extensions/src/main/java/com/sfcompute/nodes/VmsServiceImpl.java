package com.sfcompute.nodes;

import com.sfcompute.nodes.errors.SfcNodesInvalidDataException;
import com.sfcompute.nodes.internal.api.VmsApi;
import com.sfcompute.nodes.model.ImageDownload;
import com.sfcompute.nodes.model.ImageList;
import com.sfcompute.nodes.model.VmLogs;
import com.sfcompute.nodes.model.VmScript;
import com.sfcompute.nodes.model.VmSsh;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;
import retrofit2.Call;

/** {@code vms()}, {@code vms().script()} and {@code vms().images()}: one generated interface. */
final class VmsServiceImpl implements VmsService, ScriptService, ImagesService {
  private final VmsApi api;
  private final Transport transport;

  VmsServiceImpl(VmsApi api, Transport transport) {
    this.api = api;
    this.transport = transport;
  }

  @Override
  public ScriptService script() {
    return this;
  }

  @Override
  public ImagesService images() {
    return this;
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

  private Call<VmLogs> logsCall(VmLogsParams params) {
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

  // vms().script()

  @Override
  public StartupScript create(StartupScript script, @Nullable String idempotencyKey) {
    return createWithResponse(script, idempotencyKey).body();
  }

  @Override
  public CompletableFuture<StartupScript> createAsync(
      StartupScript script, @Nullable String idempotencyKey) {
    return transport
        .executeAsync(createScriptCall(script, idempotencyKey))
        .thenApply(VmsServiceImpl::toScript);
  }

  @Override
  public ApiResponse<StartupScript> createWithResponse(
      StartupScript script, @Nullable String idempotencyKey) {
    return transport
        .executeWithResponse(createScriptCall(script, idempotencyKey))
        .map(VmsServiceImpl::toScript);
  }

  private Call<VmScript> createScriptCall(StartupScript script, @Nullable String key) {
    VmScript body = new VmScript().script(Checks.notNull(script, "script").toJson());
    return api.createVmScript(body, Idempotency.keyOrNew(key));
  }

  @Override
  public StartupScript get() {
    return getWithResponse().body();
  }

  @Override
  public CompletableFuture<StartupScript> getAsync() {
    return transport.executeAsync(api.getVmScript()).thenApply(VmsServiceImpl::toScript);
  }

  @Override
  public ApiResponse<StartupScript> getWithResponse() {
    return transport.executeWithResponse(api.getVmScript()).map(VmsServiceImpl::toScript);
  }

  private static StartupScript toScript(VmScript script) {
    try {
      return StartupScript.fromJson(script.getScript());
    } catch (RuntimeException e) {
      throw new SfcNodesInvalidDataException("Invalid response: " + e.getMessage(), e);
    }
  }

  // vms().images()

  @Override
  public ImageList list() {
    return transport.execute(api.listImages());
  }

  @Override
  public CompletableFuture<ImageList> listAsync() {
    return transport.executeAsync(api.listImages());
  }

  @Override
  public ApiResponse<ImageList> listWithResponse() {
    return transport.executeWithResponse(api.listImages());
  }

  @Override
  public ImageDownload get(String imageId) {
    return transport.execute(api.getImage(Checks.pathSegment(imageId, "image_id")));
  }

  @Override
  public CompletableFuture<ImageDownload> getAsync(String imageId) {
    return transport.executeAsync(api.getImage(Checks.pathSegment(imageId, "image_id")));
  }

  @Override
  public ApiResponse<ImageDownload> getWithResponse(String imageId) {
    return transport.executeWithResponse(api.getImage(Checks.pathSegment(imageId, "image_id")));
  }
}
