package com.sfcompute.nodes;

import static com.sfcompute.nodes.TestHttp.clientBuilder;
import static com.sfcompute.nodes.TestHttp.envelope;
import static com.sfcompute.nodes.TestHttp.json;
import static com.sfcompute.nodes.TestHttp.take;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;

import com.google.gson.JsonParser;
import com.sfcompute.nodes.errors.NotFoundException;
import com.sfcompute.nodes.errors.OutcomeUnknownException;
import com.sfcompute.nodes.errors.SfcNodesInvalidDataException;
import com.sfcompute.nodes.errors.SfcNodesServiceException;
import com.sfcompute.nodes.model.Node;
import com.sfcompute.nodes.model.NodeList;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import okhttp3.Call;
import okhttp3.EventListener;
import okhttp3.OkHttpClient;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The async forms: same requests, same values, same typed errors; cancel cancels the call. */
class AsyncCallsTest {
  private static final String TOKEN = "sk-test-SECRET-123";
  private static final String NODE =
      "{\"object\":\"node\",\"id\":\"n_1\",\"name\":\"cuda-crunch\",\"owner\":\"me\","
          + "\"gpu_type\":\"H100\",\"status\":\"running\",\"node_type\":\"autoreserved\","
          + "\"current_vm\":{\"object\":\"vm\",\"id\":\"vm_1\",\"status\":\"Running\","
          + "\"created_at\":1,\"updated_at\":2,\"start_at\":1,\"end_at\":null,"
          + "\"image_id\":\"vmi_current\",\"zone\":\"hayesvalley\"}}";

  private final MockWebServer server = new MockWebServer();

  /** Opened by a test to let a held answer go; always opened at the end. */
  private final CountDownLatch releaseAnswers = new CountDownLatch(1);

  private SfcNodes client;

  @BeforeEach
  void setUp() throws IOException {
    server.start();
    client = builder().build();
  }

  @AfterEach
  void tearDown() throws IOException {
    releaseAnswers.countDown();
    client.close();
    server.shutdown();
  }

  // Success

  @Test
  void getAsyncCompletesWithTheNode() throws Exception {
    server.enqueue(json(200, NODE));

    Node node = await(client.nodes().getAsync("cuda-crunch"));

    assertEquals("n_1", node.getId());
    RecordedRequest request = take(server);
    assertEquals("GET", request.getMethod());
    assertEquals("/v1/nodes/cuda-crunch", request.getPath());
    assertEquals("Bearer " + TOKEN, request.getHeader("Authorization"));
    assertNull(request.getHeader("Idempotency-Key"));
  }

  @Test
  void listAsyncCompletesWithTheNodesAndSendsTheFilter() throws Exception {
    server.enqueue(json(200, "{\"object\":\"list\",\"data\":[" + NODE + "," + NODE + "]}"));
    server.enqueue(json(200, "{\"object\":\"list\",\"data\":[]}"));

    NodeList filtered =
        await(client.nodes().listAsync(ListNodesParams.builder().names("a", "b").build()));
    NodeList all = await(client.nodes().listAsync());

    assertEquals(2, filtered.getData().size());
    assertTrue(all.getData().isEmpty());
    assertEquals("/v1/nodes?name=a&name=b", take(server).getPath());
    assertEquals("/v1/nodes", take(server).getPath());
  }

  @Test
  void deleteAsyncCompletesWithNullOn204() throws Exception {
    server.enqueue(new MockResponse().setResponseCode(204));
    server.enqueue(new MockResponse().setResponseCode(204));

    assertNull(await(client.nodes().deleteAsync("n_1")));
    assertNull(await(client.nodes().deleteAsync("n_2", "delete-key")));

    RecordedRequest first = take(server);
    assertEquals("DELETE", first.getMethod());
    assertEquals("/v1/nodes/n_1", first.getPath());
    assertNotNull(first.getHeader("Idempotency-Key"));
    assertEquals("delete-key", take(server).getHeader("Idempotency-Key"));
  }

