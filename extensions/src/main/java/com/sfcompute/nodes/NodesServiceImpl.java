package com.sfcompute.nodes;

import com.sfcompute.nodes.errors.NodeStateException;
import com.sfcompute.nodes.errors.SfcNodesInvalidDataException;
import com.sfcompute.nodes.internal.api.NodesApi;
import com.sfcompute.nodes.internal.api.Operation;
import com.sfcompute.nodes.internal.http.Transport;
import com.sfcompute.nodes.model.Node;
import com.sfcompute.nodes.model.NodeList;
import com.sfcompute.nodes.model.NodeStatus;
import com.sfcompute.nodes.model.Vm;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

final class NodesServiceImpl implements NodesService {
  private final NodesApi api;
  private final Transport transport;

  NodesServiceImpl(NodesApi api, Transport transport) {
    this.api = api;
    this.transport = transport;
  }

  @Override
  public NodeList create(CreateNodesParams params) {
    return transport.execute(createCall(params));
  }

  @Override
  public CompletableFuture<NodeList> createAsync(CreateNodesParams params) {
    return transport.executeAsync(createCall(params));
  }

  @Override
  public ApiResponse<NodeList> createWithResponse(CreateNodesParams params) {
    return transport.executeWithResponse(createCall(params));
  }

  private Operation<NodeList> createCall(CreateNodesParams params) {
    Checks.notNull(params, "params");
    return api.createNodes(params.toRequest(), Idempotency.keyOrNew(params.idempotencyKey()));
  }

  @Override
  public NodeList list(ListNodesParams params) {
    return transport.execute(listCall(params));
  }

  @Override
  public CompletableFuture<NodeList> listAsync(ListNodesParams params) {
    return transport.executeAsync(listCall(params));
  }

  @Override
  public ApiResponse<NodeList> listWithResponse(ListNodesParams params) {
    return transport.executeWithResponse(listCall(params));
  }

  private Operation<NodeList> listCall(ListNodesParams params) {
    Checks.notNull(params, "params");
    return api.listNodes(
        params.ids().isEmpty() ? null : params.ids(),
        params.names().isEmpty() ? null : params.names(),
        params.type());
  }

  @Override
  public Node get(String idOrName) {
    return transport.execute(getCall(idOrName));
  }

  @Override
  public CompletableFuture<Node> getAsync(String idOrName) {
    return transport.executeAsync(getCall(idOrName));
  }

  @Override
  public ApiResponse<Node> getWithResponse(String idOrName) {
    return transport.executeWithResponse(getCall(idOrName));
  }

  private Operation<Node> getCall(String idOrName) {
    return api.getNode(Checks.pathSegment(idOrName, "id"));
  }

  @Override
  public void delete(String idOrName, @Nullable String idempotencyKey) {
    transport.execute(deleteCall(idOrName, idempotencyKey));
  }

  @Override
  public CompletableFuture<@Nullable Void> deleteAsync(
      String idOrName, @Nullable String idempotencyKey) {
    return transport.executeAsync(deleteCall(idOrName, idempotencyKey));
  }

  @Override
  public ApiResponse<@Nullable Void> deleteWithResponse(
      String idOrName, @Nullable String idempotencyKey) {
    return transport.executeWithResponse(deleteCall(idOrName, idempotencyKey));
  }

  private Operation<@Nullable Void> deleteCall(String idOrName, @Nullable String idempotencyKey) {
    return api.deleteNode(Checks.pathSegment(idOrName, "id"), Idempotency.keyOrNew(idempotencyKey));
  }

  @Override
  public Node extend(String idOrName, ExtendNodeParams params) {
    return transport.execute(extendCall(idOrName, params));
  }

  @Override
  public CompletableFuture<Node> extendAsync(String idOrName, ExtendNodeParams params) {
    return transport.executeAsync(extendCall(idOrName, params));
  }

  @Override
  public ApiResponse<Node> extendWithResponse(String idOrName, ExtendNodeParams params) {
    return transport.executeWithResponse(extendCall(idOrName, params));
  }

  private Operation<Node> extendCall(String idOrName, ExtendNodeParams params) {
    String id = Checks.pathSegment(idOrName, "id");
    Checks.notNull(params, "params");
    return api.extendNode(id, params.toRequest(), Idempotency.keyOrNew(params.idempotencyKey()));
  }

  @Override
  public Node release(String idOrName, @Nullable String idempotencyKey) {
    return transport.execute(releaseCall(idOrName, idempotencyKey));
  }

  @Override
  public CompletableFuture<Node> releaseAsync(String idOrName, @Nullable String idempotencyKey) {
    return transport.executeAsync(releaseCall(idOrName, idempotencyKey));
  }

  @Override
  public ApiResponse<Node> releaseWithResponse(String idOrName, @Nullable String idempotencyKey) {
    return transport.executeWithResponse(releaseCall(idOrName, idempotencyKey));
  }

