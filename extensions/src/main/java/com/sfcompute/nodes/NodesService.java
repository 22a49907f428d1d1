package com.sfcompute.nodes;

import com.sfcompute.nodes.model.Node;
import com.sfcompute.nodes.model.NodeList;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * Nodes: {@code client.nodes()}. Create, list, get, extend, release, redeploy and delete GPU nodes.
 *
 * <p>Every call has three forms: {@code create(...)} blocks and returns the parsed value; {@code
 * createAsync(...)} returns a {@link CompletableFuture} (cancel it to cancel the call); {@code
 * createWithResponse(...)} also gives the status and headers. Failures are {@link
 * com.sfcompute.nodes.errors.SfcNodesException}s; bad arguments throw before any network call.
 *
 * <p>Calls with side effects (create, extend, release, redeploy, delete) carry an idempotency key,
 * the same on every retry, and are retried only when the request never reached the server or the
 * server asked for it. This interface is implemented by the SDK; it is an interface so that your
 * tests can fake it.
 */
public interface NodesService {
  /** Buys nodes. Answers 201 with the new nodes. Spends money. */
  NodeList create(CreateNodesParams params);

  /** {@link #create} without blocking: the future completes with the new nodes. */
  CompletableFuture<NodeList> createAsync(CreateNodesParams params);

  /** {@link #create}, with the HTTP status and headers. */
  ApiResponse<NodeList> createWithResponse(CreateNodesParams params);

  /** Every node of the account. */
  default NodeList list() {
    return list(ListNodesParams.all());
  }

  /** The nodes matching {@code params}. */
  NodeList list(ListNodesParams params);

  /** {@link #list()} without blocking: the future completes with every node of the account. */
  default CompletableFuture<NodeList> listAsync() {
    return listAsync(ListNodesParams.all());
  }

  /** {@link #list(ListNodesParams)} without blocking: the future completes with the nodes. */
  CompletableFuture<NodeList> listAsync(ListNodesParams params);

  /** {@link #list(ListNodesParams)}, with the HTTP status and headers. */
  ApiResponse<NodeList> listWithResponse(ListNodesParams params);

  /** One node, by id or by name. */
  Node get(String idOrName);

  /**
   * {@link #get} without blocking: the future completes with the node.
   *
   * @throws IllegalArgumentException if {@code idOrName} is blank, {@code "."} or {@code ".."}, at
   *     once rather than through the future
   */
  CompletableFuture<Node> getAsync(String idOrName);

  /** {@link #get}, with the HTTP status and headers. */
  ApiResponse<Node> getWithResponse(String idOrName);

  /** Deletes a node; the API refuses while it has active or pending VMs. */
  default void delete(String idOrName) {
    delete(idOrName, null);
  }

  /** Deletes a node, with your own idempotency key (null for a new one). */
  void delete(String idOrName, @Nullable String idempotencyKey);

  /**
   * {@link #delete(String)} without blocking: the future completes with null once the API has
   * accepted the delete.
   *
   * @throws IllegalArgumentException if {@code idOrName} is blank, {@code "."} or {@code ".."}, at
   *     once rather than through the future
   */
  default CompletableFuture<@Nullable Void> deleteAsync(String idOrName) {
    return deleteAsync(idOrName, null);
  }

  /**
   * {@link #delete(String, String)} without blocking: the future completes with null once the API
   * has accepted the delete.
   *
   * @throws IllegalArgumentException if {@code idOrName} is blank, {@code "."} or {@code ".."}, or
   *     {@code idempotencyKey} is blank, longer than 255 characters, or not printable ASCII without
   *     spaces; at once rather than through the future
   */
  CompletableFuture<@Nullable Void> deleteAsync(String idOrName, @Nullable String idempotencyKey);

  /** {@link #delete(String, String)}, with the HTTP status and headers; the body is null. */
  ApiResponse<@Nullable Void> deleteWithResponse(String idOrName, @Nullable String idempotencyKey);

  /** Buys more time for a reserved node. Spends money. */
  Node extend(String idOrName, ExtendNodeParams params);

  /**
   * {@link #extend} without blocking: the future completes with the node as the API answered.
   *
   * @throws IllegalArgumentException if {@code idOrName} is blank, {@code "."} or {@code ".."}, at
   *     once rather than through the future
   */
  CompletableFuture<Node> extendAsync(String idOrName, ExtendNodeParams params);

  /** {@link #extend}, with the HTTP status and headers. */
  ApiResponse<Node> extendWithResponse(String idOrName, ExtendNodeParams params);

  /** Releases an autoreserved node from its procurement. */
  default Node release(String idOrName) {
    return release(idOrName, null);
  }

  /** Releases a node, with your own idempotency key (null for a new one). */
  Node release(String idOrName, @Nullable String idempotencyKey);

  /**
   * {@link #release(String)} without blocking: the future completes with the node as the API
   * answered.
   *
   * @throws IllegalArgumentException if {@code idOrName} is blank, {@code "."} or {@code ".."}, at
   *     once rather than through the future
   */
  default CompletableFuture<Node> releaseAsync(String idOrName) {
    return releaseAsync(idOrName, null);
  }

  /**
   * {@link #release(String, String)} without blocking: the future completes with the node as the
   * API answered.
   *
   * @throws IllegalArgumentException if {@code idOrName} is blank, {@code "."} or {@code ".."}, or
   *     {@code idempotencyKey} is blank, longer than 255 characters, or not printable ASCII without
   *     spaces; at once rather than through the future
   */
  CompletableFuture<Node> releaseAsync(String idOrName, @Nullable String idempotencyKey);

  /** {@link #release(String, String)}, with the HTTP status and headers. */
  ApiResponse<Node> releaseWithResponse(String idOrName, @Nullable String idempotencyKey);

  /**
   * Replaces the node's VM with a new one, optionally with a new image and user data; see {@link
   * RedeployParams} for what is inherited and what is cleared. The old VM is destroyed. When the
   * params ask to resolve the current image, the node is read first.
   */
  Node redeploy(String idOrName, RedeployParams params);

  /**
   * {@link #redeploy} without blocking: the future completes with the node as the API answered.
   *
   * @throws IllegalArgumentException if {@code idOrName} is blank, {@code "."} or {@code ".."}, at
   *     once rather than through the future
   */
  CompletableFuture<Node> redeployAsync(String idOrName, RedeployParams params);

  /** {@link #redeploy}, with the HTTP status and headers of the redeploy call. */
  ApiResponse<Node> redeployWithResponse(String idOrName, RedeployParams params);
}