  @Test
  void everyOtherOperationHasAWorkingAsyncForm() throws Exception {
    server.enqueue(json(201, "{\"object\":\"list\",\"data\":[" + NODE + "]}"));
    server.enqueue(json(200, NODE));
    server.enqueue(json(200, NODE));
    server.enqueue(json(200, NODE));
    server.enqueue(json(200, "{\"data\":[]}"));
    server.enqueue(json(200, "{\"ssh_hostname\":\"h\",\"ssh_port\":22}"));
    server.enqueue(json(200, "{\"script\":[104,105]}"));
    server.enqueue(json(200, "{\"script\":\"hi\"}"));
    server.enqueue(json(200, "{\"object\":\"list\",\"has_more\":false,\"data\":[]}"));
    server.enqueue(
        json(
            200,
            "{\"object\":\"image\",\"image_id\":\"vmi_1\",\"name\":\"n\",\"download_url\":\"u\","
                + "\"expires_at\":\"2025-02-08T01:00:00Z\",\"object_size\":1,"
                + "\"sha256_hash\":\"h\"}"));
    server.enqueue(json(200, "{\"object\":\"list\",\"data\":[]}"));
    server.enqueue(
        json(
            200,
            "{\"object\":\"zone\",\"name\":\"z\",\"available_capacity\":[],"
                + "\"region\":\"NorthAmerica\",\"hardware_type\":\"H100\","
                + "\"interconnect_type\":\"None\",\"delivery_type\":\"VM\"}"));

    assertEquals(
        1,
        await(
                client
                    .nodes()
                    .createAsync(
                        CreateNodesParams.builder().desiredCount(1).maxPricePerNodeHour(1).build()))
            .getData()
            .size());
    assertEquals(
        "n_1",
        await(
                client
                    .nodes()
                    .extendAsync(
                        "n_1",
                        ExtendNodeParams.builder()
                            .durationSeconds(3600)
                            .maxPricePerNodeHour(1)
                            .build()))
            .getId());
    assertEquals("n_1", await(client.nodes().releaseAsync("n_1")).getId());
    assertEquals(
        "n_1", await(client.nodes().redeployAsync("n_1", RedeployParams.inheritAll())).getId());
    assertTrue(
        await(client.vms().logsAsync(VmLogsParams.builder("vm_1").build())).getData().isEmpty());
    assertEquals(22, await(client.vms().sshAsync("vm_1")).getSshPort());
    assertEquals("hi", await(client.vms().script().getAsync()).text());
    assertEquals("hi", await(client.vms().script().createAsync(StartupScript.ofText("hi"))).text());
    assertTrue(await(client.vms().images().listAsync()).getData().isEmpty());
    assertEquals("vmi_1", await(client.vms().images().getAsync("vmi_1")).getImageId());
    assertTrue(await(client.zones().listAsync()).getData().isEmpty());
    assertEquals("z", await(client.zones().getAsync("z")).getName());

    String[] expected = {
      "POST /v1/nodes",
      "PATCH /v1/nodes/n_1/extend",
      "PATCH /v1/nodes/n_1/release",
      "PUT /v1/nodes/n_1/redeploy",
      "GET /v0/vms/logs2?instance_id=vm_1&order_by=seqnum_asc",
      "GET /v0/vms/ssh?vm_id=vm_1",
      "GET /v0/vms/script",
      "POST /v0/vms/script",
      "GET /v1/vms/images",
      "GET /v1/vms/images/vmi_1",
      "GET /v0/zones",
      "GET /v0/zones/z"
    };
    for (String line : expected) {
      RecordedRequest request = take(server);
      assertEquals(line, request.getMethod() + " " + request.getPath());
      assertEquals(
          !request.getMethod().equals("GET"),
          request.getHeader("Idempotency-Key") != null,
          line + " idempotency key");
    }
  }

  // Errors

  @Test
  void http404AsyncFailsWithTheSameTypedExceptionAsSync() throws Exception {
    server.enqueue(envelope(404, "not_found", "Node not found"));
    server.enqueue(envelope(404, "not_found", "Node not found"));

    NotFoundException sync = assertThrows(NotFoundException.class, () -> client.nodes().get("x"));
    Throwable async = failure(client.nodes().getAsync("x"));

    assertInstanceOf(NotFoundException.class, async);
    assertEquals("404 not_found: Node not found (GET /v1/nodes/x)", async.getMessage());
    assertEquals(sync.getMessage(), async.getMessage());
    assertEquals(404, ((SfcNodesServiceException) async).statusCode());
    assertEquals("not_found", ((SfcNodesServiceException) async).type());
  }

