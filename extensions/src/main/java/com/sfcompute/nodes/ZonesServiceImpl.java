package com.sfcompute.nodes;

import com.sfcompute.nodes.internal.api.ZonesApi;
import com.sfcompute.nodes.internal.http.Transport;
import com.sfcompute.nodes.model.Zone;
import com.sfcompute.nodes.model.ZoneList;
import java.util.concurrent.CompletableFuture;

final class ZonesServiceImpl implements ZonesService {
  private final ZonesApi api;
  private final Transport transport;

  ZonesServiceImpl(ZonesApi api, Transport transport) {
    this.api = api;
    this.transport = transport;
  }

  @Override
  public ZoneList list() {
    return transport.execute(api.listZones());
  }

  @Override
  public CompletableFuture<ZoneList> listAsync() {
    return transport.executeAsync(api.listZones());
  }

  @Override
  public ApiResponse<ZoneList> listWithResponse() {
    return transport.executeWithResponse(api.listZones());
  }

  @Override
  public Zone get(String id) {
    return transport.execute(api.getZone(Checks.pathSegment(id, "id")));
  }

  @Override
  public CompletableFuture<Zone> getAsync(String id) {
    return transport.executeAsync(api.getZone(Checks.pathSegment(id, "id")));
  }

  @Override
  public ApiResponse<Zone> getWithResponse(String id) {
    return transport.executeWithResponse(api.getZone(Checks.pathSegment(id, "id")));
  }
}
