package com.sfcompute.nodes;

import com.sfcompute.nodes.model.ImageDownload;
import com.sfcompute.nodes.model.ImageList;
import java.util.concurrent.CompletableFuture;

/** VM images: {@code client.vms().images()}. */
public interface ImagesService {
  /** The account's VM images. */
  ImageList list();

  /** {@link #list} without blocking: the future completes with the images. */
  CompletableFuture<ImageList> listAsync();

  /** {@link #list}, with the HTTP status and headers. */
  ApiResponse<ImageList> listWithResponse();

  /** One image, with a presigned download URL. */
  ImageDownload get(String imageId);

  /**
   * {@link #get} without blocking: the future completes with the image and its download URL.
   *
   * @throws IllegalArgumentException if {@code imageId} is blank, {@code "."} or {@code ".."}, at
   *     once rather than through the future
   */
  CompletableFuture<ImageDownload> getAsync(String imageId);

  /** {@link #get}, with the HTTP status and headers. */
  ApiResponse<ImageDownload> getWithResponse(String imageId);
}