  @Test
  void http404AsyncReachesExceptionallyAsTheCauseOfACompletionException() throws Exception {
    server.enqueue(envelope(404, "not_found", "Node not found"));

    Throwable seen =
        client.nodes().getAsync("x").handle((node, error) -> error).get(5, TimeUnit.SECONDS);

    Throwable cause =
        seen instanceof java.util.concurrent.CompletionException ? seen.getCause() : seen;
    assertInstanceOf(NotFoundException.class, cause);
  }

  @Test
  void http500OnAnAsyncWriteIsOutcomeUnknownAsInSync() throws Exception {
    server.enqueue(envelope(500, "api_error", "boom"));

    Throwable async = failure(client.nodes().releaseAsync("n_1", "release-key"));

    OutcomeUnknownException e = assertInstanceOf(OutcomeUnknownException.class, async);
    assertEquals("release-key", e.idempotencyKey());
  }

  @Test
  void anInvalidBodyFailsTheFutureWithInvalidData() throws Exception {
    server.enqueue(json(200, "{\"object\":\"node\",\"id\":"));

    Throwable async = failure(client.nodes().getAsync("n_1"));

    assertInstanceOf(SfcNodesInvalidDataException.class, async);
    assertTrue(async.getMessage().contains("GET /v1/nodes/n_1"), async.getMessage());
  }

  @Test
  void anInvalidScriptFailsTheFutureWithInvalidData() throws Exception {
    server.enqueue(json(200, "{\"script\":[1,2,300]}"));

    Throwable async = failure(client.vms().script().getAsync());

    assertInstanceOf(SfcNodesInvalidDataException.class, async);
    assertTrue(async.getMessage().contains("script[2]"), async.getMessage());
  }

  @Test
  void badArgumentsThrowAtOnceInsteadOfFailingTheFuture() {
    assertThrows(IllegalArgumentException.class, () -> client.nodes().getAsync(""));
    assertThrows(IllegalArgumentException.class, () -> client.zones().getAsync("."));
    assertEquals(0, server.getRequestCount());
  }

  // Cancellation

  @Test
  void cancellingGetAsyncCancelsTheHttpCall() throws Exception {
    CountDownLatch arrived = holdAnswers(json(200, NODE));
    CallEvents events = new CallEvents();
    OkHttpClient okHttp = new OkHttpClient.Builder().eventListener(events).build();
    try (SfcNodes observed = builder().httpClient(okHttp).build()) {
      CompletableFuture<Node> future = observed.nodes().getAsync("n_1");
      assertTrue(arrived.await(5, TimeUnit.SECONDS), "the request never reached the server");

      assertTrue(future.cancel(true));

      assertTrue(events.canceled.await(5, TimeUnit.SECONDS), "the HTTP call was not cancelled");
      assertTrue(events.failed.await(5, TimeUnit.SECONDS), "the HTTP call did not stop");
      releaseAnswers.countDown();
      assertTrue(future.isCancelled());
      assertThrows(CancellationException.class, future::join);
      assertEquals(0, events.ended.get(), "a cancelled call must not complete");
      assertEquals(1, server.getRequestCount());
    } finally {
      shutdown(okHttp);
    }
  }

  @Test
  void cancellingScriptGetAsyncCancelsTheHttpCall() throws Exception {
    CountDownLatch arrived = holdAnswers(json(200, "{\"script\":\"x\"}"));
    CallEvents events = new CallEvents();
    OkHttpClient okHttp = new OkHttpClient.Builder().eventListener(events).build();
    try (SfcNodes observed = builder().httpClient(okHttp).build()) {
      CompletableFuture<StartupScript> future = observed.vms().script().getAsync();
      assertTrue(arrived.await(5, TimeUnit.SECONDS), "the request never reached the server");

      assertTrue(future.cancel(true));

      assertTrue(events.canceled.await(5, TimeUnit.SECONDS), "the HTTP call was not cancelled");
      assertTrue(future.isCancelled());
    } finally {
      shutdown(okHttp);
    }
  }

