package com.sfcompute.nodes;

import com.sfcompute.nodes.model.Zone;
import com.sfcompute.nodes.model.ZoneList;
import java.util.concurrent.CompletableFuture;

/** Zones: {@code client.zones()}. Where nodes can run, and their free capacity. */
public interface ZonesService {
  /** Every available zone. */
  ZoneList list();

  /** {@link #list} without blocking: the future completes with the zones. */
  CompletableFuture<ZoneList> listAsync();

  /** {@link #list}, with the HTTP status and headers. */
  ApiResponse<ZoneList> listWithResponse();

  /** One zone, by id (its name). */
  Zone get(String id);

  /**
   * {@link #get} without blocking: the future completes with the zone.
   *
   * @throws IllegalArgumentException if {@code id} is blank, {@code "."} or {@code ".."}, at once
   *     rather than through the future
   */
  CompletableFuture<Zone> getAsync(String id);

  /** {@link #get}, with the HTTP status and headers. */
  ApiResponse<Zone> getWithResponse(String id);
}
