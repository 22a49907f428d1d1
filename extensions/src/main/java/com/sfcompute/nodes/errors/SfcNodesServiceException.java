package com.sfcompute.nodes.errors;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The API answered with an error status. The message reads like {@code 404 not_found: Node not
 * found (GET /v1/nodes/x)}; the parts are available one by one.
 *
 * <p>Subclasses name the common statuses; other statuses (408, 410, ...) are thrown as this class.
 * Bodies that are not the API's error envelope (an HTML page from a proxy, an empty or truncated
 * body) still give this exception, with {@link #type()} null and a short snippet of the body as the
 * message.
 */
public class SfcNodesServiceException extends SfcNodesException {
  private static final long serialVersionUID = 1L;

  /** See {@link #statusCode()}. */
  private final int statusCode;

  /** See {@link #type()}. */
  private final @Nullable String type;

  /** See {@link #errorMessage()}. */
  private final String errorMessage;

  /** See {@link #details()}. */
  private final List<ErrorDetail> details;

  /** See {@link #method()}. */
  private final String method;

  /** See {@link #path()}. */
  private final String path;

  /** See {@link #headers()}. */
  private final Map<String, List<String>> headers;

  /** See {@link #requestId()}. */
  private final @Nullable String requestId;

  SfcNodesServiceException(Data data) {
    super(format(data.statusCode, data.type, data.errorMessage, data.method, data.path));
    this.statusCode = data.statusCode;
    this.type = data.type;
    this.errorMessage = data.errorMessage;
    this.details = Collections.unmodifiableList(new ArrayList<>(data.details));
    this.method = data.method;
    this.path = data.path;
    this.headers = Collections.unmodifiableMap(new LinkedHashMap<>(data.headers));
    this.requestId = data.requestId;
  }

  /**
   * A builder of the exception for an error answer: {@link Builder#build()} gives the subclass of
   * its status (the table in the README), or this class for other statuses. Used by the SDK's one
   * translation point; public so that tests and fakes of the service interfaces can throw exactly
   * what the SDK throws.
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Builds a {@link SfcNodesServiceException}; {@code statusCode}, {@code method} and {@code path}
   * are required.
   */
  public static final class Builder {
    private int statusCode;
    private boolean statusCodeSet;
    private @Nullable String type;
    private String errorMessage = "";
    private List<ErrorDetail> details = Collections.emptyList();
    private @Nullable String method;
    private @Nullable String path;
    private Map<String, List<String>> headers = Collections.emptyMap();
    private @Nullable String requestId;

    private Builder() {}

    /**
     * The HTTP status (required): any a status line can carry (three digits, 000 to 999) but a
     * success (2xx). Besides 3xx to 5xx, a server can send what the API never does (a {@code 101}
     * without an upgrade, a {@code 600}): the SDK reports those with this class too.
     */
    public Builder statusCode(int statusCode) {
      if (statusCode < 0 || statusCode > 999 || (statusCode >= 200 && statusCode <= 299)) {
        throw new IllegalArgumentException(
            "statusCode must be a three-digit HTTP status that is not a success (was "
                + statusCode
                + ")");
      }
      this.statusCode = statusCode;
      this.statusCodeSet = true;
      return this;
    }

    /** The envelope's {@code error.type}, or null when the body was not the envelope. */
    public Builder type(@Nullable String type) {
      this.type = type;
      return this;
    }

    /** The envelope's {@code error.message}, or what stands for it; default empty. */
    public Builder errorMessage(String errorMessage) {
      this.errorMessage = Objects.requireNonNull(errorMessage, "errorMessage == null");
      return this;
    }

    /** The envelope's {@code error.details}; default none. */
    public Builder details(List<ErrorDetail> details) {
      this.details = Objects.requireNonNull(details, "details == null");
      return this;
    }

    /** The request's HTTP method (required). */
    public Builder method(String method) {
      this.method = Objects.requireNonNull(method, "method == null");
      return this;
    }

    /** The request's path with its query (required). */
    public Builder path(String path) {
      this.path = Objects.requireNonNull(path, "path == null");
      return this;
    }

    /** The response's headers, names in lower case; default none. */
    public Builder headers(Map<String, List<String>> headers) {
      this.headers = Objects.requireNonNull(headers, "headers == null");
      return this;
    }

    /** The request id the response carried, or null. */
    public Builder requestId(@Nullable String requestId) {
      this.requestId = requestId;
      return this;
    }

    /**
     * The exception: the subclass for the status, or {@link SfcNodesServiceException} itself.
     *
     * @throws IllegalStateException when statusCode, method or path was not set
     */
    public SfcNodesServiceException build() {
      if (!statusCodeSet) {
        throw new IllegalStateException("`statusCode` is required, but was not set");
      }
      if (method == null) {
        throw new IllegalStateException("`method` is required, but was not set");
      }
      if (path == null) {
        throw new IllegalStateException("`path` is required, but was not set");
      }
      Data data =
          new Data(statusCode, type, errorMessage, details, method, path, headers, requestId);
      if (statusCode < 300 || statusCode > 599) {
        return new SfcNodesServiceException(data); // No status the API uses: see statusCode(int).
      }
      if (statusCode < 400) {
        return new RedirectException(data);
      }
      switch (statusCode) {
        case 400:
          return new BadRequestException(data);
        case 401:
          return new UnauthorizedException(data);
        case 402:
          return new PaymentRequiredException(data);
        case 403:
          return new PermissionDeniedException(data);
        case 404:
          return new NotFoundException(data);
        case 407:
          return new ProxyAuthenticationException(data);
        case 409:
          return new ConflictException(data);
        case 422:
          return new UnprocessableEntityException(data);
        case 429:
          return new RateLimitException(data);
        default:
          return statusCode >= 500
              ? new InternalServerException(data)
              : new SfcNodesServiceException(data);
      }
    }
  }

  /** The parts of an error answer, handed from the factory to the subclasses. */
  static final class Data {
    final int statusCode;
    final @Nullable String type;
    final String errorMessage;
    final List<ErrorDetail> details;
    final String method;
    final String path;
    final Map<String, List<String>> headers;
    final @Nullable String requestId;

    Data(
        int statusCode,
        @Nullable String type,
        String errorMessage,
        List<ErrorDetail> details,
        String method,
        String path,
        Map<String, List<String>> headers,
        @Nullable String requestId) {
      this.statusCode = statusCode;
      this.type = type;
      this.errorMessage = Objects.requireNonNull(errorMessage, "errorMessage == null");
      this.details = Objects.requireNonNull(details, "details == null");
      this.method = Objects.requireNonNull(method, "method == null");
      this.path = Objects.requireNonNull(path, "path == null");
      this.headers = Objects.requireNonNull(headers, "headers == null");
      this.requestId = requestId;
    }
  }

  private static String format(
      int statusCode, @Nullable String type, String message, String method, String path) {
    StringBuilder out = new StringBuilder().append(statusCode);
    if (type != null) {
      out.append(' ').append(type);
    }
    return out.append(": ")
        .append(message)
        .append(" (")
        .append(method)
        .append(' ')
        .append(path)
        .append(')')
        .toString();
  }

  /**
   * The HTTP status: 4xx or 5xx, or 3xx for a {@link RedirectException}; any other status a server
   * sent that is not a success (a {@code 101}, a {@code 600}) on this class itself.
   */
  public int statusCode() {
    return statusCode;
  }

  /**
   * The envelope's {@code error.type} ({@code not_found}, {@code invalid_request_error}, ...; see
   * {@link com.sfcompute.nodes.model.ErrorType}), or null when the body was not the envelope.
   */
  public @Nullable String type() {
    return type;
  }

  /** The envelope's {@code error.message}, or a short snippet of a body that was not one. */
  public String errorMessage() {
    return errorMessage;
  }

  /** The envelope's {@code error.details}; empty when it had none. */
  public List<ErrorDetail> details() {
    return details;
  }

  /** The request's HTTP method. */
  public String method() {
    return method;
  }

  /** The request's path, with its query. */
  public String path() {
    return path;
  }

  /** The response's headers, names in lower case. */
  public Map<String, List<String>> headers() {
    return headers;
  }

  /** The request id the response carried ({@code x-request-id} or {@code request-id}), if any. */
  public @Nullable String requestId() {
    return requestId;
  }
}
