package com.sfcompute.nodes;

import com.sfcompute.nodes.errors.SfcNodesInvalidDataException;
import com.sfcompute.nodes.internal.api.Operation;
import com.sfcompute.nodes.internal.api.VmsApi;
import com.sfcompute.nodes.internal.http.Transport;
import com.sfcompute.nodes.model.VmScript;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/** {@code vms().script()}. */
final class ScriptServiceImpl implements ScriptService {
  private final VmsApi api;
  private final Transport transport;

  ScriptServiceImpl(VmsApi api, Transport transport) {
    this.api = api;
    this.transport = transport;
  }

  @Override
  public StartupScript create(StartupScript script, @Nullable String idempotencyKey) {
    return toScript(transport.execute(createScriptCall(script, idempotencyKey)));
  }

  @Override
  public CompletableFuture<StartupScript> createAsync(
      StartupScript script, @Nullable String idempotencyKey) {
    return Futures.map(
        transport.executeAsync(createScriptCall(script, idempotencyKey)),
        ScriptServiceImpl::toScript);
  }

  @Override
  public ApiResponse<StartupScript> createWithResponse(
      StartupScript script, @Nullable String idempotencyKey) {
    return transport
        .executeWithResponse(createScriptCall(script, idempotencyKey))
        .map(ScriptServiceImpl::toScript);
  }

  private Operation<VmScript> createScriptCall(StartupScript script, @Nullable String key) {
    VmScript body = new VmScript().script(Checks.notNull(script, "script").toJson());
    return api.createVmScript(body, Idempotency.keyOrNew(key));
  }

  @Override
  public StartupScript get() {
    return toScript(transport.execute(api.getVmScript()));
  }

  @Override
  public CompletableFuture<StartupScript> getAsync() {
    return Futures.map(transport.executeAsync(api.getVmScript()), ScriptServiceImpl::toScript);
  }

  @Override
  public ApiResponse<StartupScript> getWithResponse() {
    return transport.executeWithResponse(api.getVmScript()).map(ScriptServiceImpl::toScript);
  }

  private static StartupScript toScript(VmScript script) {
    try {
      return StartupScript.fromJson(script.getScript());
    } catch (RuntimeException e) {
      throw new SfcNodesInvalidDataException("Invalid response: " + e.getMessage(), e);
    }
  }
}
