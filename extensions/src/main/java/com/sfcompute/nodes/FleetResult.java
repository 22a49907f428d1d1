package com.sfcompute.nodes;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The outcome of a fleet operation for one node: what happened to it ({@link #outcome()}), the node
 * as the API answered, the error, and the idempotency key its write carried.
 *
 * <p>To repeat the nodes that did not succeed without acting on any node twice, pass the results to
 * {@link Fleet#redeployAgain}: each node's write goes again with its own key, so a node whose
 * redeploy was applied (or whose outcome is unknown) gets the first answer replayed, not a second
 * redeploy.
 *
 * @param <T> the answer's type
 */
public final class FleetResult<T> {
  /** What happened to one node. */
  public enum Outcome {
    /** The operation succeeded (for a redeploy that waits: the new VM runs). */
    SUCCEEDED,
    /**
     * The redeploy was applied (the API answered with the new VM, {@link #value()}), but the wait
     * for it did not end in a running VM: the new VM or the node failed, the wait timed out, or the
     * client was closed or the fleet cancelled while waiting. {@link #error()} says which.
     */
    APPLIED,
    /** The API refused the operation, or it was never sent: nothing changed on the node. */
    NOT_APPLIED,
    /**
     * The write was sent but its answer was lost ({@link
     * com.sfcompute.nodes.errors.OutcomeUnknownException}): it may or may not have been applied.
     * Repeat it with its {@linkplain #idempotencyKey() key} to find out without acting twice.
     */
    UNKNOWN,
    /**
     * Not started: the fleet stopped first (a rolling redeploy's stop rule, {@link
     * FleetOptions.Builder#stopAfterFailures}, or the fleet's cancellation).
     */
    NOT_STARTED
  }

  private final String target;
  private final Outcome outcome;
  private final @Nullable T value;
  private final @Nullable RuntimeException error;
  private final @Nullable String idempotencyKey;

  private FleetResult(
      String target,
      Outcome outcome,
      @Nullable T value,
      @Nullable RuntimeException error,
      @Nullable String idempotencyKey) {
    this.target = target;
    this.outcome = outcome;
    this.value = value;
    this.error = error;
    this.idempotencyKey = idempotencyKey;
  }

  static <T> FleetResult<T> success(String target, T value, @Nullable String key) {
    return new FleetResult<>(
        target, Outcome.SUCCEEDED, Objects.requireNonNull(value, "value == null"), null, key);
  }

  static <T> FleetResult<T> failure(
      String target,
      Outcome outcome,
      @Nullable T applied,
      RuntimeException error,
      @Nullable String key) {
    if (outcome == Outcome.SUCCEEDED) {
      throw new IllegalArgumentException("a failure's outcome cannot be SUCCEEDED");
    }
    return new FleetResult<>(
        target, outcome, applied, Objects.requireNonNull(error, "error == null"), key);
  }

  /** The node id or name as given. */
  public String target() {
    return target;
  }

  /** What happened to the node. */
  public Outcome outcome() {
    return outcome;
  }

  /**
   * Whether the operation succeeded for this node; if so {@link #value()} holds the answer, else
   * {@link #error()} holds the failure.
   */
  public boolean isSuccess() {
    return outcome == Outcome.SUCCEEDED;
  }

  /**
   * The answer: the node as the operation left it when it succeeded; for {@link Outcome#APPLIED},
   * the redeploy's answer (the node with its new VM as {@code current_vm}); else null.
   */
  public @Nullable T value() {
    return value;
  }

  /**
   * The failure, or null when it succeeded: usually an {@link
   * com.sfcompute.nodes.errors.SfcNodesException}, an IllegalArgumentException for bad input, or a
   * CancellationException for a node the fleet's cancellation stopped.
   */
  public @Nullable RuntimeException error() {
    return error;
  }

  /**
   * The idempotency key the node's write carried (derived from the params' key, or from a random
   * one per fleet call), or null for a node that was never sent. The same key on a repeat replays
   * the first answer instead of acting again.
   */
  public @Nullable String idempotencyKey() {
    return idempotencyKey;
  }

  /**
   * The answer.
   *
   * @throws RuntimeException the failure, when there is one
   */
  public T getOrThrow() {
    if (error != null) {
      throw error;
    }
    return Objects.requireNonNull(value);
  }

  @Override
  public String toString() {
    return target
        + ": "
        + (error == null
            ? "ok"
            : outcome.name().toLowerCase(java.util.Locale.ROOT) + ", " + error.getMessage());
  }
}
