package com.sfcompute.nodes.mock;

import com.sfcompute.nodes.model.AvailabilityRectangle;
import com.sfcompute.nodes.model.CreateNodesRequest;
import com.sfcompute.nodes.model.Image;
import com.sfcompute.nodes.model.ImageDownload;
import com.sfcompute.nodes.model.ImageList;
import com.sfcompute.nodes.model.Zone;
import com.sfcompute.nodes.model.ZoneList;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;

/**
 * The images and zones the mock offers, fixed by its settings, and the answers about them. It holds
 * nothing that changes; {@link World} calls it under its own monitor.
 */
final class Catalog {
  private final Settings settings;
  private final Clock clock;
  private final long imagesCreatedAtSeconds;

  Catalog(Settings settings, Clock clock) {
    this.settings = settings;
    this.clock = clock;
    this.imagesCreatedAtSeconds = clock.millis() / 1000 - 86_400;
  }

  ImageList images() {
    ImageList list = new ImageList()._object("list").hasMore(false).data(new ArrayList<>());
    for (MockImage image : settings.images) {
      list.addDataItem(
          new Image()
              ._object("image")
              .imageId(image.imageId())
              .name(image.name())
              .uploadStatus("completed")
              .createdAt(imagesCreatedAtSeconds)
              .sha256Hash(image.sha256()));
    }
    return list;
  }

  ImageDownload image(String imageId, String baseUrl) {
    long now = clock.millis();
    MockImage image = settings.image(imageId);
    if (image == null) {
      throw ApiException.notFound("Image " + imageId + " not found");
    }
    long expiresAt = now / 1000 + 3600;
    return new ImageDownload()
        ._object("image")
        .imageId(image.imageId())
        .name(image.name())
        .downloadUrl(
            baseUrl
                + MockHttpHandler.DOWNLOAD_PREFIX
                + image.imageId()
                + "?expires="
                + expiresAt
                + "&signature=mock")
        .expiresAt(MockJson.utc(expiresAt * 1000))
        .objectSize((long) image.contentUnsafe().length)
        .sha256Hash(image.sha256());
  }

  ZoneList zones() {
    long now = clock.millis();
    ZoneList list = new ZoneList()._object("list").data(new ArrayList<>());
    for (MockZone zone : settings.zones) {
      list.addDataItem(render(zone, now));
    }
    return list;
  }

  Zone zone(String name) {
    MockZone zone = settings.zone(name);
    if (zone == null) {
      throw ApiException.notFound("Zone " + name + " not found");
    }
    return render(zone, clock.millis());
  }

  MockZone zoneFor(CreateNodesRequest request, boolean reserved) {
    String name = request.getZone();
    if (name != null) {
      MockZone zone = settings.zone(name);
      if (zone == null) {
        throw ApiException.invalid("invalid_value", "Zone " + name + " does not exist", "zone");
      }
      return zone;
    }
    if (Boolean.TRUE.equals(request.getAnyZone()) || reserved) {
      return settings.zones.get(0);
    }
    throw ApiException.invalid(
        "missing_field", "zone is required for autoreserved nodes unless any_zone is true", "zone");
  }

  void requireImage(String imageId, String field) {
    if (settings.image(imageId) == null) {
      throw ApiException.invalid("invalid_value", "Image " + imageId + " does not exist", field);
    }
  }

  private static Zone render(MockZone zone, long now) {
    long hour = now / 1000 / 3600 * 3600;
    return new Zone()
        ._object("zone")
        .name(zone.name())
        .displayName(zone.displayName())
        .availableCapacity(
            Collections.singletonList(
                new AvailabilityRectangle()
                    .startTimestamp(hour)
                    .endTimestamp(hour + 7 * 24 * 3600)
                    .quantity(zone.availableNodes())))
        .region(zone.region())
        .hardwareType(zone.hardwareType())
        .interconnectType(zone.interconnectType())
        .deliveryType(zone.deliveryType());
  }
}
