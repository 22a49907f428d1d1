package com.sfcompute.nodes.mock;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** A {@link MockNodesServer.Builder}'s settings, frozen when the server starts. */
final class Settings {
  final String token;
  final long transitionDelayMillis;
  final long seed;
  final String owner;
  final List<MockZone> zones;
  final List<MockImage> images;
  final VmStatusCase vmStatusCase;
  final ScriptForm scriptForm;
  final boolean rejectUnknownFields;

  /** The rate limit a server starts with and {@link MockNodesServer#reset()} restores. */
  final RateLimiter.Limit rateLimit;

  Settings(
      String token,
      long transitionDelayMillis,
      long seed,
      String owner,
      List<MockZone> zones,
      List<MockImage> images,
      VmStatusCase vmStatusCase,
      ScriptForm scriptForm,
      boolean rejectUnknownFields,
      RateLimiter.Limit rateLimit) {
    this.token = token;
    this.transitionDelayMillis = transitionDelayMillis;
    this.seed = seed;
    this.owner = owner;
    this.zones = Collections.unmodifiableList(new ArrayList<>(zones));
    this.images = Collections.unmodifiableList(new ArrayList<>(images));
    this.vmStatusCase = vmStatusCase;
    this.scriptForm = scriptForm;
    this.rejectUnknownFields = rejectUnknownFields;
    this.rateLimit = rateLimit;
  }

  @Nullable MockZone zone(String name) {
    for (MockZone zone : zones) {
      if (zone.name().equals(name)) {
        return zone;
      }
    }
    return null;
  }

  @Nullable MockImage image(String imageId) {
    for (MockImage image : images) {
      if (image.imageId().equals(imageId)) {
        return image;
      }
    }
    return null;
  }
}
