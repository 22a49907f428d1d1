package com.sfcompute.nodes.internal.http;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import okhttp3.Request;
import okio.Timeout;
import org.jspecify.annotations.Nullable;
import retrofit2.Call;
import retrofit2.Callback;
import retrofit2.Response;

/**
 * A call of a generated interface as {@link Transport#api} implements it: the operation and its
 * arguments, nothing sent yet. {@link Transport} runs it: each attempt builds its request from
 * these; {@link #execute()} and {@link #enqueue} run it the same way on the transport that created
 * the interface (retries, typed exceptions), for code that holds only the {@link Call}.
 */
final class GeneratedCall<T extends @Nullable Object> implements Call<T> {
  final Transport transport;
  final Endpoint endpoint;
  final @Nullable Object[] args;
  private final AtomicBoolean executed = new AtomicBoolean();
  private volatile boolean canceled;
  private volatile java.util.concurrent.@Nullable Future<?> running;

  GeneratedCall(Transport transport, Endpoint endpoint, @Nullable Object[] args) {
    this.transport = transport;
    this.endpoint = endpoint;
    this.args = args;
  }

  @Override
  public Response<T> execute() throws IOException {
    markExecuted();
    return transport.runForResponse(this);
  }

  @Override
  public void enqueue(Callback<T> callback) {
    markExecuted();
    CompletableFuture<Response<T>> future = transport.runForResponseAsync(this);
    running = future;
    if (canceled) {
      future.cancel(false);
    }
    CompletableFuture<?> unused =
        future.whenComplete(
            (response, failure) -> {
              if (failure != null) {
                callback.onFailure(this, unwrap(failure));
              } else {
                callback.onResponse(this, response);
              }
            });
  }

  private static Throwable unwrap(Throwable failure) {
    return failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
        ? failure.getCause()
        : failure;
  }

  private void markExecuted() {
    if (!executed.compareAndSet(false, true)) {
      throw new IllegalStateException("Already executed.");
    }
  }

  @Override
  public boolean isExecuted() {
    return executed.get();
  }

  @Override
  public void cancel() {
    canceled = true;
    java.util.concurrent.Future<?> f = running;
    if (f != null) {
      f.cancel(false);
    }
  }

  @Override
  public boolean isCanceled() {
    return canceled;
  }

  @Override
  public Call<T> clone() {
    return new GeneratedCall<>(transport, endpoint, args);
  }

  @Override
  public Request request() {
    return transport.requestOf(this);
  }

  @Override
  public Timeout timeout() {
    return Timeout.NONE;
  }

  @Override
  public String toString() {
    return "GeneratedCall{" + endpoint + "}";
  }
}
