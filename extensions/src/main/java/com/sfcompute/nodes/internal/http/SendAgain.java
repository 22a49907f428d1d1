package com.sfcompute.nodes.internal.http;

import com.sfcompute.nodes.internal.events.CallRecord;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import okhttp3.Connection;
import okhttp3.HttpUrl;
import okhttp3.Request;
import org.jspecify.annotations.Nullable;
import retrofit2.Response;

/**
 * Every "send it again" decision of the SDK, in one file: after each attempt of a call, {@link
 * #step} says whether the answer is taken, the call gives up, or another attempt follows, which
 * kind, why and after how long. Both runners ({@link BlockingRun}, {@link AsyncRun}) call it and
 * only carry out what it says. In the spirit of OkHttp's {@code RetryAndFollowUpInterceptor}, whose
 * own repeats are off (see {@link TransportBuilder}).
 *
 * <p>In the order they are asked:
 *
 * <ol>
 *   <li><b>Not processed</b> ({@link Decision.Kind#RESEND_REFUSED}): the server refused the attempt
 *       unprocessed ({@link Attempt#notProcessed}: an HTTP/2 stream reset with {@code
 *       REFUSED_STREAM} or above a {@code GOAWAY}'s last stream id, or a connection already
 *       shutting down). Any method goes again at once (RFC 9113, section 8.7), up to {@link
 *       #MAX_NOT_PROCESSED_RESENDS} times a call; not a retry, and never an unknown outcome.
 *   <li><b>Stale connection</b> ({@link Decision.Kind#REPLAY}): the attempt died before any
 *       response byte on a connection taken from the pool ({@link Attempt#diedOnStaleConnection}),
 *       and the request is replayable (a read, or a write carrying an {@code Idempotency-Key}). It
 *       goes again at once, not as a retry, each time it dies so on a pooled connection other than
 *       the ones that already died, up to {@link #MAX_STALE_REPLAYS}: OkHttp takes no new exchange
 *       on a failed connection, so the next attempt takes another idle one or opens a fresh one;
 *       one that dies on a fresh connection goes to the retry rule. Go's net/http rule. Nothing
 *       else is dropped from the pool, which a caller's other origins may share.
 *   <li><b>Redirect</b> ({@link Decision.Kind#FOLLOW_REDIRECT}): a read redirected to the same
 *       origin is followed, at most {@link #MAX_REDIRECTS} times a call; every other redirect is
 *       answered to the caller as refused.
 *   <li><b>Retry rule</b> ({@link Decision.Kind#RETRY}, {@link RetryPolicy}): reads on failures and
 *       transient statuses; writes only when provably not sent, or when the server asks; at most
 *       the settings' {@code maxRetries}, after the policy's delay.
 * </ol>
 *
 * <p>When, not whether: after a {@code 429} the client's {@link RateLimiter} gives every attempt
 * but those sent at once its turn ({@link #turn}), and hears every answer ({@link #observe}).
 *
 * <p>One object per call, used by one thread at a time (an attempt's outcome, then the next).
 */
final class SendAgain {
  /**
   * How often one call is sent again because the server refused it unprocessed, before such a
   * refusal falls to the retry rule: a server that refuses every stream must not hold a call
   * forever. OkHttp opens a fresh connection after a connection's second refusal.
   */
  static final int MAX_NOT_PROCESSED_RESENDS = 8;

  /**
   * How often one call is replayed for a stale pooled connection: a safety cap only, since each
   * replay needs a pooled connection not yet tried, and the SDK's own pool keeps at most this many
   * idle by default.
   */
  static final int MAX_STALE_REPLAYS = 64;

  /** How many same-origin redirects of a read are followed. */
  static final int MAX_REDIRECTS = 5;

  private final Stack stack;

  /** The call as listeners see it; null when none listens. */
  final @Nullable CallRecord events;

  private int retriesUsed;
  private int notProcessedResends;
  private int redirects;

  /** The pooled connections this call's attempts died on, by identity; null until one did. */
  private @Nullable List<Connection> deadConnections;

  SendAgain(Stack stack, @Nullable CallRecord events) {
    this.stack = stack;
    this.events = events;
  }

  /**
   * The decision after {@code attempt}, which ended with {@code answer} (read as {@link
   * Stack#answer}) or else with {@code failure} (as {@link Attempt#failure} judges it).
   */
  Decision step(Attempt attempt, @Nullable Response<?> answer, @Nullable IOException failure) {
    Decision decision;
    if (answer != null) {
      decision = afterAnswer(attempt, answer);
    } else if (failure == null) {
      throw new IllegalArgumentException("neither an answer nor a failure");
    } else {
      CallEvents.failed(stack.listeners, attempt, failure);
      decision = afterFailure(attempt, failure);
    }
    CallEvents.decided(stack.listeners, events, decision, answer);
    return decision;
  }

