package com.sfcompute.nodes.events;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/** One call of the API, from the service method to its value or exception, over its attempts. */
public interface CallEvent extends EventScope {
  /** The operation, as {@code resource.action}: {@code nodes.redeploy}, {@code zones.list}, ... */
  String operation();

  /** The HTTP method: {@code GET}, {@code PUT}, ... */
  String httpMethod();

  /** The path template, as the spec writes it: {@code /v1/nodes/{id}/redeploy}. */
  String urlTemplate();

  /** The node (id or name) or other resource the call is about, or null for a list or a create. */
  @Nullable String target();

  /** The {@code Idempotency-Key} a write carries, or null. */
  @Nullable String idempotencyKey();

  /** Whether the caller holds a future rather than a thread. */
  boolean async();

  /** How many attempts were started so far. */
  int attempts();

  /** From the call's start until now, or until its end once it ended. */
  Duration duration();

  /** The status of the last answer, or 0 when none came. */
  int statusCode();

  /** The server's request id ({@code x-request-id}) of the last answer, or null. */
  @Nullable String requestId();

  /**
   * At the end: the exception the caller receives (an {@code SfcNodesException}, or a {@code
   * CancellationException} when cancelled), or null for a value.
   */
  @Nullable Throwable error();
}
