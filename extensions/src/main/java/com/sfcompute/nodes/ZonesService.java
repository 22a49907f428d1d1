package com.sfcompute.nodes;

import com.sfcompute.nodes.model.Zone;
import com.sfcompute.nodes.model.ZoneList;
import java.util.concurrent.CompletableFuture;

/** Zones: {@code client.zones()}. Where nodes can run, and their free capacity. */
public interface ZonesService {
  /** Every available zone. */
  ZoneList list();

  CompletableFuture<ZoneList> listAsync();

  ApiResponse<ZoneList> listWithResponse();

  /** One zone, by id (its name). */
  Zone get(String id);

  CompletableFuture<Zone> getAsync(String id);

  ApiResponse<Zone> getWithResponse(String id);
}