  private Decision afterFailure(Attempt attempt, IOException failure) {
    if (failure instanceof CallGuard.MalformedAnswerException
        || failure instanceof ProxyAuthentication.Refused) {
      return Decision.GIVE_UP_ANSWERED; // An answer came: it is read, not repeated.
    }
    Request request = attempt.request;
    if (request == null) {
      return Decision.GIVE_UP_NOT_SENT;
    }
    if (attempt.canceled()) {
      return Decision.GIVE_UP_CANCELED;
    }
    boolean notProcessed = attempt.notProcessed(failure);
    if (notProcessed && notProcessedResends < MAX_NOT_PROCESSED_RESENDS) {
      notProcessedResends++;
      return new Decision(
          Decision.Kind.RESEND_REFUSED, Decision.Reason.NOT_PROCESSED, attempt.redirectTo);
    }
    // A refusal past that bound falls to the retry rule: the connection refused, it did not die.
    Connection dead = attempt.connection;
    if (!notProcessed
        && attempt.diedOnStaleConnection(failure)
        && replayable(request)
        && dead != null
        && !diedBefore(dead)) {
      List<Connection> died = deadConnections;
      if (died == null) {
        died = new ArrayList<>(2);
        deadConnections = died;
      }
      if (died.size() < MAX_STALE_REPLAYS) {
        died.add(dead);
        return new Decision(
            Decision.Kind.REPLAY, Decision.Reason.STALE_CONNECTION, attempt.redirectTo);
      }
    }
    boolean safe =
        RetryPolicy.isRead(request.method()) || !attempt.reachedConnection || notProcessed;
    if (!safe) {
      return Decision.GIVE_UP_MAY_HAVE_ACTED;
    }
    if (retriesUsed >= attempt.settings.maxRetries) {
      return Decision.GIVE_UP_RETRIES_USED;
    }
    redirects = 0; // A retry starts from the call's own URL, with its own redirects.
    return Decision.retry(Decision.Reason.CONNECTION, stack.policy.backoff(retriesUsed++));
  }

  private Decision afterAnswer(Attempt attempt, Response<?> response) {
    if (response.isSuccessful()) {
      return Decision.TAKE;
    }
    okhttp3.Response raw = response.raw();
    int code = raw.code();
    boolean read = RetryPolicy.isRead(raw.request().method());
    boolean redirect = isRedirect(code);
    if (redirect && read && redirects < MAX_REDIRECTS) {
      HttpUrl target = location(raw);
      if (target != null && sameOrigin(raw.request().url(), target)) {
        redirects++;
        return new Decision(Decision.Kind.FOLLOW_REDIRECT, Decision.Reason.REDIRECT, target);
      }
    }
    if (!RetryPolicy.shouldRetry(read, raw)) {
      return redirect ? Decision.GIVE_UP_REDIRECT_REFUSED : Decision.GIVE_UP_STATUS;
    }
    if (retriesUsed >= attempt.settings.maxRetries) {
      return Decision.GIVE_UP_RETRIES_USED;
    }
    redirects = 0; // A retry starts from the call's own URL, with its own redirects.
    return Decision.retry(
        code == 429 ? Decision.Reason.THROTTLED : Decision.Reason.STATUS,
        stack.policy.delay(retriesUsed++, raw));
  }

