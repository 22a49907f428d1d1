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

  CompletableFuture<NodeList> createAsync(CreateNodesParams params);

  ApiResponse<NodeList> createWithResponse(CreateNodesParams params);

  /** Every node of the account. */
  default NodeList list() {
    return list(ListNodesParams.all());
  }

  /** The nodes matching {@code params}. */
  NodeList list(ListNodesParams params);

  default CompletableFuture<NodeList> listAsync() {
    return listAsync(ListNodesParams.all());
  }

  CompletableFuture<NodeList> listAsync(ListNodesParams params);

  ApiResponse<NodeList> listWithResponse(ListNodesParams params);

  /** One node, by id or by name. */
  Node get(String idOrName);

  CompletableFuture<Node> getAsync(String idOrName);

  ApiResponse<Node> getWithResponse(String idOrName);

  /** Deletes a node; the API refuses while it has active or pending VMs. */
  default void delete(String idOrName) {
    delete(idOrName, null);
  }

  /** Deletes a node, with your own idempotency key (null for a new one). */
  void delete(String idOrName, @Nullable String idempotencyKey);

  default CompletableFuture<@Nullable Void> deleteAsync(String idOrName) {
    return deleteAsync(idOrName, null);
  }

  CompletableFuture<@Nullable Void> deleteAsync(String idOrName, @Nullable String idempotencyKey);

  ApiResponse<@Nullable Void> deleteWithResponse(String idOrName, @Nullable String idempotencyKey);

  /** Buys more time for a reserved node. Spends money. */
  Node extend(String idOrName, ExtendNodeParams params);

  CompletableFuture<Node> extendAsync(String idOrName, ExtendNodeParams params);

  ApiResponse<Node> extendWithResponse(String idOrName, ExtendNodeParams params);

  /** Releases an autoreserved node from its procurement. */
  default Node release(String idOrName) {
    return release(idOrName, null);
  }

  /** Releases a node, with your own idempotency key (null for a new one). */
  Node release(String idOrName, @Nullable String idempotencyKey);

  default CompletableFuture<Node> releaseAsync(String idOrName) {
    return releaseAsync(idOrName, null);
  }

  CompletableFuture<Node> releaseAsync(String idOrName, @Nullable String idempotencyKey);

  ApiResponse<Node> releaseWithResponse(String idOrName, @Nullable String idempotencyKey);

  /**
   * Replaces the node's VM with a new one, optionally with a new image and user data; see {@link
   * RedeployParams} for what is inherited and what is cleared. The old VM is destroyed. When the
   * params ask to resolve the current image, the node is read first.
   */
  Node redeploy(String idOrName, RedeployParams params);

  CompletableFuture<Node> redeployAsync(String idOrName, RedeployParams params);

  ApiResponse<Node> redeployWithResponse(String idOrName, RedeployParams params);
}
