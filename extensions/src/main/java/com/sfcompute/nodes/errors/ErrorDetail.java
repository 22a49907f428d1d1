package com.sfcompute.nodes.errors;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** One entry of an error's {@code details}: a code, a message, and the field at fault if any. */
public final class ErrorDetail {
  private final String code;
  private final String message;
  private final @Nullable String field;

  private ErrorDetail(String code, String message, @Nullable String field) {
    this.code = code;
    this.message = message;
    this.field = field;
  }

  /** A detail with its code, its message, and the field at fault or null. */
  public static ErrorDetail of(String code, String message, @Nullable String field) {
    return new ErrorDetail(
        Objects.requireNonNull(code, "code == null"),
        Objects.requireNonNull(message, "message == null"),
        field);
  }

  /** The detail's machine-readable code; empty when the server sent none. */
  public String code() {
    return code;
  }

  /** The detail's human-readable message; empty when the server sent none. */
  public String message() {
    return message;
  }

  /** The request field that caused the error, for validation errors. */
  public @Nullable String field() {
    return field;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    if (!(o instanceof ErrorDetail)) {
      return false;
    }
    ErrorDetail that = (ErrorDetail) o;
    return code.equals(that.code)
        && message.equals(that.message)
        && Objects.equals(field, that.field);
  }

  @Override
  public int hashCode() {
    return Objects.hash(code, message, field);
  }

  @Override
  public String toString() {
    return field == null ? code + ": " + message : code + " (" + field + "): " + message;
  }
}
