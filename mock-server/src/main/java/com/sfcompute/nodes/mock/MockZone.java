package com.sfcompute.nodes.mock;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A zone the mock serves on {@code /v0/zones} and places nodes in.
 *
 * <pre>{@code
 * MockZone zone = MockZone.builder("richmond").hardwareType("H200").availableNodes(4).build();
 * }</pre>
 */
public final class MockZone {
  private final String name;
  private final @Nullable String displayName;
  private final String hardwareType;
  private final String region;
  private final String interconnectType;
  private final String deliveryType;
  private final long availableNodes;

  private MockZone(Builder builder) {
    this.name = builder.name;
    this.displayName = builder.displayName;
    this.hardwareType = builder.hardwareType;
    this.region = builder.region;
    this.interconnectType = builder.interconnectType;
    this.deliveryType = builder.deliveryType;
    this.availableNodes = builder.availableNodes;
  }

  /** A zone of H100 nodes in North America with InfiniBand, delivered as VMs. */
  public static MockZone of(String name) {
    return builder(name).build();
  }

  /** Starts a zone named {@code name}, which is also its ID. */
  public static Builder builder(String name) {
    return new Builder(name);
  }

  /** The zone's name, which is also its ID (e.g. {@code hayesvalley}). */
  public String name() {
    return name;
  }

  /** The name shown to users (e.g. {@code Hayes Valley}), or null. */
  public @Nullable String displayName() {
    return displayName;
  }

  /** The GPU model of the zone's nodes, which becomes each node's {@code gpu_type}. */
  public String hardwareType() {
    return hardwareType;
  }

  /** The zone's region, e.g. {@code NorthAmerica}. */
  public String region() {
    return region;
  }

  /** {@code Infiniband} or {@code None}. */
  public String interconnectType() {
    return interconnectType;
  }

  /** {@code VM} or {@code K8s}. */
  public String deliveryType() {
    return deliveryType;
  }

  /** How many nodes the zone reports free in {@code available_capacity}. */
  public long availableNodes() {
    return availableNodes;
  }

  @Override
  public String toString() {
    return "MockZone[" + name + ", " + hardwareType + ", " + region + "]";
  }

  /** Builds a {@link MockZone}; every setting has a default. */
  public static final class Builder {
    private final String name;
    private @Nullable String displayName;
    private String hardwareType = "H100";
    private String region = "NorthAmerica";
    private String interconnectType = "Infiniband";
    private String deliveryType = "VM";
    private long availableNodes = 32;

    private Builder(String name) {
      Objects.requireNonNull(name, "name == null");
      if (name.isEmpty()) {
        throw new IllegalArgumentException("name is empty");
      }
      this.name = name;
    }

    /** The name shown to users; null (the default) leaves it out. */
    public Builder displayName(@Nullable String displayName) {
      this.displayName = displayName;
      return this;
    }

    /** The GPU model, {@code H100} (the default) or {@code H200}. */
    public Builder hardwareType(String hardwareType) {
      this.hardwareType = Objects.requireNonNull(hardwareType, "hardwareType == null");
      return this;
    }

    /**
     * {@code NorthAmerica} (the default), {@code AsiaPacific} or {@code EuropeMiddleEastAfrica}.
     */
    public Builder region(String region) {
      this.region = Objects.requireNonNull(region, "region == null");
      return this;
    }

    /** {@code Infiniband} (the default) or {@code None}. */
    public Builder interconnectType(String interconnectType) {
      this.interconnectType = Objects.requireNonNull(interconnectType, "interconnectType == null");
      return this;
    }

    /** {@code VM} (the default) or {@code K8s}. */
    public Builder deliveryType(String deliveryType) {
      this.deliveryType = Objects.requireNonNull(deliveryType, "deliveryType == null");
      return this;
    }

    /** How many nodes the zone reports free; 32 by default. */
    public Builder availableNodes(long availableNodes) {
      if (availableNodes < 0) {
        throw new IllegalArgumentException("availableNodes < 0: " + availableNodes);
      }
      this.availableNodes = availableNodes;
      return this;
    }

    /** The zone. */
    public MockZone build() {
      return new MockZone(this);
    }
  }
}
