package com.sfcompute.nodes;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A successful answer with its HTTP details: the status, the headers and the parsed body.
 *
 * @param <T> the body's type; {@code Void} (body null) for answers without one, such as delete
 */
public final class ApiResponse<T extends @Nullable Object> {
  private final int statusCode;
  private final Map<String, List<String>> headers;
  private final T body;

  private ApiResponse(int statusCode, Map<String, List<String>> headers, T body) {
    this.statusCode = statusCode;
    this.headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    this.body = body;
  }

  /**
   * An answer: what the SDK returns from each {@code ...WithResponse} call, and what your own fakes
   * of the service interfaces can return. Header names are kept as given (the SDK gives them in
   * lower case, which {@link #header(String)} expects).
   *
   * @throws IllegalArgumentException when {@code statusCode} is not a 2xx status
   */
  public static <T extends @Nullable Object> ApiResponse<T> of(
      int statusCode, Map<String, List<String>> headers, T body) {
    if (statusCode < 200 || statusCode > 299) {
      throw new IllegalArgumentException(
          "statusCode must be a success, 200 to 299 (was " + statusCode + ")");
    }
    return new ApiResponse<>(statusCode, Objects.requireNonNull(headers, "headers == null"), body);
  }

  /** The HTTP status, such as 200, 201 or 204. */
  public int statusCode() {
    return statusCode;
  }

  /** The response headers, names in lower case. */
  public Map<String, List<String>> headers() {
    return headers;
  }

  /** The first value of header {@code name} (any case), or null. */
  public @Nullable String header(String name) {
    List<String> values = headers.get(name.toLowerCase(java.util.Locale.ROOT));
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  /** The request id the API answered with ({@code x-request-id} or {@code request-id}), or null. */
  public @Nullable String requestId() {
    String id = header("x-request-id");
    return id != null ? id : header("request-id");
  }

  /** The parsed body. */
  public T body() {
    return body;
  }

  /** The same answer with its body transformed. */
  <R extends @Nullable Object> ApiResponse<R> map(java.util.function.Function<T, R> f) {
    return new ApiResponse<>(statusCode, headers, f.apply(body));
  }

  @Override
  public String toString() {
    return "ApiResponse{statusCode=" + statusCode + ", body=" + body + "}";
  }
}
