package com.sfcompute.nodes;

import com.sfcompute.nodes.internal.http.Transport;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Settings for some calls that differ from the client's: a timeout, a retry budget, extra headers.
 * Use them through {@link SfcNodes#withOptions(RequestOptions)}, which returns a view of the client
 * that shares its connection pool and threads:
 *
 * <pre>{@code
 * Node node = client.withOptions(RequestOptions.builder()
 *         .timeout(Duration.ofSeconds(5))
 *         .maxRetries(0)
 *         .header("X-Trace-Id", traceId)
 *         .build())
 *     .nodes().get("cuda-crunch");
 * }</pre>
 *
 * <p>Anything not set keeps the client's value. Immutable and thread-safe.
 */
public final class RequestOptions {
  private static final RequestOptions NONE = builder().build();

  private final @Nullable Duration timeout;
  private final @Nullable Integer maxRetries;
  private final @Nullable Boolean strictDecoding;
  private final Map<String, String> headers;

  private RequestOptions(Builder b) {
    this.timeout = b.timeout;
    this.maxRetries = b.maxRetries;
    this.strictDecoding = b.strictDecoding;
    this.headers = Collections.unmodifiableMap(new LinkedHashMap<>(b.headers));
  }

  /** A builder with nothing set. */
  public static Builder builder() {
    return new Builder();
  }

  /** Options that change nothing. */
  public static RequestOptions none() {
    return NONE;
  }

  /** A builder holding these options. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.timeout = timeout;
    b.maxRetries = maxRetries;
    b.strictDecoding = strictDecoding;
    b.headers.putAll(headers);
    return b;
  }

  /** The bound of one attempt, or null for the client's. */
  public @Nullable Duration timeout() {
    return timeout;
  }

  /** How often a call may be retried, or null for the client's. */
  public @Nullable Integer maxRetries() {
    return maxRetries;
  }

  /**
   * Whether an answer lacking a required field is refused whole, or null for the client's ({@link
   * SfcNodes.Builder#strictDecoding(boolean)}).
   */
  public @Nullable Boolean strictDecoding() {
    return strictDecoding;
  }

  /** Headers added to every request, over the client's own extra headers. */
  public Map<String, String> headers() {
    return headers;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    if (!(o instanceof RequestOptions)) {
      return false;
    }
    RequestOptions that = (RequestOptions) o;
    return Objects.equals(timeout, that.timeout)
        && Objects.equals(maxRetries, that.maxRetries)
        && Objects.equals(strictDecoding, that.strictDecoding)
        && headers.equals(that.headers);
  }

  @Override
  public int hashCode() {
    return Objects.hash(timeout, maxRetries, strictDecoding, headers);
  }

  /** Header values are not shown: they may be credentials of a proxy. */
  @Override
  public String toString() {
    return "RequestOptions{timeout="
        + timeout
        + ", maxRetries="
        + maxRetries
        + ", strictDecoding="
        + strictDecoding
        + ", headers="
        + headers.keySet()
        + "}";
  }

  /** Builds {@link RequestOptions}; every setting is optional. */
  public static final class Builder {
    private @Nullable Duration timeout;
    private @Nullable Integer maxRetries;
    private @Nullable Boolean strictDecoding;
    private final Map<String, String> headers = new LinkedHashMap<>();

    private Builder() {}

    /** The bound of one whole attempt (connect, send, wait, read the answer): 1 ms or more. */
    public Builder timeout(Duration timeout) {
      this.timeout = Checks.timeout(timeout, "timeout");
      return this;
    }

    /** How often a call may be retried (0 turns retries off). */
    public Builder maxRetries(int maxRetries) {
      this.maxRetries = (int) Checks.atLeast(maxRetries, 0, "maxRetries");
      return this;
    }

    /**
     * Whether an answer lacking a field the API spec requires is refused whole, over the client's
     * {@link SfcNodes.Builder#strictDecoding(boolean)}.
     */
    public Builder strictDecoding(boolean strictDecoding) {
      this.strictDecoding = strictDecoding;
      return this;
    }

    /**
     * A header for each request. Authorization and User-Agent are the client's and cannot be set
     * here, nor an {@code Idempotency-Key}: a key belongs to one write, so it goes on that write's
     * params ({@code idempotencyKey(...)}) or as the method's argument ({@code release}, {@code
     * delete}, a start-up script's {@code create}).
     */
    public Builder header(String name, String value) {
      Checks.header(name, value, "header");
      if (name.equalsIgnoreCase(Transport.IDEMPOTENCY_KEY)) {
        throw new IllegalArgumentException(
            "header Idempotency-Key belongs to one write: set it with the params'"
                + " idempotencyKey(...) or pass it to release/delete, not RequestOptions.header(...)");
      }
      if (name.equalsIgnoreCase("Authorization") || name.equalsIgnoreCase("User-Agent")) {
        throw new IllegalArgumentException(
            "header " + name + " is set by the client, not by RequestOptions.header(...)");
      }
      headers.put(name, value);
      return this;
    }

    /** The options. */
    public RequestOptions build() {
      return new RequestOptions(this);
    }
  }
}
