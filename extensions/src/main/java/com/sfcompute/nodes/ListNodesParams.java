package com.sfcompute.nodes;

import com.sfcompute.nodes.model.NodeType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Filters of {@link NodesService#list(ListNodesParams)}: node ids, node names, or a node type. The
 * API does not combine them: at most one kind may be set.
 *
 * <pre>{@code
 * ListNodesParams.builder().ids("n_1", "n_2").build();
 * ListNodesParams.builder().type(NodeType.RESERVED).build();
 * }</pre>
 *
 * <p>Instances are immutable and compare by value.
 */
public final class ListNodesParams {
  private static final ListNodesParams ALL = new Builder().build();

  private final List<String> ids;
  private final List<String> names;
  private final @Nullable NodeType type;

  private ListNodesParams(Builder builder) {
    this.ids = Collections.unmodifiableList(new ArrayList<>(builder.ids));
    this.names = Collections.unmodifiableList(new ArrayList<>(builder.names));
    this.type = builder.type;
  }

  /** No filter: every node of the account. */
  public static ListNodesParams all() {
    return ALL;
  }

  /** A new builder, with no filter. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding these filters. */
  public Builder toBuilder() {
    Builder builder = new Builder();
    builder.ids.addAll(ids);
    builder.names.addAll(names);
    builder.type = type;
    return builder;
  }

  /** The node ids to match (unmodifiable); empty when not filtering by id. */
  public List<String> ids() {
    return ids;
  }

  /** The node names to match (unmodifiable); empty when not filtering by name. */
  public List<String> names() {
    return names;
  }

  /** The node type to match, or null when not filtering by type. */
  public @Nullable NodeType type() {
    return type;
  }

  /** Whether {@code other} holds the same filters. */
  @Override
  public boolean equals(@Nullable Object other) {
    if (this == other) {
      return true;
    }
    if (!(other instanceof ListNodesParams)) {
      return false;
    }
    ListNodesParams that = (ListNodesParams) other;
    return ids.equals(that.ids) && names.equals(that.names) && Objects.equals(type, that.type);
  }

  /** A hash consistent with {@link #equals}. */
  @Override
  public int hashCode() {
    return Objects.hash(ids, names, type);
  }

  /** Every filter. */
  @Override
  public String toString() {
    return "ListNodesParams{ids=" + ids + ", names=" + names + ", type=" + type + "}";
  }

  /** Builds {@link ListNodesParams}. */
  public static final class Builder {
    private final List<String> ids = new ArrayList<>();
    private final List<String> names = new ArrayList<>();
    private @Nullable NodeType type;

    private Builder() {}

    /** Adds node ids to match ({@code ?id=a&id=b}). */
    public Builder ids(String... ids) {
      return ids(Arrays.asList(Checks.notNull(ids, "ids")));
    }

    /**
     * Adds node ids to match, as {@link #ids(String...)} does.
     *
     * @throws IllegalArgumentException if an id is blank
     */
    public Builder ids(List<String> ids) {
      for (String id : Checks.notNull(ids, "ids")) {
        this.ids.add(Checks.notBlank(id, "id"));
      }
      return this;
    }

    /** Adds node names to match ({@code ?name=a&name=b}). */
    public Builder names(String... names) {
      return names(Arrays.asList(Checks.notNull(names, "names")));
    }

    /**
     * Adds node names to match, as {@link #names(String...)} does.
     *
     * @throws IllegalArgumentException if a name is blank
     */
    public Builder names(List<String> names) {
      for (String name : Checks.notNull(names, "names")) {
        this.names.add(Checks.notBlank(name, "name"));
      }
      return this;
    }

    /** Only nodes of this type. */
    public Builder type(NodeType type) {
      this.type = Checks.notNull(type, "type");
      return this;
    }

    /**
     * The parameters.
     *
     * @throws IllegalArgumentException when more than one of id, name and type is set
     */
    public ListNodesParams build() {
      int kinds = (ids.isEmpty() ? 0 : 1) + (names.isEmpty() ? 0 : 1) + (type == null ? 0 : 1);
      if (kinds > 1) {
        throw new IllegalArgumentException(
            "id, name and type cannot be combined: the API filters by one of them at a time");
      }
      return new ListNodesParams(this);
    }
  }
}
