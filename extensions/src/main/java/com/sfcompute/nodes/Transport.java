package com.sfcompute.nodes;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.sfcompute.nodes.errors.ErrorDetail;
import com.sfcompute.nodes.errors.OutcomeUnknownException;
import com.sfcompute.nodes.errors.SfcNodesException;
import com.sfcompute.nodes.errors.SfcNodesInvalidDataException;
import com.sfcompute.nodes.errors.SfcNodesIoException;
import com.sfcompute.nodes.errors.SfcNodesServiceException;
import com.sfcompute.nodes.errors.SfcNodesTimeoutException;
import com.sfcompute.nodes.internal.http.InvalidBodyException;
import com.sfcompute.nodes.internal.http.NotSentException;
import com.sfcompute.nodes.internal.http.RetryInterceptor;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import okhttp3.Request;
import okhttp3.ResponseBody;
import okio.BufferedSource;
import org.jspecify.annotations.Nullable;
import retrofit2.Call;
import retrofit2.Callback;
import retrofit2.Response;

/**
 * Runs calls of the generated interfaces and turns every outcome into a value or one of the SDK's
 * exceptions. The one place where HTTP is translated.
 */
final class Transport {
  /** How much of an error body is read, and how much of a non-envelope body a message quotes. */
  private static final long MAX_ERROR_BODY = 64 * 1024;

  private static final int SNIPPET = 200;

  private final String token;
  private volatile boolean closed;

  /** {@code token} is only used to scrub it from error text a proxy might echo back. */
  Transport(String token) {
    this.token = token;
  }

