package com.sfcompute.nodes;

import com.sfcompute.nodes.model.ImageDownload;
import com.sfcompute.nodes.model.ImageList;
import java.util.concurrent.CompletableFuture;

/** VM images: {@code client.vms().images()}. */
public interface ImagesService {
  /** The account's VM images. */
  ImageList list();

  CompletableFuture<ImageList> listAsync();

  ApiResponse<ImageList> listWithResponse();

  /** One image, with a presigned download URL. */
  ImageDownload get(String imageId);

  CompletableFuture<ImageDownload> getAsync(String imageId);

  ApiResponse<ImageDownload> getWithResponse(String imageId);
}