  private Operation<Node> releaseCall(String idOrName, @Nullable String idempotencyKey) {
    return api.releaseNode(
        Checks.pathSegment(idOrName, "id"), Idempotency.keyOrNew(idempotencyKey));
  }

  @Override
  public Node redeploy(String idOrName, RedeployParams params) {
    String id = Checks.pathSegment(idOrName, "id");
    Checks.notNull(params, "params");
    if (!readsNodeFirst(params)) {
      return transport.execute(redeployCall(id, params, null));
    }
    Node node = get(id);
    return transport.execute(redeployCall(node.getId(), params, preflight(node, params)));
  }

  @Override
  public CompletableFuture<Node> redeployAsync(String idOrName, RedeployParams params) {
    String id = Checks.pathSegment(idOrName, "id");
    Checks.notNull(params, "params");
    if (!readsNodeFirst(params)) {
      return transport.executeAsync(redeployCall(id, params, null));
    }
    return Futures.compose(
        getAsync(id),
        node -> {
          String image = preflight(node, params);
          return transport.executeAsync(redeployCall(node.getId(), params, image));
        });
  }

  @Override
  public ApiResponse<Node> redeployWithResponse(String idOrName, RedeployParams params) {
    String id = Checks.pathSegment(idOrName, "id");
    Checks.notNull(params, "params");
    if (!readsNodeFirst(params)) {
      return transport.executeWithResponse(redeployCall(id, params, null));
    }
    Node node = get(id);
    return transport.executeWithResponse(
        redeployCall(node.getId(), params, preflight(node, params)));
  }

  /**
   * A redeploy of a node the caller has just read (a fleet, which reads its nodes in bulk): the
   * checks the params ask for run on that read instead of a read of their own.
   */
  CompletableFuture<Node> redeployReadAsync(Node node, RedeployParams params) {
    String id = idOf(node, "redeploy");
    return transport.executeAsync(
        redeployCall(id, params, readsNodeFirst(params) ? preflight(node, params) : null));
  }

  private static boolean readsNodeFirst(RedeployParams params) {
    return params.needsCurrentImage() || params.requireRunning();
  }

  private Operation<Node> redeployCall(String id, RedeployParams params, @Nullable String image) {
    return api.redeployNode(
        id, params.toRequest(image), Idempotency.keyOrNew(params.idempotencyKey()));
  }

  /**
   * The checks a redeploy asked for, on the node as read: it must be running ({@code
   * requireRunning}), and the image to keep is its current VM's. Returns that image, or null.
   * Nothing is sent when a check fails.
   *
   * @throws SfcNodesInvalidDataException when the node read has no id
   * @throws NodeStateException when the node is not running, or has no image to keep
   */
  private static @Nullable String preflight(Node node, RedeployParams params) {
    idOf(node, "redeploy");
    if (params.requireRunning() && !KnownValues.is(node.getStatus(), NodeStatus.RUNNING)) {
      throw new NodeStateException(
          "Node "
              + node.getName()
              + " ("
              + node.getId()
              + ") is "
              + node.getStatus()
              + ", not running: only running nodes can be redeployed. Nothing was sent.",
          node);
    }
    return params.needsCurrentImage() ? currentImage(node) : null;
  }

  /**
   * The image of the node's current VM, for a redeploy that keeps it while clearing the rest. A
   * node without one is in a state that rules the redeploy out, as far as the client can tell.
   */
  private static String currentImage(Node node) {
    Vm vm = node.getCurrentVm();
    String image = vm == null ? null : vm.getImageId();
    if (image != null && image.trim().isEmpty()) {
      // A malformed answer, not a state of the node: the caller's params are not at fault.
      throw new SfcNodesInvalidDataException(
          "Invalid response: the current VM "
              + vm.getId()
              + " of node "
              + node.getId()
              + " has a blank image_id. Nothing was sent.",
          null);
    }
    if (image == null) {
      throw new NodeStateException(
          "Cannot keep the current image of node "
              + node.getName()
              + " ("
              + node.getId()
              + "): it has "
              + (vm == null ? "no current VM" : "no image id on its current VM " + vm.getId())
              + ". Name the image explicitly with RedeployParams.builder().image(...). Nothing was"
              + " sent.",
          node);
    }
    return image;
  }

  /**
   * A required field of a model the client read, or null where the answer lacked it (decoded
   * leniently, its getter throws): for lookups in a list, where an element without the field is not
   * the one sought and must not cost the others.
   */
  static <T> @Nullable T orNull(Supplier<T> getter) {
    try {
      return getter.get();
    } catch (SfcNodesInvalidDataException e) {
      return null;
    }
  }

  /**
   * The id of a node the client read, to act on by id: a node without one is an answer the SDK
   * cannot use, not a caller's mistake.
   */
  static String idOf(Node node, String action) {
    String id = node.getId();
    if (id == null || id.isEmpty()) {
      throw new SfcNodesInvalidDataException(
          "The node read for " + action + " has no id (name: " + orNull(node::getName) + ")", null);
    }
    return id;
  }
}
