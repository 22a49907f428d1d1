package com.sfcompute.nodes.internal.http;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.sfcompute.nodes.errors.ErrorDetail;
import com.sfcompute.nodes.errors.OutcomeUnknownException;
import com.sfcompute.nodes.errors.SfcNodesException;
import com.sfcompute.nodes.errors.SfcNodesInvalidDataException;
import com.sfcompute.nodes.errors.SfcNodesIoException;
import com.sfcompute.nodes.errors.SfcNodesServiceException;
import com.sfcompute.nodes.errors.SfcNodesTimeoutException;
import com.sfcompute.nodes.internal.json.WireFormats;
import com.sfcompute.nodes.model.ErrorBody;
import com.sfcompute.nodes.model.ErrorBodyDetail;
import com.sfcompute.nodes.model.ErrorResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.Request;
import okhttp3.ResponseBody;
import okio.BufferedSource;
import org.jspecify.annotations.Nullable;
import retrofit2.Response;

/**
 * The one translation point: the outcome a call ends with becomes a value or one of the SDK's
 * exceptions here (the status table is in the README). Every piece of server text is cleaned of the
 * token by the {@link Redactor} where it enters, before anything is cut from it.
 */
final class ErrorTranslation {
  /** How much of an error body is read; a non-envelope body is quoted up to {@link #SNIPPET}. */
  static final long MAX_ERROR_BODY = 64 * 1024;

  private static final int SNIPPET = 200;

  /** Reads the error envelope as sent: missing fields are tolerated, not refused. */
  private static final Gson ENVELOPE = WireFormats.apply(new GsonBuilder()).create();

  private final Redactor redactor;

  ErrorTranslation(Redactor redactor) {
    this.redactor = redactor;
  }

  /** The answer of the last attempt: a success, or the exception its status stands for. */
  <T extends @Nullable Object> Response<T> checked(Response<T> response) {
    if (response.isSuccessful()) {
      return response;
    }
    okhttp3.Response raw = response.raw();
    SfcNodesServiceException error = serviceError(raw, response.errorBody());
    if (!RetryPolicy.isRead(raw.request().method()) && response.code() >= 500) {
      // The server may have acted before failing: never repeat blindly.
      throw new OutcomeUnknownException(
          raw.request().method(), pathOf(raw.request()), keyOf(raw.request()), error);
    }
    throw error;
  }

  /** The body of a success; a missing one is invalid data unless the operation has none. */
  <T extends @Nullable Object> T bodyOf(GeneratedCall<T> call, Response<T> response) {
    T body = response.body();
    if (body == null && call.endpoint.expectsBody()) {
      throw new SfcNodesInvalidDataException(
          "Invalid response: "
              + describe(response.raw().request())
              + ": "
              + response.code()
              + " without the body the operation returns",
          null);
    }
    return body;
  }

  private SfcNodesServiceException serviceError(
      okhttp3.Response raw, @Nullable ResponseBody errorBody) {
    Map<String, List<String>> headers = cleanHeaders(raw.headers());
    String text = readErrorBody(errorBody);
    ErrorBody envelope = null;
    try {
      ErrorResponse parsed = ENVELOPE.fromJson(text, ErrorResponse.class);
      envelope = parsed == null ? null : parsed.getError();
    } catch (RuntimeException notTheEnvelope) {
      // An HTML page from a proxy, an empty or truncated body: quoted below.
    }
    String type = envelope == null ? null : cleanOrNull(envelope.getType());
    String message = envelope == null ? null : cleanOrNull(envelope.getMessage());
    List<ErrorDetail> details = new ArrayList<>();
    if (envelope != null && envelope.getDetails() != null) {
      for (ErrorBodyDetail detail : envelope.getDetails()) {
        if (detail != null) {
          String code = cleanOrNull(detail.getCode());
          String detailMessage = cleanOrNull(detail.getMessage());
          details.add(
              ErrorDetail.of(
                  code == null ? "" : code,
                  detailMessage == null ? "" : detailMessage,
                  cleanOrNull(detail.getField())));
        }
      }
    }
    if (message == null) {
      message =
          type != null
              ? type
              : redactor.clean(snippet(text, redactor.clean(raw.message()), isHtml(raw, text)));
    }
    if (SendAgain.isRedirect(raw.code())) {
      HttpUrl location = SendAgain.location(raw);
      message =
          (location == null
                  ? "redirect without a Location"
                  : "redirect to " + redactor.clean(location.toString()))
              + " not followed: the API does not redirect, so the SDK follows only reads to the"
              + " same origin";
    }
    String requestId = first(headers, "x-request-id");
    return SfcNodesServiceException.builder()
        .statusCode(raw.code())
        .type(type)
        .errorMessage(message)
        .details(details)
        .method(raw.request().method())
        .path(pathOf(raw.request()))
        .headers(headers)
        .requestId(requestId != null ? requestId : first(headers, "request-id"))
        .build();
  }

  /**
   * A proxy's 407: the API never saw the request (so never an outcome unknown), and the message
   * names the proxy, not the API.
   */
  private SfcNodesServiceException proxyRefused(Request request, ProxyAuthentication.Refused e) {
    okhttp3.Response answer = e.response;
    Map<String, List<String>> headers = cleanHeaders(answer.headers());
    return SfcNodesServiceException.builder()
        .statusCode(answer.code())
        .errorMessage(
            "proxy "
                + redactor.clean(e.proxy)
                + " requires authentication ("
                + redactor.clean(answer.message())
                + "); the API never saw the request. Give the OkHttpClient passed to"
                + " SfcNodes.Builder.httpClient(...) a proxyAuthenticator with the proxy's"
                + " credentials")
        .method(request.method())
        .path(pathOf(request))
        .headers(headers)
        .requestId(null)
        .build();
  }

