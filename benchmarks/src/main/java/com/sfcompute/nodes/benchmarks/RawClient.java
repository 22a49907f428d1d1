package com.sfcompute.nodes.benchmarks;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.sfcompute.nodes.internal.json.WireFormats;
import com.sfcompute.nodes.model.Node;
import com.sfcompute.nodes.model.NodeList;
import com.sfcompute.nodes.model.RedeployNodeRequest;
import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.Dispatcher;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * The floor every SDK figure is divided by: what a careful user would write with OkHttp and Gson
 * alone. Same requests on the wire as the SDK (Authorization, a User-Agent of the same shape,
 * Accept; for writes an Idempotency-Key and a JSON body), decoded into the same generated models
 * with the same Gson configuration ({@link WireFormats}, as the SDK's own Gson is built). No
 * retries, no error translation beyond "not 2xx", no interceptors.
 *
 * <p>Each instance has its own OkHttpClient and Gson, so two instances are an A/A control.
 */
final class RawClient implements Closeable {
  private static final MediaType JSON = MediaType.get("application/json; charset=UTF-8");

  private static final String USER_AGENT =
      "raw-okhttp-floor/1.0.0 (Java "
          + System.getProperty("java.version")
          + "; "
          + System.getProperty("os.name")
          + " "
          + System.getProperty("os.arch")
          + "; spec 1.0.0+0123456789ab)";

  private final OkHttpClient http;
  private final Gson gson = WireFormats.apply(new GsonBuilder()).create();
  private final String nodesUrl;
  private final String authorization;

  /**
   * A client of {@code baseUrl}. {@code maxConcurrent} is the dispatcher's limit for asynchronous
   * calls, in all and per host, as the SDK's {@code maxConcurrentRequests} (OkHttp's own default is
   * 5 per host); the connection pool is OkHttp's default, as the SDK's.
   */
  RawClient(String baseUrl, String token, int maxConcurrent) {
    this(baseUrl, token, maxConcurrent, true);
  }

  private RawClient(String baseUrl, String token, int maxConcurrent, boolean timeouts) {
    Dispatcher dispatcher = new Dispatcher();
    dispatcher.setMaxRequests(maxConcurrent);
    dispatcher.setMaxRequestsPerHost(maxConcurrent);
    OkHttpClient.Builder builder = new OkHttpClient.Builder().dispatcher(dispatcher);
    if (!timeouts) {
      builder
          .connectTimeout(Duration.ZERO)
          .readTimeout(Duration.ZERO)
          .writeTimeout(Duration.ZERO)
          .callTimeout(Duration.ZERO);
    }
    this.http = builder.build();
    this.nodesUrl = baseUrl + "/v1/nodes";
    this.authorization = "Bearer " + token;
  }

  /**
   * The same floor with none of OkHttp's timeouts (its defaults are 10 s to connect, read and
   * write): no call of it is bounded, so no careful user would ship it, but it pays nothing for
   * Okio's watchdog thread, which OkHttp wakes on almost every read and write of a timed client.
   * What the SDK costs beside it is the SDK's own work, with its bound on each attempt included.
   */
  static RawClient withoutTimeouts(String baseUrl, String token, int maxConcurrent) {
    return new RawClient(baseUrl, token, maxConcurrent, false);
  }

  Node get(String id) throws IOException {
    try (Response response = http.newCall(getRequest(id)).execute()) {
      return decode(response, Node.class);
    }
  }

  CompletableFuture<Node> getAsync(String id) {
    return enqueue(getRequest(id), Node.class);
  }

  NodeList list() throws IOException {
    Request request =
        new Request.Builder()
            .url(nodesUrl)
            .header("Authorization", authorization)
            .header("User-Agent", USER_AGENT)
            .header("Accept", "application/json")
            .build();
    try (Response response = http.newCall(request).execute()) {
      return decode(response, NodeList.class);
    }
  }

  /** Keeps the current user data, sets the image: the body the SDK sends for the same change. */
  static RedeployNodeRequest redeployBody(String imageId) {
    return new RedeployNodeRequest().imageId(imageId).overrideEmpty(false);
  }

  Node redeploy(String id, RedeployNodeRequest body) throws IOException {
    try (Response response = http.newCall(redeployRequest(id, body)).execute()) {
      return decode(response, Node.class);
    }
  }

  CompletableFuture<Node> redeployAsync(String id, RedeployNodeRequest body) {
    return enqueue(redeployRequest(id, body), Node.class);
  }

  @Override
  public void close() {
    http.dispatcher().executorService().shutdown();
    http.connectionPool().evictAll();
  }

  private Request getRequest(String id) {
    return new Request.Builder()
        .url(nodesUrl + "/" + id)
        .header("Authorization", authorization)
        .header("User-Agent", USER_AGENT)
        .header("Accept", "application/json")
        .build();
  }

  private Request redeployRequest(String id, RedeployNodeRequest body) {
    return new Request.Builder()
        .url(nodesUrl + "/" + id + "/redeploy")
        .header("Authorization", authorization)
        .header("User-Agent", USER_AGENT)
        .header("Accept", "application/json")
        .header("Idempotency-Key", "raw-" + UUID.randomUUID())
        .put(RequestBody.create(gson.toJson(body), JSON))
        .build();
  }

  private <T> CompletableFuture<T> enqueue(Request request, Class<T> type) {
    CompletableFuture<T> result = new CompletableFuture<>();
    http.newCall(request)
        .enqueue(
            new Callback() {
              @Override
              public void onResponse(Call call, Response response) {
                try (Response closing = response) {
                  result.complete(decode(closing, type));
                } catch (IOException | RuntimeException e) {
                  result.completeExceptionally(e);
                }
              }

              @Override
              public void onFailure(Call call, IOException e) {
                result.completeExceptionally(e);
              }
            });
    return result;
  }

  private <T> T decode(Response response, Class<T> type) throws IOException {
    ResponseBody body = response.body();
    if (!response.isSuccessful() || body == null) {
      throw new IOException(
          String.format(
              Locale.ROOT,
              "%s %s: HTTP %d",
              response.request().method(),
              response.request().url(),
              response.code()));
    }
    T value = gson.fromJson(body.charStream(), type);
    if (value == null) {
      throw new IOException("empty body from " + response.request().url());
    }
    return value;
  }
}
