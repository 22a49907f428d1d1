package com.sfcompute.nodes.mock;

import com.sfcompute.nodes.model.ErrorBody;
import com.sfcompute.nodes.model.ErrorBodyDetail;
import com.sfcompute.nodes.model.ErrorResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** A refusal the mock answers with the API's error envelope; thrown anywhere inside a request. */
final class ApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  final int status;
  final String type;
  // Never serialized: it lives for one request.
  final transient List<ErrorBodyDetail> details;
  final transient Map<String, String> headers = new LinkedHashMap<>();

  ApiException(int status, String type, String message, List<ErrorBodyDetail> details) {
    super(message);
    this.status = status;
    this.type = type;
    this.details = Collections.unmodifiableList(new ArrayList<>(details));
  }

  /** One refusal with one detail; {@code field} names the request field at fault, if any. */
  static ApiException of(
      int status, String type, String code, String message, @Nullable String field) {
    return new ApiException(
        status, type, message, Collections.singletonList(detail(code, message, field)));
  }

  static ApiException invalid(String code, String message, @Nullable String field) {
    return of(400, "invalid_request_error", code, message, field);
  }

  static ApiException notFound(String message) {
    return of(404, "not_found", "not_found", message, null);
  }

  static ApiException conflict(String code, String message, @Nullable String field) {
    return of(409, "conflict", code, message, field);
  }

  static ApiException unprocessable(String code, String message) {
    return of(422, "unprocessable_entity", code, message, null);
  }

  static ErrorBodyDetail detail(String code, String message, @Nullable String field) {
    return new ErrorBodyDetail().code(code).message(message).field(field);
  }

  ApiException withHeader(String name, String value) {
    headers.put(name, value);
    return this;
  }

  ErrorResponse toEnvelope() {
    return envelope(type, getMessage(), details);
  }

  static ErrorResponse envelope(
      String type, @Nullable String message, List<ErrorBodyDetail> details) {
    return new ErrorResponse()
        .error(
            new ErrorBody()
                .type(type)
                .message(message == null ? type : message)
                .details(new ArrayList<>(details)));
  }

  /** The error type the API uses for an HTTP status, for faults that name only a status. */
  static String typeFor(int status) {
    switch (status) {
      case 400:
        return "invalid_request_error";
      case 401:
        return "authentication_error";
      case 402:
        return "payment_required";
      case 403:
        return "forbidden";
      case 404:
        return "not_found";
      case 408:
        return "request_timed_out";
      case 409:
        return "conflict";
      case 410:
        return "gone";
      case 422:
        return "unprocessable_entity";
      case 426:
        return "upgrade_required";
      case 501:
        return "not_implemented";
      case 503:
        return "service_unavailable";
      case 504:
        return "request_timed_out";
      default:
        // 429 has no type of its own in the API's list; api_error is what a client must expect.
        return "api_error";
    }
  }
}
