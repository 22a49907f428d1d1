package com.sfcompute.nodes;

import static com.sfcompute.nodes.TestHttp.json;
import static com.sfcompute.nodes.TestHttp.take;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.sfcompute.nodes.model.Zone;
import com.sfcompute.nodes.model.ZoneList;
import org.junit.jupiter.api.Test;

/**
 * The operations on zones, sync form, through real HTTP: what goes on the wire and what comes back
 * parsed.
 */
final class ZonesWireTest extends WireTest {
  // zones

  @Test
  void zonesListParsesEveryZone() throws Exception {
    server.enqueue(json(200, "{\"object\":\"list\",\"data\":[" + ZONE + "]}"));

    ZoneList zones = client.zones().list();

    assertRead(take(server), "/v0/zones");
    assertEquals(1, zones.getData().size());
    assertEquals("hayesvalley", zones.getData().get(0).getName());
  }

  @Test
  void zonesGetParsesCapacityAndTheExtensibleEnums() throws Exception {
    server.enqueue(json(200, ZONE));

    Zone zone = client.zones().get("hayesvalley");

    assertRead(take(server), "/v0/zones/hayesvalley");
    assertEquals("Hayes Valley", zone.getDisplayName());
    assertEquals("NorthAmerica", zone.getRegion());
    assertEquals("H100", zone.getHardwareType());
    assertEquals("Infiniband", zone.getInterconnectType());
    assertEquals("VM", zone.getDeliveryType());
    assertEquals(4L, zone.getAvailableCapacity().get(0).getQuantity());
    assertEquals(1738976400L, zone.getAvailableCapacity().get(0).getEndTimestamp());
  }
}
