package com.sfcompute.nodes;

import com.sfcompute.nodes.model.CreateNodesRequest;
import com.sfcompute.nodes.model.NodeType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What nodes to buy. Spends money. Only what you set is sent: the server applies its own defaults
 * to the rest ({@code node_type} autoreserved, {@code any_zone} false, ...).
 *
 * <pre>{@code
 * CreateNodesParams.builder()
 *     .desiredCount(2)
 *     .maxPricePerNodeHour(1600)          // cents
 *     .zone("hayesvalley")
 *     .names("trainer-1", "trainer-2")
 *     .userData(UserData.ofText("#cloud-config\n..."))
 *     .build();
 * }</pre>
 *
 * <p>Name rules differ between the API's sources (reserved prefixes {@code vm}/{@code n} or {@code
 * vm_}/{@code n_}, at most 128 or 256 characters): only what every source forbids is refused here
 * (more than 256 characters, numeric names); the server decides the rest.
 *
 * <p>Instances are immutable, compare by value, and never show the user data in {@link
 * #toString()}.
 */
public final class CreateNodesParams {
  private final int desiredCount;
  private final long maxPricePerNodeHour;
  private final @Nullable String zone;
  private final @Nullable Boolean anyZone;
  private final @Nullable Long startAt;
  private final @Nullable Long endAt;
  private final @Nullable NodeType nodeType;
  private final List<String> names;
  private final @Nullable UserData userData;
  private final @Nullable String imageId;
  private final @Nullable Boolean forward443;
  private final @Nullable Boolean previewEnableInfiniband;
  private final @Nullable String idempotencyKey;

  private CreateNodesParams(Builder b) {
    this.desiredCount = Checks.required(b.desiredCount, "desired_count");
    this.maxPricePerNodeHour = Checks.required(b.maxPricePerNodeHour, "max_price_per_node_hour");
    this.zone = b.zone;
    this.anyZone = b.anyZone;
    this.startAt = b.startAt;
    this.endAt = b.endAt;
    this.nodeType = b.nodeType;
    this.names = Collections.unmodifiableList(new ArrayList<>(b.names));
    this.userData = b.userData;
    this.imageId = b.imageId;
    this.forward443 = b.forward443;
    this.previewEnableInfiniband = b.previewEnableInfiniband;
    this.idempotencyKey = b.idempotencyKey;
  }

  /** A new builder, with nothing set; the count and the price are required. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding these parameters, e.g. to change one of them. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.desiredCount = desiredCount;
    b.maxPricePerNodeHour = maxPricePerNodeHour;
    b.zone = zone;
    b.anyZone = anyZone;
    b.startAt = startAt;
    b.endAt = endAt;
    b.nodeType = nodeType;
    b.names.addAll(names);
    b.userData = userData;
    b.imageId = imageId;
    b.forward443 = forward443;
    b.previewEnableInfiniband = previewEnableInfiniband;
    b.idempotencyKey = idempotencyKey;
    return b;
  }

  /**
   * A copy sent with the {@code Idempotency-Key} header {@code key}, e.g. to repeat a call whose
   * outcome was unknown.
   *
   * @throws IllegalArgumentException if {@code key} is blank, longer than 255 characters, or not
   *     printable ASCII without spaces
   */
  public CreateNodesParams withIdempotencyKey(String key) {
    return toBuilder().idempotencyKey(key).build();
  }

  /** How many nodes to buy. */
  public int desiredCount() {
    return desiredCount;
  }

  /** The highest price to pay per node-hour, in cents. */
  public long maxPricePerNodeHour() {
    return maxPricePerNodeHour;
  }

  /** The zone for the new nodes, or null when none was set. */
  public @Nullable String zone() {
    return zone;
  }

  /** Whether autoreserved nodes may go to any zone, or null for the API's default (false). */
  public @Nullable Boolean anyZone() {
    return anyZone;
  }

  /** Whether port 443 is forwarded to the VMs, or null for the API's default. */
  public @Nullable Boolean forward443() {
    return forward443;
  }

  /** Whether InfiniBand is asked for (experimental), or null for the API's default. */
  public @Nullable Boolean previewEnableInfiniband() {
    return previewEnableInfiniband;
  }

  /**
   * The end of reserved nodes, in Unix seconds on an hour boundary, or null when not set (the nodes
   * are then autoreserved).
   */
  public @Nullable Long endAt() {
    return endAt;
  }

  /** The start of reserved nodes, in Unix seconds, or null for the API's default: now. */
  public @Nullable Long startAt() {
    return startAt;
  }

  /** The node type, or null for the API's default ({@code autoreserved}). */
  public @Nullable NodeType nodeType() {
    return nodeType;
  }

  /** The names for the new nodes, in order (unmodifiable); empty when none were given. */
  public List<String> names() {
    return names;
  }

  /** The cloud-init user data for the new VMs, or null when none was set. */
  public @Nullable UserData userData() {
    return userData;
  }

  /** The custom VM image for the new VMs, or null when none was set. */
  public @Nullable String imageId() {
    return imageId;
  }

  /** The caller's idempotency key, or null for a new one per call (kept across its retries). */
  public @Nullable String idempotencyKey() {
    return idempotencyKey;
  }

  CreateNodesRequest toRequest() {
    CreateNodesRequest request =
        new CreateNodesRequest()
            .desiredCount(desiredCount)
            .maxPricePerNodeHour(maxPricePerNodeHour);
    // The generated model starts with the spec's defaults set; send only what the caller chose.
    request.setAnyZone(anyZone);
    request.setNodeType(nodeType);
    request.setForward443(forward443);
    request.setPreviewEnableInfiniband(previewEnableInfiniband);
    request.setZone(zone);
    request.setStartAt(startAt);
    request.setEndAt(endAt);
    request.setNames(names.isEmpty() ? null : new ArrayList<>(names));
    request.setCloudInitUserData(userData == null ? null : userData.bytes());
    request.setImageId(imageId);
    return request;
  }

  /** Whether {@code other} holds the same parameters (user data compared by content). */
  @Override
  public boolean equals(@Nullable Object other) {
    if (this == other) {
      return true;
    }
    if (!(other instanceof CreateNodesParams)) {
      return false;
    }
    CreateNodesParams that = (CreateNodesParams) other;
    return desiredCount == that.desiredCount
        && maxPricePerNodeHour == that.maxPricePerNodeHour
        && Objects.equals(zone, that.zone)
        && Objects.equals(anyZone, that.anyZone)
        && Objects.equals(startAt, that.startAt)
        && Objects.equals(endAt, that.endAt)
        && Objects.equals(nodeType, that.nodeType)
        && names.equals(that.names)
        && Objects.equals(userData, that.userData)
        && Objects.equals(imageId, that.imageId)
        && Objects.equals(forward443, that.forward443)
        && Objects.equals(previewEnableInfiniband, that.previewEnableInfiniband)
        && Objects.equals(idempotencyKey, that.idempotencyKey);
  }

  /** A hash consistent with {@link #equals}. */
  @Override
  public int hashCode() {
    return Objects.hash(
        desiredCount,
        maxPricePerNodeHour,
        zone,
        anyZone,
        startAt,
        endAt,
        nodeType,
        names,
        userData,
        imageId,
        forward443,
        previewEnableInfiniband,
        idempotencyKey);
  }

  /** Every parameter; the user data shows only its size, never its content. */
  @Override
  public String toString() {
    return "CreateNodesParams{desiredCount="
        + desiredCount
        + ", maxPricePerNodeHour="
        + maxPricePerNodeHour
        + ", zone="
        + zone
        + ", anyZone="
        + anyZone
        + ", startAt="
        + startAt
        + ", endAt="
        + endAt
        + ", nodeType="
        + nodeType
        + ", names="
        + names
        + ", userData="
        + userData
        + ", imageId="
        + imageId
        + ", forward443="
        + forward443
        + ", previewEnableInfiniband="
        + previewEnableInfiniband
        + ", idempotencyKey="
        + idempotencyKey
        + "}";
  }

  /** Builds {@link CreateNodesParams}; the count and the price are required. */
  public static final class Builder {
    private @Nullable Integer desiredCount;
    private @Nullable Long maxPricePerNodeHour;
    private @Nullable String zone;
    private @Nullable Boolean anyZone;
    private @Nullable Long startAt;
    private @Nullable Long endAt;
    private @Nullable NodeType nodeType;
    private final List<String> names = new ArrayList<>();
    private @Nullable UserData userData;
    private @Nullable String imageId;
    private @Nullable Boolean forward443;
    private @Nullable Boolean previewEnableInfiniband;
    private @Nullable String idempotencyKey;

    private Builder() {}

    /** How many nodes. Required. */
    public Builder desiredCount(int count) {
      this.desiredCount = count;
      return this;
    }

    /** The highest price per node-hour, in cents. Required. */
    public Builder maxPricePerNodeHour(long cents) {
      this.maxPricePerNodeHour = cents;
      return this;
    }

    /** The zone; required by the API for autoreserved nodes unless {@link #anyZone(boolean)}. */
    public Builder zone(String zone) {
      this.zone = Checks.notBlank(zone, "zone");
      return this;
    }

    /** Let autoreserved nodes go to any zone that fits. */
    public Builder anyZone(boolean anyZone) {
      this.anyZone = anyZone;
      return this;
    }

    /**
     * Start of reserved nodes (the API defaults to now).
     *
     * @throws IllegalArgumentException if it has a fraction of a second: the API carries whole Unix
     *     seconds, so truncate it first ({@code Instant.now().truncatedTo(ChronoUnit.SECONDS)})
     */
    public Builder startAt(Instant startAt) {
      this.startAt = Checks.unixSeconds(startAt, "start_at");
      return this;
    }

    /**
     * End of reserved nodes, on an hour boundary. Without it nodes are autoreserved.
     *
     * @throws IllegalArgumentException if it has a fraction of a second (the hour boundary is
     *     checked by {@link #build()})
     */
    public Builder endAt(Instant endAt) {
      this.endAt = Checks.unixSeconds(endAt, "end_at");
      return this;
    }

    /**
     * The node type: {@code autoreserved} nodes (the API's default) belong to a procurement that
     * keeps buying time; {@code reserved} nodes have a fixed window.
     */
    public Builder nodeType(NodeType nodeType) {
      this.nodeType = Checks.notNull(nodeType, "node_type");
      return this;
    }

    /** Names for the new nodes. */
    public Builder names(String... names) {
      return names(Arrays.asList(Checks.notNull(names, "names")));
    }

    /**
     * Names for the new nodes, added after those given before.
     *
     * @throws IllegalArgumentException if a name is blank, longer than 256 characters or all digits
     */
    public Builder names(List<String> names) {
      for (String name : Checks.notNull(names, "names")) {
        Checks.notBlank(name, "names[" + this.names.size() + "]");
        if (name.length() > 256) {
          throw new IllegalArgumentException(
              "names["
                  + this.names.size()
                  + "] must be at most 256 characters (was "
                  + name.length()
                  + ")");
        }
        if (isNumeric(name)) {
          throw new IllegalArgumentException(
              "names[" + this.names.size() + "] must not be a numeric string: " + name);
        }
        this.names.add(name);
      }
      return this;
    }

    /** Cloud-init user data for the new VMs. */
    public Builder userData(UserData userData) {
      this.userData = Checks.notNull(userData, "cloud_init_user_data");
      return this;
    }

    /** A custom VM image. */
    public Builder imageId(String imageId) {
      this.imageId = Checks.notBlank(imageId, "image_id");
      return this;
    }

    /** Forward port 443 to the VMs. */
    public Builder forward443(boolean forward443) {
      this.forward443 = forward443;
      return this;
    }

    /** Experimental, may change or disappear: turn on InfiniBand where the zone supports it. */
    public Builder previewEnableInfiniband(boolean enable) {
      this.previewEnableInfiniband = enable;
      return this;
    }

    /** Your own key instead of a generated one, e.g. to repeat a call whose outcome was unknown. */
    public Builder idempotencyKey(String key) {
      this.idempotencyKey = Idempotency.check(Checks.notNull(key, "idempotencyKey"));
      return this;
    }

    /**
     * The parameters.
     *
     * @throws IllegalStateException if the count or the price was not set
     * @throws IllegalArgumentException if the count or the price is negative, or the end is not on
     *     an hour boundary
     */
    public CreateNodesParams build() {
      Checks.atLeast(Checks.required(desiredCount, "desired_count"), 0, "desired_count");
      Checks.atLeast(
          Checks.required(maxPricePerNodeHour, "max_price_per_node_hour"),
          0,
          "max_price_per_node_hour");
      if (endAt != null && endAt % 3600 != 0) {
        throw new IllegalArgumentException(
            "end_at must fall on an hour boundary (Unix seconds divisible by 3600), was " + endAt);
      }
      return new CreateNodesParams(this);
    }

    private static boolean isNumeric(String name) {
      for (int i = 0; i < name.length(); i++) {
        if (!Character.isDigit(name.charAt(i))) {
          return false;
        }
      }
      return true;
    }
  }
}