  private boolean diedBefore(Connection connection) {
    List<Connection> died = deadConnections;
    if (died != null) {
      for (Connection c : died) {
        if (c == connection) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean replayable(Request request) {
    return RetryPolicy.isRead(request.method())
        || request.header(Transport.IDEMPOTENCY_KEY) != null;
  }

  static boolean isRedirect(int code) {
    return code == 300 || code == 301 || code == 302 || code == 303 || code == 307 || code == 308;
  }

  static @Nullable HttpUrl location(okhttp3.Response response) {
    String location = response.header("Location");
    return location == null ? null : response.request().url().resolve(location);
  }

  private static boolean sameOrigin(HttpUrl a, HttpUrl b) {
    return a.scheme().equals(b.scheme()) && a.host().equals(b.host()) && a.port() == b.port();
  }

  // The rate limiter's hooks: when, not whether.

  /**
   * The rate limiter's turn for an attempt that waits {@code wait} first, or null while the limiter
   * is off: then the runner waits {@code wait} itself and sends without a turn.
   */
  RateLimiter.@Nullable Turn turn(Duration wait) {
    RateLimiter limiter = stack.limiter;
    return limiter != null && limiter.engaged() ? limiter.turn(wait.toNanos()) : null;
  }

  /** Tells the rate limiter how the server answered an attempt. */
  void observe(Attempt attempt, okhttp3.Response answer) {
    CallEvents.answered(stack.listeners, attempt, answer);
    RateLimiter limiter = stack.limiter;
    if (limiter != null) {
      int code = answer.code();
      limiter.answered(attempt.turn, code, code == 429 ? stack.policy.retryAfter(answer) : null);
    }
  }

  /** What {@link #step} decided: its kind, its reason, and what the next attempt needs. */
  static final class Decision {
    /** What happens next. */
    enum Kind {
      /** The answer is the call's: a value, or the error its status stands for. */
      TAKE,
      /** The call ends with this attempt's outcome (its error status or its failure). */
      GIVE_UP,
      /** Sent again at once on another connection: the pooled one was dead. Not a retry. */
      REPLAY,
      /** Sent again at once: the server said it did not process it. Not a retry. */
      RESEND_REFUSED,
      /** Sent at once to the redirect's same-origin target. Not a retry. */
      FOLLOW_REDIRECT,
      /** Sent again after {@link #delay}, counting against {@code maxRetries}. */
      RETRY
    }

    /** Why. */
    enum Reason {
      SUCCESS,
      STALE_CONNECTION,
      NOT_PROCESSED,
      REDIRECT,
      /** A retry after a failure of the connection or a timeout. */
      CONNECTION,
      /** A retry after a transient status (408, 409, 5xx) or {@code x-should-retry: true}. */
      STATUS,
      /** A retry after a {@code 429}. */
      THROTTLED,
      /** A redirect not followed: a write, another origin, no Location, or too many. */
      REDIRECT_REFUSED,
      /** A status the retry rule does not repeat. */
      NOT_RETRYABLE,
      /** A write that may have reached the server: never repeated blindly. */
      MAY_HAVE_ACTED,
      /** The settings' {@code maxRetries} are used up. */
      RETRIES_USED_UP,
      /** An answer came that is not repeated (a malformed one, a proxy's {@code 407}). */
      ANSWERED,
      /** No request could be built. */
      NOT_SENT,
      /** The caller cancelled the call. */
      CANCELED
    }

    static final Decision TAKE = new Decision(Kind.TAKE, Reason.SUCCESS, null);
    static final Decision GIVE_UP_STATUS = giveUp(Reason.NOT_RETRYABLE);
    static final Decision GIVE_UP_REDIRECT_REFUSED = giveUp(Reason.REDIRECT_REFUSED);
    static final Decision GIVE_UP_MAY_HAVE_ACTED = giveUp(Reason.MAY_HAVE_ACTED);
    static final Decision GIVE_UP_RETRIES_USED = giveUp(Reason.RETRIES_USED_UP);
    static final Decision GIVE_UP_ANSWERED = giveUp(Reason.ANSWERED);
    static final Decision GIVE_UP_NOT_SENT = giveUp(Reason.NOT_SENT);
    static final Decision GIVE_UP_CANCELED = giveUp(Reason.CANCELED);

    final Kind kind;
    final Reason reason;

    /** The wait before the next attempt: zero but for a {@link Kind#RETRY}. */
    final Duration delay;

    /**
     * Where the next attempt goes instead of the call's own URL: a followed redirect's target, or
     * the redirected URL a replay or resend repeats; null for the call's own.
     */
    final @Nullable HttpUrl target;

    Decision(Kind kind, Reason reason, @Nullable HttpUrl target) {
      this(kind, reason, Duration.ZERO, target);
    }

    private Decision(Kind kind, Reason reason, Duration delay, @Nullable HttpUrl target) {
      this.kind = kind;
      this.reason = reason;
      this.delay = delay;
      this.target = target;
    }

    private static Decision giveUp(Reason reason) {
      return new Decision(Kind.GIVE_UP, reason, null);
    }

    static Decision retry(Reason reason, Duration delay) {
      return new Decision(Kind.RETRY, reason, delay, null);
    }

    /** Whether another attempt follows. */
    boolean sendsAgain() {
      return kind != Kind.TAKE && kind != Kind.GIVE_UP;
    }

    /** Whether the next attempt goes at once, on the same rate-limiter turn. */
    boolean atOnce() {
      return kind == Kind.REPLAY || kind == Kind.RESEND_REFUSED || kind == Kind.FOLLOW_REDIRECT;
    }

    @Override
    public String toString() {
      return kind + "(" + reason + (kind == Kind.RETRY ? ", " + delay : "") + ")";
    }
  }
}
