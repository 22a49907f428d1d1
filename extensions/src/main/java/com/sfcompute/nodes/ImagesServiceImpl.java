package com.sfcompute.nodes;

import com.sfcompute.nodes.internal.api.VmsApi;
import com.sfcompute.nodes.internal.http.Transport;
import com.sfcompute.nodes.model.ImageDownload;
import com.sfcompute.nodes.model.ImageList;
import java.util.concurrent.CompletableFuture;

/** {@code vms().images()}. */
final class ImagesServiceImpl implements ImagesService {
  private final VmsApi api;
  private final Transport transport;

  ImagesServiceImpl(VmsApi api, Transport transport) {
    this.api = api;
    this.transport = transport;
  }

  @Override
  public ImageList list() {
    return transport.execute(api.listImages());
  }

  @Override
  public CompletableFuture<ImageList> listAsync() {
    return transport.executeAsync(api.listImages());
  }

  @Override
  public ApiResponse<ImageList> listWithResponse() {
    return transport.executeWithResponse(api.listImages());
  }

  @Override
  public ImageDownload get(String imageId) {
    return transport.execute(api.getImage(Checks.pathSegment(imageId, "image_id")));
  }

  @Override
  public CompletableFuture<ImageDownload> getAsync(String imageId) {
    return transport.executeAsync(api.getImage(Checks.pathSegment(imageId, "image_id")));
  }

  @Override
  public ApiResponse<ImageDownload> getWithResponse(String imageId) {
    return transport.executeWithResponse(api.getImage(Checks.pathSegment(imageId, "image_id")));
  }
}