  void close() {
    closed = true;
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("This SfcNodes client is closed");
    }
  }

  <T extends @Nullable Object> T execute(Call<T> call) {
    return executeWithResponse(call).body();
  }

  <T extends @Nullable Object> ApiResponse<T> executeWithResponse(Call<T> call) {
    checkOpen();
    Response<T> response;
    try {
      response = call.execute();
    } catch (IOException e) {
      throw translate(call.request(), e);
    } catch (InvalidBodyException e) {
      throw invalid(call.request(), e);
    }
    return toApiResponse(call.request(), response);
  }

  <T extends @Nullable Object> CompletableFuture<T> executeAsync(Call<T> call) {
    return Futures.map(executeWithResponseAsync(call), ApiResponse::body);
  }

  <T extends @Nullable Object> CompletableFuture<ApiResponse<T>> executeWithResponseAsync(
      Call<T> call) {
    checkOpen();
    CompletableFuture<ApiResponse<T>> future =
        new CompletableFuture<ApiResponse<T>>() {
          @Override
          public boolean cancel(boolean mayInterruptIfRunning) {
            // Cancel the future first: cancelling the call first lets its failure callback, on
            // another thread, complete the future with an I/O error before it is marked cancelled.
            boolean cancelled = super.cancel(mayInterruptIfRunning);
            call.cancel();
            return cancelled;
          }
        };
    call.enqueue(
        new Callback<T>() {
          @Override
          public void onResponse(Call<T> c, Response<T> response) {
            try {
              future.complete(toApiResponse(c.request(), response));
            } catch (RuntimeException e) {
              future.completeExceptionally(e);
            }
          }

          @Override
          public void onFailure(Call<T> c, Throwable t) {
            if (t instanceof IOException) {
              future.completeExceptionally(translate(c.request(), (IOException) t));
            } else if (t instanceof InvalidBodyException) {
              future.completeExceptionally(invalid(c.request(), (InvalidBodyException) t));
            } else {
              future.completeExceptionally(t);
            }
          }
        });
    return future;
  }

  private <T extends @Nullable Object> ApiResponse<T> toApiResponse(
      Request request, Response<T> response) {
    Map<String, List<String>> headers = response.headers().toMultimap();
    if (response.isSuccessful()) {
      T body = response.body();
      if (body == null && response.code() != 204 && response.code() != 205) {
        throw new SfcNodesInvalidDataException(
            response.code() + ": empty body where one was expected (" + describe(request) + ")",
            null);
      }
      return new ApiResponse<>(response.code(), headers, body);
    }
    SfcNodesServiceException error = serviceError(request, response, headers);
    if (!RetryInterceptor.isRead(request.method()) && response.code() >= 500) {
      // The server may have acted before failing: never repeat blindly.
      throw new OutcomeUnknownException(
          request.method(), pathOf(request), idempotencyKey(request), error);
    }
    throw error;
  }

  private SfcNodesServiceException serviceError(
      Request request, Response<?> response, Map<String, List<String>> headers) {
    String text = readErrorBody(response.errorBody());
    String type = null;
    String message = null;
    List<ErrorDetail> details = new ArrayList<>();
    try {
      JsonElement root = JsonParser.parseString(text);
      JsonObject error =
          root.isJsonObject() && root.getAsJsonObject().get("error") instanceof JsonObject
              ? root.getAsJsonObject().getAsJsonObject("error")
              : null;
      if (error != null) {
        type = string(error, "type");
        message = string(error, "message");
        if (error.get("details") instanceof JsonArray) {
          for (JsonElement d : error.getAsJsonArray("details")) {
            if (d instanceof JsonObject) {
              JsonObject detail = (JsonObject) d;
              String code = string(detail, "code");
              String detailMessage = string(detail, "message");
              details.add(
                  ErrorDetail.of(
                      code == null ? "" : code,
                      detailMessage == null ? "" : redact(detailMessage),
                      string(detail, "field")));
            }
          }
        }
      }
    } catch (RuntimeException notJson) {
      // Not the envelope: an HTML page from a proxy, an empty or truncated body. Quoted below.
    }
    if (message == null) {
      message = type != null ? type : snippet(text, response.message());
    }
    message = redact(message);
    String requestId = first(headers, "x-request-id");
    return SfcNodesServiceException.of(
        response.code(),
        type,
        message,
        details,
        request.method(),
        pathOf(request),
        headers,
        requestId != null ? requestId : first(headers, "request-id"));
  }

  private static @Nullable String string(JsonObject object, String name) {
    JsonElement value = object.get(name);
    return value != null && value.isJsonPrimitive() ? value.getAsString() : null;
  }

  private static @Nullable String first(Map<String, List<String>> headers, String name) {
    List<String> values = headers.get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  private static String readErrorBody(@Nullable ResponseBody body) {
    if (body == null) {
      return "";
    }
    try (ResponseBody b = body) {
      BufferedSource source = b.source();
      source.request(MAX_ERROR_BODY);
      long size = Math.min(source.getBuffer().size(), MAX_ERROR_BODY);
      return source.getBuffer().readUtf8(size);
    } catch (IOException e) {
      return "";
    }
  }

  /** Error text comes from the server or a proxy, which might echo the request's token back. */
  private String redact(String text) {
    return text.contains(token) ? text.replace(token, "<redacted>") : text;
  }

  /** A short, single-line quote of a body that was not the error envelope. */
  static String snippet(String text, String reason) {
    String oneLine = text.replaceAll("\\s+", " ").trim();
    if (oneLine.isEmpty()) {
      return reason.isEmpty() ? "(empty body)" : reason + " (empty body)";
    }
    String quoted = oneLine.length() > SNIPPET ? oneLine.substring(0, SNIPPET) + "..." : oneLine;
    return (reason.isEmpty() ? "" : reason + ": ") + "unexpected body: " + quoted;
  }

  private static SfcNodesException translate(Request request, IOException e) {
    boolean notSent = e instanceof NotSentException;
    IOException cause = notSent ? ((NotSentException) e).getCause() : e;
    String what = describe(request);
    SfcNodesIoException io =
        isTimeout(cause)
            ? new SfcNodesTimeoutException("Timed out: " + what + ": " + cause.getMessage(), cause)
            : new SfcNodesIoException("Connection failed: " + what + ": " + cause, cause);
    if (!notSent && !RetryInterceptor.isRead(request.method())) {
      return new OutcomeUnknownException(
          request.method(), pathOf(request), idempotencyKey(request), io);
    }
    return io;
  }

  private static boolean isTimeout(IOException e) {
    return e instanceof SocketTimeoutException
        || (e instanceof InterruptedIOException && "timeout".equals(e.getMessage()));
  }

  private static SfcNodesInvalidDataException invalid(Request request, InvalidBodyException e) {
    Throwable cause = e.getCause();
    return new SfcNodesInvalidDataException(
        "Invalid response: "
            + describe(request)
            + ": "
            + e.getMessage()
            + (cause != null ? " (" + cause.getMessage() + ")" : ""),
        e);
  }

  private static String idempotencyKey(Request request) {
    String key = request.header(Idempotency.HEADER);
    return key == null ? "" : key;
  }

  static String describe(Request request) {
    return request.method() + " " + pathOf(request);
  }

  static String pathOf(Request request) {
    String query = request.url().encodedQuery();
    return request.url().encodedPath() + (query == null ? "" : "?" + query);
  }
}
