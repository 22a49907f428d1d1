package com.sfcompute.nodes;

import com.sfcompute.nodes.internal.api.NodesApi;
import com.sfcompute.nodes.model.Node;
import com.sfcompute.nodes.model.NodeList;
import com.sfcompute.nodes.model.Vm;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;
import retrofit2.Call;

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

  private Call<NodeList> createCall(CreateNodesParams params) {
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

  private Call<NodeList> listCall(ListNodesParams params) {
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

  private Call<Node> getCall(String idOrName) {
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

  private Call<@Nullable Void> deleteCall(String idOrName, @Nullable String idempotencyKey) {
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

  private Call<Node> extendCall(String idOrName, ExtendNodeParams params) {
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

  private Call<Node> releaseCall(String idOrName, @Nullable String idempotencyKey) {
    return api.releaseNode(
        Checks.pathSegment(idOrName, "id"), Idempotency.keyOrNew(idempotencyKey));
  }

  @Override
  public Node redeploy(String idOrName, RedeployParams params) {
    return redeployWithResponse(idOrName, params).body();
  }

  @Override
  public CompletableFuture<Node> redeployAsync(String idOrName, RedeployParams params) {
    String id = Checks.pathSegment(idOrName, "id");
    Checks.notNull(params, "params");
    if (!params.needsCurrentImage()) {
      return transport.executeAsync(redeployCall(id, params, null));
    }
    return getAsync(id)
        .thenCompose(node -> transport.executeAsync(redeployCall(id, params, currentImage(node))));
  }

  @Override
  public ApiResponse<Node> redeployWithResponse(String idOrName, RedeployParams params) {
    String id = Checks.pathSegment(idOrName, "id");
    Checks.notNull(params, "params");
    String currentImage = params.needsCurrentImage() ? currentImage(get(id)) : null;
    return transport.executeWithResponse(redeployCall(id, params, currentImage));
  }

  private Call<Node> redeployCall(String id, RedeployParams params, @Nullable String image) {
    return api.redeployNode(
        id, params.toRequest(image), Idempotency.keyOrNew(params.idempotencyKey()));
  }

  /** The image of the node's current VM, for a redeploy that keeps it while clearing the rest. */
  private static String currentImage(Node node) {
    Vm vm = node.getCurrentVm();
    String image = vm == null ? null : vm.getImageId();
    if (image == null) {
      throw new IllegalStateException(
          "Cannot keep the current image of node "
              + node.getId()
              + ": it has "
              + (vm == null ? "no current VM" : "no image id on its current VM " + vm.getId())
              + ". Name the image explicitly with RedeployParams.builder().image(...).");
    }
    return image;
  }
}
