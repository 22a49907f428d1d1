package com.sfcompute.nodes.internal.events;

import com.sfcompute.nodes.events.CallEvent;
import com.sfcompute.nodes.events.RedirectEvent;
import com.sfcompute.nodes.events.RetryEvent;
import java.time.Duration;
import okhttp3.HttpUrl;
import org.jspecify.annotations.Nullable;

/** The events of the SDK's decisions between attempts. */
public final class Resend {
  private Resend() {}

  /** A resend decided: the event for {@link Listeners#retryScheduled}. */
  public static RetryEvent retry(
      CallEvent call, RetryEvent.Reason reason, Duration delay, boolean counts, int statusCode) {
    return new RetryEvent() {
      @Override
      public CallEvent call() {
        return call;
      }

      @Override
      public Reason reason() {
        return reason;
      }

      @Override
      public Duration delay() {
        return delay;
      }

      @Override
      public boolean countsAsRetry() {
        return counts;
      }

      @Override
      public int statusCode() {
        return statusCode;
      }

      @Override
      public String toString() {
        return "RetryEvent{" + call.operation() + " " + reason + " in " + delay + "}";
      }
    };
  }

  /**
   * A redirect not followed: the event for {@link Listeners#redirectRefused}; {@code location}
   * resolved against the request's URL, shown without its query or user info.
   */
  public static RedirectEvent redirect(
      CallEvent call, int statusCode, HttpUrl requestUrl, @Nullable String location) {
    HttpUrl target = location == null ? null : requestUrl.resolve(location);
    String shown =
        target == null
            ? null
            : target
                .newBuilder()
                .username("")
                .password("")
                .query(null)
                .fragment(null)
                .build()
                .toString();
    return new RedirectEvent() {
      @Override
      public CallEvent call() {
        return call;
      }

      @Override
      public int statusCode() {
        return statusCode;
      }

      @Override
      public @Nullable String location() {
        return shown;
      }

      @Override
      public String toString() {
        return "RedirectEvent{" + call.operation() + " " + statusCode + "}";
      }
    };
  }
}
