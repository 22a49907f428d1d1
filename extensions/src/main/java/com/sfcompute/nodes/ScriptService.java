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

  /**
   * {@link #create(StartupScript)} without blocking: the future completes with the script as
   * stored.
   */
  default CompletableFuture<StartupScript> createAsync(StartupScript script) {
    return createAsync(script, null);
  }

  /**
   * {@link #create(StartupScript, String)} without blocking: the future completes with the script
   * as stored.
   *
   * @throws IllegalArgumentException if {@code idempotencyKey} is blank, longer than 255
   *     characters, or not printable ASCII without spaces; at once rather than through the future
   */
  CompletableFuture<StartupScript> createAsync(
      StartupScript script, @Nullable String idempotencyKey);

  /** {@link #create(StartupScript, String)}, with the HTTP status and headers. */
  ApiResponse<StartupScript> createWithResponse(
      StartupScript script, @Nullable String idempotencyKey);

  /** The current start-up script, as text or bytes, whichever the server sent. */
  StartupScript get();

  /** {@link #get} without blocking: the future completes with the current script. */
  CompletableFuture<StartupScript> getAsync();

  /** {@link #get}, with the HTTP status and headers. */
  ApiResponse<StartupScript> getWithResponse();
}
