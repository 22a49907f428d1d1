package com.sfcompute.nodes.internal.http;

import com.sfcompute.nodes.events.RetryEvent;
import com.sfcompute.nodes.internal.events.AttemptRecord;
import com.sfcompute.nodes.internal.events.CallRecord;
import com.sfcompute.nodes.internal.events.Listeners;
import com.sfcompute.nodes.internal.events.Resend;
import java.io.IOException;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import okhttp3.Request;
import org.jspecify.annotations.Nullable;
import retrofit2.Response;

/**
 * Tells a client's listeners of the HTTP path's work: a call's start and end, each attempt, each
 * resend decided. Every method is a no-op for a call without a record, which is every call of a
 * client without listeners: no event is built then.
 */
final class CallEvents {
  /** Operations by generated method name: {@code resource.action}, as the services name them. */
  private static final Map<String, String> OPERATIONS;

  static {
    Map<String, String> names = new HashMap<>();
    names.put("createNodes", "nodes.create");
    names.put("listNodes", "nodes.list");
    names.put("getNode", "nodes.get");
    names.put("deleteNode", "nodes.delete");
    names.put("extendNode", "nodes.extend");
    names.put("releaseNode", "nodes.release");
    names.put("redeployNode", "nodes.redeploy");
    names.put("getVmLogs", "vms.logs");
    names.put("getVmSsh", "vms.ssh");
    names.put("createVmScript", "vms.script.create");
    names.put("getVmScript", "vms.script.get");
    names.put("listImages", "images.list");
    names.put("getImage", "images.get");
    names.put("listZones", "zones.list");
    names.put("getZone", "zones.get");
    OPERATIONS = Collections.unmodifiableMap(names);
  }

  private CallEvents() {}

  /** The operation's name for a generated method; the method's own name if the table lacks it. */
  static String operation(String generatedMethod) {
    String name = OPERATIONS.get(generatedMethod);
    return name != null ? name : generatedMethod;
  }

  /** Whether the table names {@code generatedMethod} (every generated method must be). */
  static boolean named(String generatedMethod) {
    return OPERATIONS.containsKey(generatedMethod);
  }

  /** A call starts: its record, told to the listeners; null when none listens. */
  static @Nullable CallRecord started(Listeners listeners, GeneratedCall<?> call, boolean async) {
    if (!listeners.active()) {
      return null;
    }
    Endpoint endpoint = call.endpoint;
    CallRecord record =
        new CallRecord(
            Listeners.currentParent(),
            operation(endpoint.method.getName()),
            endpoint.httpMethod,
            endpoint.pathTemplate(),
            endpoint.firstPathArgument(call.args),
            endpoint.headerArgument(call.args, Transport.IDEMPOTENCY_KEY),
            async);
    listeners.callStarted(record);
    return record;
  }

  /** An attempt of a recorded call is about to be sent: the request with listeners' headers. */
  static Request attemptStarting(
      Listeners listeners, @Nullable CallRecord call, Attempt attempt, Request request) {
    if (call == null) {
      return request;
    }
    AttemptRecord record = new AttemptRecord(call, request);
    attempt.events = record;
    listeners.attemptStarted(record);
    return record.request();
  }

  /** An attempt's answer came (its status line and headers). */
  static void answered(Listeners listeners, Attempt attempt, okhttp3.Response answer) {
    AttemptRecord record = attempt.events;
    if (record == null) {
      return;
    }
    attempt.events = null; // Told once, even if the body then fails.
    long size = -1;
    String length = answer.header("Content-Length");
    if (length != null) {
      try {
        size = Long.parseLong(length);
      } catch (NumberFormatException e) {
        size = -1;
      }
    }
    record.answered(answer.code(), attempt.reusedConnection, protocol(answer.protocol()), size);
    ((CallRecord) record.call()).answered(answer.code(), answer.header("x-request-id"));
    listeners.attemptEnded(record);
  }

  /** An attempt failed before its answer (or while reading its body). */
  static void failed(Listeners listeners, Attempt attempt, IOException failure) {
    AttemptRecord record = attempt.events;
    if (record == null) {
      return;
    }
    attempt.events = null;
    record.failed(failure, attempt.reusedConnection);
    listeners.attemptEnded(record);
  }

  /**
   * Tells what {@link SendAgain#step} decided after an attempt that ended with {@code answer} (null
   * for a failure): a resend with its reason and delay, or a refused redirect.
   */
  static void decided(
      Listeners listeners,
      @Nullable CallRecord call,
      SendAgain.Decision decision,
      @Nullable Response<?> answer) {
    if (call == null) {
      return;
    }
    okhttp3.Response raw = answer == null ? null : answer.raw();
    int status = raw == null ? 0 : raw.code();
    if (decision.sendsAgain()) {
      listeners.retryScheduled(
          Resend.retry(
              call,
              reasonOf(decision),
              decision.delay,
              decision.kind == SendAgain.Decision.Kind.RETRY,
              status));
    } else if (decision.reason == SendAgain.Decision.Reason.REDIRECT_REFUSED && raw != null) {
      listeners.redirectRefused(
          Resend.redirect(call, status, raw.request().url(), raw.header("Location")));
    }
  }

  private static RetryEvent.Reason reasonOf(SendAgain.Decision decision) {
    switch (decision.kind) {
      case REPLAY:
        return RetryEvent.Reason.DEAD_CONNECTION;
      case RESEND_REFUSED:
        return RetryEvent.Reason.REFUSED_STREAM;
      case FOLLOW_REDIRECT:
        return RetryEvent.Reason.REDIRECT;
      default:
        switch (decision.reason) {
          case THROTTLED:
            return RetryEvent.Reason.THROTTLED;
          case STATUS:
            return RetryEvent.Reason.STATUS;
          default:
            return RetryEvent.Reason.CONNECTION_FAILURE;
        }
    }
  }

  /** The call ended: with {@code error}, or a value when null. Told once. */
  static void ended(Listeners listeners, @Nullable CallRecord call, @Nullable Throwable error) {
    if (call != null && call.end(error)) {
      listeners.callEnded(call);
    }
  }

  private static String protocol(okhttp3.Protocol protocol) {
    switch (protocol) {
      case HTTP_1_0:
        return "1.0";
      case HTTP_1_1:
        return "1.1";
      case HTTP_2:
      case H2_PRIOR_KNOWLEDGE:
        return "2";
      default:
        return protocol.toString();
    }
  }
}