  @Test
  void cancellingARedeployWhileItReadsTheNodeCancelsTheReadAndNeverRedeploys() throws Exception {
    CountDownLatch arrived = holdAnswers(json(200, NODE));
    CallEvents events = new CallEvents();
    OkHttpClient okHttp = new OkHttpClient.Builder().eventListener(events).build();
    RedeployParams params =
        RedeployParams.builder().clearUserData().resolveInheritedImage(true).build();
    try (SfcNodes observed = builder().httpClient(okHttp).build()) {
      CompletableFuture<Node> future = observed.nodes().redeployAsync("n_1", params);
      assertTrue(arrived.await(5, TimeUnit.SECONDS), "the read never reached the server");

      assertTrue(future.cancel(true));

      assertTrue(events.canceled.await(5, TimeUnit.SECONDS), "the read was not cancelled");
      assertTrue(events.failed.await(5, TimeUnit.SECONDS), "the read did not stop");
      releaseAnswers.countDown();
      assertTrue(future.isCancelled());
      // The PUT can only start once the read succeeded, and the read failed.
      assertEquals(1, server.getRequestCount());
      assertEquals("GET", take(server).getMethod());
    } finally {
      shutdown(okHttp);
    }
  }

  /**
   * Cancelling a call makes OkHttp fail it, on another thread. The future must be marked cancelled
   * before that failure can complete it: here the listener holds the cancelling thread inside
   * {@code call.cancel()} until the future is done, so a future cancelled after its call would
   * report an I/O error instead of the cancellation.
   */
  @Test
  void cancellationWinsOverTheFailureItCauses() throws Exception {
    CountDownLatch arrived = holdAnswers(json(200, NODE));
    AtomicReference<CompletableFuture<?>> inFlight = new AtomicReference<>();
    OkHttpClient okHttp =
        new OkHttpClient.Builder()
            .eventListener(
                new EventListener() {
                  @Override
                  public void canceled(Call call) {
                    CompletableFuture<?> future = inFlight.get();
                    try {
                      future.handle((value, error) -> null).get(5, TimeUnit.SECONDS);
                    } catch (Exception e) {
                      throw new AssertionError(e);
                    }
                  }
                })
            .build();
    try (SfcNodes viaOwnClient =
        SfcNodes.builder()
            .bearerToken("sk-test")
            .baseUrl(server.url("/").toString())
            .maxRetries(0)
            .httpClient(okHttp)
            .build()) {
      CompletableFuture<Node> future = viaOwnClient.nodes().getAsync("n_1");
      inFlight.set(future);
      assertTrue(arrived.await(5, TimeUnit.SECONDS), "the request never reached the server");

      assertTrue(future.cancel(true), "the call's failure completed the future first");

      assertTrue(future.isCancelled());
    } finally {
      releaseAnswers.countDown();
      shutdown(okHttp);
    }
  }

  @Test
  void cancellingAnAlreadyCompletedFutureChangesNothing() throws Exception {
    server.enqueue(json(200, NODE));
    CompletableFuture<Node> future = client.nodes().getAsync("n_1");
    Node node = await(future);

    assertFalse(future.cancel(true));

    assertEquals(node, future.join());
  }

  // redeployAsync reading the current image

  @Test
  void redeployAsyncKeepingTheImageReadsTheNodeThenPutsItsImage() throws Exception {
    server.enqueue(json(200, NODE));
    server.enqueue(json(200, NODE));
    RedeployParams params =
        RedeployParams.builder()
            .clearUserData()
            .resolveInheritedImage(true)
            .idempotencyKey("redeploy-key")
            .build();

    Node node = await(client.nodes().redeployAsync("cuda-crunch", params));

    assertEquals("n_1", node.getId());
    assertEquals(2, server.getRequestCount());
    RecordedRequest get = take(server);
    assertEquals("GET", get.getMethod());
    assertEquals("/v1/nodes/cuda-crunch", get.getPath());
    assertNull(get.getHeader("Idempotency-Key"));
    RecordedRequest put = take(server);
    assertEquals("PUT", put.getMethod());
    assertEquals("/v1/nodes/n_1/redeploy", put.getPath()); // By the id the read answered.
    assertEquals("redeploy-key", put.getHeader("Idempotency-Key"));
    assertEquals(
        JsonParser.parseString("{\"image_id\":\"vmi_current\",\"override_empty\":true}"),
        JsonParser.parseString(put.getBody().readUtf8()));
  }

  @Test
  void redeployAsyncWhoseReadFailsNeverRedeploys() throws Exception {
    server.enqueue(envelope(404, "not_found", "Node not found"));
    RedeployParams params =
        RedeployParams.builder().clearUserData().resolveInheritedImage(true).build();

    Throwable async = failure(client.nodes().redeployAsync("n_1", params));

    assertInstanceOf(NotFoundException.class, async);
    assertEquals(1, server.getRequestCount());
  }

