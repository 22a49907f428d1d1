package com.sfcompute.nodes;

import com.sfcompute.nodes.model.VmLogsOrderBy;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Which log chunks of a VM to read: its id, the order by sequence number, and optional bounds.
 *
 * <pre>{@code
 * VmLogsParams.builder().instanceId("vm_123").sinceSeqnum(40).limit(100).build();
 * }</pre>
 *
 * <p>Instances are immutable and compare by value.
 */
public final class VmLogsParams {
  private final String instanceId;
  private final VmLogsOrderBy orderBy;
  private final @Nullable Integer limit;
  private final @Nullable Long sinceSeqnum;
  private final @Nullable Long beforeSeqnum;
  private final @Nullable Instant since;
  private final @Nullable Instant before;

  private VmLogsParams(Builder b) {
    this.instanceId = Checks.required(b.instanceId, "instance_id");
    this.orderBy = b.orderBy;
    this.limit = b.limit;
    this.sinceSeqnum = b.sinceSeqnum;
    this.beforeSeqnum = b.beforeSeqnum;
    this.since = b.since;
    this.before = b.before;
  }

  /** A new builder, oldest first; the instance id is required. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Shorthand for {@code builder().instanceId(instanceId)}.
   *
   * @throws IllegalArgumentException if {@code instanceId} is blank
   */
  public static Builder builder(String instanceId) {
    return builder().instanceId(instanceId);
  }

  /** A builder holding these parameters, e.g. to read on from another sequence number. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.instanceId = instanceId;
    b.orderBy = orderBy;
    b.limit = limit;
    b.sinceSeqnum = sinceSeqnum;
    b.beforeSeqnum = beforeSeqnum;
    b.since = since;
    b.before = before;
    return b;
  }

  /** The ID of the VM whose logs are read. */
  public String instanceId() {
    return instanceId;
  }

  /**
   * The order by sequence number: {@link VmLogsOrderBy#SEQNUM_ASC} (the default) or {@link
   * VmLogsOrderBy#SEQNUM_DESC}.
   */
  public VmLogsOrderBy orderBy() {
    return orderBy;
  }

  /** The most chunks to return, or null to leave it to the API. */
  public @Nullable Integer limit() {
    return limit;
  }

  /** Only chunks with a sequence number at or after this one, or null for no lower bound. */
  public @Nullable Long sinceSeqnum() {
    return sinceSeqnum;
  }

  /** Only chunks with a sequence number before this one, or null for no upper bound. */
  public @Nullable Long beforeSeqnum() {
    return beforeSeqnum;
  }

  /** Only chunks logged at or after this time, or null for no lower bound. */
  public @Nullable Instant since() {
    return since;
  }

  /** Only chunks logged before this time, or null for no upper bound. */
  public @Nullable Instant before() {
    return before;
  }

  @Nullable OffsetDateTime sinceTimestamp() {
    return since == null ? null : since.atOffset(ZoneOffset.UTC);
  }

  @Nullable OffsetDateTime beforeTimestamp() {
    return before == null ? null : before.atOffset(ZoneOffset.UTC);
  }

  /** Whether {@code other} holds the same parameters. */
  @Override
  public boolean equals(@Nullable Object other) {
    if (this == other) {
      return true;
    }
    if (!(other instanceof VmLogsParams)) {
      return false;
    }
    VmLogsParams that = (VmLogsParams) other;
    return instanceId.equals(that.instanceId)
        && orderBy.equals(that.orderBy)
        && Objects.equals(limit, that.limit)
        && Objects.equals(sinceSeqnum, that.sinceSeqnum)
        && Objects.equals(beforeSeqnum, that.beforeSeqnum)
        && Objects.equals(since, that.since)
        && Objects.equals(before, that.before);
  }

  /** A hash consistent with {@link #equals}. */
  @Override
  public int hashCode() {
    return Objects.hash(instanceId, orderBy, limit, sinceSeqnum, beforeSeqnum, since, before);
  }

  /** Every parameter. */
  @Override
  public String toString() {
    return "VmLogsParams{instanceId="
        + instanceId
        + ", orderBy="
        + orderBy
        + ", limit="
        + limit
        + ", sinceSeqnum="
        + sinceSeqnum
        + ", beforeSeqnum="
        + beforeSeqnum
        + ", since="
        + since
        + ", before="
        + before
        + "}";
  }

  /** Builds {@link VmLogsParams}; the instance id is required. */
  public static final class Builder {
    private @Nullable String instanceId;
    private VmLogsOrderBy orderBy = VmLogsOrderBy.SEQNUM_ASC;
    private @Nullable Integer limit;
    private @Nullable Long sinceSeqnum;
    private @Nullable Long beforeSeqnum;
    private @Nullable Instant since;
    private @Nullable Instant before;

    private Builder() {}

    /**
     * The VM whose logs are read. Required.
     *
     * @throws IllegalArgumentException if {@code instanceId} is blank
     */
    public Builder instanceId(String instanceId) {
      this.instanceId = Checks.notBlank(instanceId, "instance_id");
      return this;
    }

    /** Oldest first (the default). */
    public Builder ascending() {
      this.orderBy = VmLogsOrderBy.SEQNUM_ASC;
      return this;
    }

    /** Newest first. */
    public Builder descending() {
      this.orderBy = VmLogsOrderBy.SEQNUM_DESC;
      return this;
    }

    /** At most this many chunks. */
    public Builder limit(int limit) {
      this.limit = (int) Checks.atLeast(limit, 1, "limit");
      return this;
    }

    /** Only chunks with a sequence number at or after this one. */
    public Builder sinceSeqnum(long seqnum) {
      this.sinceSeqnum = Checks.atLeast(seqnum, 0, "since_seqnum");
      return this;
    }

    /** Only chunks with a sequence number before this one. */
    public Builder beforeSeqnum(long seqnum) {
      this.beforeSeqnum = Checks.atLeast(seqnum, 0, "before_seqnum");
      return this;
    }

    /**
     * Only chunks logged at or after this time.
     *
     * @throws IllegalArgumentException if it is outside the years 0000 to 9999, which the API's RFC
     *     3339 timestamps cannot carry
     */
    public Builder since(Instant since) {
      this.since = Checks.rfc3339(since, "since_realtime_timestamp");
      return this;
    }

    /**
     * Only chunks logged before this time.
     *
     * @throws IllegalArgumentException if it is outside the years 0000 to 9999, which the API's RFC
     *     3339 timestamps cannot carry
     */
    public Builder before(Instant before) {
      this.before = Checks.rfc3339(before, "before_realtime_timestamp");
      return this;
    }

    /**
     * The parameters.
     *
     * @throws IllegalStateException if the instance id was not set
     */
    public VmLogsParams build() {
      return new VmLogsParams(this);
    }
  }
}