  private @Nullable String cleanOrNull(@Nullable String text) {
    return text == null ? null : redactor.clean(text);
  }

  Map<String, List<String>> cleanHeaders(Headers headers) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (int i = 0; i < headers.size(); i++) {
      String name = headers.name(i).toLowerCase(Locale.ROOT);
      out.computeIfAbsent(name, n -> new ArrayList<>()).add(redactor.clean(headers.value(i)));
    }
    for (Map.Entry<String, List<String>> entry : out.entrySet()) {
      entry.setValue(Collections.unmodifiableList(entry.getValue()));
    }
    return out;
  }

  private static @Nullable String first(Map<String, List<String>> headers, String name) {
    List<String> values = headers.get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  /** Up to {@link #MAX_ERROR_BODY} of the body, cleaned before anything is cut from it. */
  private String readErrorBody(@Nullable ResponseBody body) {
    if (body == null) {
      return "";
    }
    try (ResponseBody b = body) {
      BufferedSource source = b.source();
      boolean more = source.request(MAX_ERROR_BODY + 1);
      long size = Math.min(source.getBuffer().size(), MAX_ERROR_BODY);
      String text = source.getBuffer().readUtf8(size);
      return more ? redactor.cleanPrefix(text) : redactor.clean(text);
    } catch (IOException e) {
      return "";
    }
  }

  /**
   * A short, single-line quote of a body that was not the error envelope; of an HTML page (a
   * proxy's or a balancer's error page), its title, else its visible text, not its markup.
   */
  static String snippet(String text, String reason, boolean html) {
    String oneLine = (html ? HtmlText.of(text) : text).replaceAll("\\s+", " ").trim();
    if (oneLine.isEmpty()) {
      return reason.isEmpty() ? "(empty body)" : reason + " (empty body)";
    }
    String quoted = oneLine.length() > SNIPPET ? oneLine.substring(0, SNIPPET) + "..." : oneLine;
    return (reason.isEmpty() ? "" : reason + ": ")
        + (html ? "unexpected HTML page: " : "unexpected body: ")
        + quoted;
  }

  private static boolean isHtml(okhttp3.Response raw, String text) {
    String type = raw.header("Content-Type");
    if (type != null) {
      String lower = type.toLowerCase(Locale.ROOT);
      if (lower.startsWith("text/html") || lower.startsWith("application/xhtml")) {
        return true;
      }
    }
    String start = text.trim();
    return start.regionMatches(true, 0, "<!doctype html", 0, 14)
        || start.regionMatches(true, 0, "<html", 0, 5);
  }

  SfcNodesException translate(Attempt attempt, IOException e) {
    if (e instanceof ProxyAuthentication.Refused && attempt.request != null) {
      return proxyRefused(attempt.request, (ProxyAuthentication.Refused) e);
    }
    String what = describe(attempt);
    Throwable cause = redactor.sanitize(e);
    SfcNodesException failure;
    if (e instanceof CallGuard.MalformedAnswerException) {
      failure = new SfcNodesInvalidDataException("Invalid response: " + what + ": " + cause, cause);
    } else if (attempt.timedOut(e)) { // By state: its deadline fired, or a socket timeout.
      long bound = attempt.settings.attemptTimeoutNanos;
      failure =
          new SfcNodesTimeoutException(
              "Timed out: "
                  + what
                  + (bound > 0 ? " (one attempt may take " + Duration.ofNanos(bound) + ")" : ""),
              cause);
    } else {
      failure = new SfcNodesIoException("Connection failed: " + what + ": " + cause, cause);
    }
    Request request = attempt.request;
    if (request != null
        && attempt.reachedConnection
        && !RetryPolicy.isRead(request.method())
        && !attempt.notProcessed(e)) {
      return new OutcomeUnknownException(
          request.method(), pathOf(request), keyOf(request), failure);
    }
    return failure;
  }

  SfcNodesInvalidDataException invalid(Attempt attempt, RuntimeException e) {
    Throwable cause = redactor.sanitize(e);
    Throwable detail = cause instanceof InvalidBodyException ? cause.getCause() : null;
    return new SfcNodesInvalidDataException(
        "Invalid response: "
            + describe(attempt)
            + ": "
            + (cause instanceof InvalidBodyException ? cause.getMessage() : cause.toString())
            + (detail != null ? " (" + detail.getMessage() + ")" : ""),
        cause);
  }

  private static String keyOf(Request request) {
    String key = request.header(Transport.IDEMPOTENCY_KEY);
    return key == null ? "" : key;
  }

  static String describe(Attempt attempt) {
    Request request = attempt.request;
    return request == null ? "(request not built)" : describe(request);
  }

  static String describe(Request request) {
    return request.method() + " " + pathOf(request);
  }

  static String pathOf(Request request) {
    String query = request.url().encodedQuery();
    return request.url().encodedPath() + (query == null ? "" : "?" + query);
  }

  /**
   * The failure of a call whose thread was interrupted while it waited to send {@code last}'s next
   * attempt (none: its first), with {@code failure}, the last attempt's, suppressed.
   */
  SfcNodesIoException interrupted(
      @Nullable Attempt last, @Nullable IOException failure, InterruptedException e) {
    Thread.currentThread().interrupt();
    SfcNodesIoException interrupted =
        new SfcNodesIoException(
            last == null
                ? "Interrupted while waiting to send"
                : "Interrupted while waiting to retry " + describe(last),
            e);
    if (failure != null) {
      interrupted.addSuppressed(redactor.sanitize(failure));
    }
    return interrupted;
  }
}