  @Test
  void redeployAsyncWithoutTheNeedForTheImageSendsOnlyThePut() throws Exception {
    server.enqueue(json(200, NODE));

    await(
        client
            .nodes()
            .redeployAsync("n_1", RedeployParams.builder().image("vmi_2").clearUserData().build()));

    RecordedRequest put = take(server);
    assertEquals("PUT", put.getMethod());
    assertEquals(1, server.getRequestCount());
  }

  // Retries

  @Test
  void asyncReadsAreRetriedWithTheInjectedSleeper() throws Exception {
    server.enqueue(envelope(503, "service_unavailable", "x"));
    server.enqueue(json(200, NODE));
    Sleeper sleeper = mock(Sleeper.class);

    // A sleeper that does not move the clock: a clock that stands still, as fake time's does
    // between sleeps (the scheduler sleeps until each wait's end on the client's clock).
    try (SfcNodes retrying =
        builder()
            .maxRetries(2)
            .clock(java.time.Clock.fixed(java.time.Instant.EPOCH, java.time.ZoneOffset.UTC))
            .sleeper(sleeper)
            .jitter(() -> 0)
            .build()) {
      Node node = await(retrying.nodes().getAsync("n_1"));

      assertEquals("n_1", node.getId());
    }
    verify(sleeper).sleep(Duration.ofMillis(500));
    assertEquals(2, server.getRequestCount());
  }

  @Test
  void asyncWritesAreNotRetriedAfterA5xx() throws Exception {
    server.enqueue(envelope(503, "service_unavailable", "x"));
    Sleeper sleeper = mock(Sleeper.class);

    try (SfcNodes retrying = builder().maxRetries(2).sleeper(sleeper).build()) {
      Throwable async = failure(retrying.nodes().releaseAsync("n_1"));

      assertInstanceOf(OutcomeUnknownException.class, async);
    }
    verifyNoInteractions(sleeper);
    assertEquals(1, server.getRequestCount());
  }

  // Helpers

  /** Every request is answered with {@code answer}, but only once the test releases answers. */
  private CountDownLatch holdAnswers(MockResponse answer) {
    CountDownLatch arrived = new CountDownLatch(1);
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
            arrived.countDown();
            releaseAnswers.await(10, TimeUnit.SECONDS);
            return answer;
          }
        });
    return arrived;
  }

  /** What OkHttp reports about the calls of one client. */
  private static final class CallEvents extends EventListener {
    final CountDownLatch canceled = new CountDownLatch(1);
    final CountDownLatch failed = new CountDownLatch(1);
    final AtomicInteger ended = new AtomicInteger();

    @Override
    public void canceled(Call call) {
      canceled.countDown();
    }

    @Override
    public void callFailed(Call call, IOException e) {
      failed.countDown();
    }

    @Override
    public void callEnd(Call call) {
      ended.incrementAndGet();
    }
  }

  @Test
  void closingTheClientWhileAnAsyncCallWaitsToRetryFailsItInsteadOfLeavingItPending()
      throws Exception {
    server.enqueue(envelope(503, "service_unavailable", "busy"));
    CountDownLatch waiting = new CountDownLatch(1);
    CountDownLatch never = new CountDownLatch(1);
    SfcNodes retrying =
        builder()
            .maxRetries(2)
            .sleeper(
                duration -> {
                  waiting.countDown();
                  never.await(); // Interrupted by close().
                })
            .build();
    CompletableFuture<Node> future = retrying.nodes().getAsync("n_1");
    assertTrue(waiting.await(5, TimeUnit.SECONDS), "the retry never started waiting");

    retrying.close();

    ExecutionException e =
        assertThrows(ExecutionException.class, () -> future.get(5, TimeUnit.SECONDS));
    assertInstanceOf(IllegalStateException.class, e.getCause());
    assertEquals(1, server.getRequestCount());
  }

  private SfcNodes.Builder builder() {
    return clientBuilder(server, TOKEN);
  }

  private static <T> T await(CompletableFuture<T> future) throws Exception {
    return future.get(5, TimeUnit.SECONDS);
  }

  /** The exception a future failed with, as {@code get()} reports it. */
  private static Throwable failure(CompletableFuture<?> future) {
    ExecutionException e =
        assertThrows(ExecutionException.class, () -> future.get(5, TimeUnit.SECONDS));
    return e.getCause();
  }

  private static void shutdown(OkHttpClient okHttp) {
    okHttp.dispatcher().executorService().shutdown();
    okHttp.connectionPool().evictAll();
  }
}
