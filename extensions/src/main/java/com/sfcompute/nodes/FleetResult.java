package com.sfcompute.nodes;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The outcome of a fleet operation for one node: the node as the API answered, or the error.
 *
 * @param <T> the answer's type
 */
public final class FleetResult<T> {
  private final String target;
  private final @Nullable T value;
  private final @Nullable RuntimeException error;

  private FleetResult(String target, @Nullable T value, @Nullable RuntimeException error) {
    this.target = target;
    this.value = value;
    this.error = error;
  }

  static <T> FleetResult<T> success(String target, T value) {
    return new FleetResult<>(target, Objects.requireNonNull(value, "value == null"), null);
  }

  static <T> FleetResult<T> failure(String target, RuntimeException error) {
    return new FleetResult<>(target, null, Objects.requireNonNull(error, "error == null"));
  }

  /** The node id or name as given. */
  public String target() {
    return target;
  }

  /**
   * Whether the operation succeeded for this node; if so {@link #value()} holds the answer, else
   * {@link #error()} holds the failure.
   */
  public boolean isSuccess() {
    return error == null;
  }

  /** The answer, or null when it failed. */
  public @Nullable T value() {
    return value;
  }

  /**
   * The failure, or null when it succeeded: usually an {@link
   * com.sfcompute.nodes.errors.SfcNodesException}, or an IllegalArgumentException for bad input.
   */
  public @Nullable RuntimeException error() {
    return error;
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
    return target + ": " + (error == null ? "ok" : error.getMessage());
  }
}
