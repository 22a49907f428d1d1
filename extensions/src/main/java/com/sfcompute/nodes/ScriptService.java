package com.sfcompute.nodes;

import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/** The account's VM start-up script: {@code client.vms().script()}. */
public interface ScriptService {
  /** Sets the start-up script; answers the script as stored. */
  default StartupScript create(StartupScript script) {
    return create(script, null);
  }

  /** Sets the start-up script, with your own idempotency key (null for a new one). */
  StartupScript create(StartupScript script, @Nullable String idempotencyKey);

  default CompletableFuture<StartupScript> createAsync(StartupScript script) {
    return createAsync(script, null);
  }

  CompletableFuture<StartupScript> createAsync(
      StartupScript script, @Nullable String idempotencyKey);

  ApiResponse<StartupScript> createWithResponse(
      StartupScript script, @Nullable String idempotencyKey);

  /** The current start-up script, as text or bytes, whichever the server sent. */
  StartupScript get();

  CompletableFuture<StartupScript> getAsync();

  ApiResponse<StartupScript> getWithResponse();
}
