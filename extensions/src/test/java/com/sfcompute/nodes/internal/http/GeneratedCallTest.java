package com.sfcompute.nodes.internal.http;

import static com.sfcompute.nodes.TestHttp.envelope;
import static com.sfcompute.nodes.TestHttp.json;
import static com.sfcompute.nodes.TestHttp.nodeJson;
import static com.sfcompute.nodes.TestHttp.take;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sfcompute.nodes.Sleeper;
import com.sfcompute.nodes.errors.NotFoundException;
import com.sfcompute.nodes.internal.api.NodesApi;
import com.sfcompute.nodes.model.Node;
import java.io.IOException;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import okhttp3.mockwebserver.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import retrofit2.Call;
import retrofit2.Callback;
import retrofit2.Response;

/**
 * A call of an interface {@link Transport#api} implements, run on its own through Retrofit's {@link
 * Call} methods: as the SDK runs it (the transport's headers, typed exceptions), once.
 */
class GeneratedCallTest {
  private final MockWebServer server = new MockWebServer();
  private Transport transport;
  private NodesApi nodes;

  @BeforeEach
  void setUp() throws IOException {
    server.start();
    transport =
        Transport.builder()
            .token("sk-test-generated-call-0123456789")
            .baseUrl(server.url("/"))
            .maxRetries(0)
            .time(
                Clock.systemUTC(),
                Sleeper.SYSTEM,
                (task, delay) -> CompletableFuture.completedFuture(null))
            .build();
    nodes = transport.api(NodesApi.class);
  }

  @AfterEach
  void tearDown() throws IOException {
    transport.close();
    server.shutdown();
  }

  @Test
  void executeSendsTheRequestWithTheTransportsHeadersAndDecodesTheNode() throws Exception {
    server.enqueue(json(nodeJson("n_1")));
    Call<Node> call = nodes.getNode("n_1");

    Response<Node> response = call.execute();

    assertEquals(200, response.code());
    assertEquals("n_1", response.body().getId());
    assertTrue(call.isExecuted());
    assertEquals(
        "Bearer sk-test-generated-call-0123456789", take(server).getHeader("Authorization"));
    assertThrows(IllegalStateException.class, call::execute);
    assertEquals(1, server.getRequestCount());
  }

  @Test
  void anErrorStatusIsTheSdksTypedException() {
    server.enqueue(envelope(404, "not_found", "no such node"));
    assertThrows(NotFoundException.class, () -> nodes.getNode("n_gone").execute());
  }

  @Test
  void enqueueCallsBackOnceWithTheAnswerOrTheFailure() throws Exception {
    server.enqueue(json(nodeJson("n_2")));
    server.enqueue(envelope(404, "not_found", "no such node"));
    CompletableFuture<Object> answered = new CompletableFuture<>();
    CompletableFuture<Object> failed = new CompletableFuture<>();

    nodes.getNode("n_2").enqueue(into(answered));
    Object first = answered.get(10, TimeUnit.SECONDS);
    nodes.getNode("n_gone").enqueue(into(failed));
    Object second = failed.get(10, TimeUnit.SECONDS);

    assertEquals("n_2", ((Node) ((Response<?>) first).body()).getId());
    assertInstanceOf(NotFoundException.class, second);
  }

  @Test
  void aCloneIsAFreshCallOfTheSameOperation() throws Exception {
    server.enqueue(json(nodeJson("n_3")));
    Call<Node> call = nodes.getNode("n_3");
    call.cancel();
    assertTrue(call.isCanceled());

    Call<Node> clone = call.clone();

    assertFalse(clone.isExecuted());
    assertFalse(clone.isCanceled());
    assertEquals("n_3", clone.execute().body().getId());
    assertEquals("/v1/nodes/n_3", take(server).getPath());
  }

  private static Callback<Node> into(CompletableFuture<Object> result) {
    return new Callback<Node>() {
      @Override
      public void onResponse(Call<Node> call, Response<Node> response) {
        if (!result.complete(response)) {
          throw new AssertionError("called back twice");
        }
      }

      @Override
      public void onFailure(Call<Node> call, Throwable failure) {
        if (!result.complete(failure)) {
          throw new AssertionError("called back twice");
        }
      }
    };
  }
}
