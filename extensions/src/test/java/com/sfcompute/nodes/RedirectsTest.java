package com.sfcompute.nodes;

import static com.sfcompute.nodes.TestHttp.clientBuilder;
import static com.sfcompute.nodes.TestHttp.json;
import static com.sfcompute.nodes.TestHttp.take;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sfcompute.nodes.CallTable.Kind;
import com.sfcompute.nodes.CallTable.Op;
import com.sfcompute.nodes.errors.SfcNodesServiceException;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The API never redirects, so a redirect comes from something in between: calls with side effects
 * never follow one, and reads follow only same-origin redirects, a few times, never taking the
 * token or a body to another origin.
 */
class RedirectsTest {
  private static final int[] REDIRECTS = {301, 302, 303, 307, 308};

  private final MockWebServer origin = new MockWebServer();
  private final MockWebServer elsewhere = new MockWebServer();
  private final List<Duration> waits = Collections.synchronizedList(new ArrayList<>());
  private SfcNodes client;

  @BeforeEach
  void setUp() throws IOException {
    origin.start();
    elsewhere.start();
    client = client(2);
  }

  @AfterEach
  void tearDown() throws IOException {
    client.close();
    origin.shutdown();
    elsewhere.shutdown();
  }

  private SfcNodes client(int maxRetries) {
    return clientBuilder(origin, "sk-test")
        .maxRetries(maxRetries)
        .timeout(Duration.ofSeconds(5))
        .sleeper(waits::add)
        .jitter(() -> 0.0)
        .build();
  }

  private static MockResponse redirect(int status, String location) {
    return new MockResponse().setResponseCode(status).setHeader("Location", location);
  }

  static Stream<Arguments> writesAndRedirects() {
    List<Arguments> rows = new ArrayList<>();
    for (Arguments row : CallTable.rows(op -> !op.read())) {
      for (int status : REDIRECTS) {
        rows.add(Arguments.of(row.get()[0], row.get()[1], status));
      }
    }
    return rows.stream();
  }

  private static void assertNamesTheRedirect(
      SfcNodesServiceException e, int status, String location) {
    assertEquals(status, e.statusCode());
    assertTrue(e.getMessage().contains(String.valueOf(status)), e.getMessage());
    assertTrue(e.getMessage().contains(location), e.getMessage());
  }

  @ParameterizedTest(name = "{2} on {0} {1}")
  @MethodSource("writesAndRedirects")
  void aWriteNeverFollowsARedirectToAnotherOrigin(Kind kind, Op op, int status) throws Exception {
    String location = elsewhere.url(op.path).toString();
    origin.enqueue(redirect(status, location));
    elsewhere.enqueue(op.answer()); // What a followed redirect would be "answered".
    elsewhere.enqueue(op.answer());

    SfcNodesServiceException e =
        assertThrows(SfcNodesServiceException.class, () -> op.call(client, kind));

    assertNamesTheRedirect(e, status, location);
    assertEquals(1, origin.getRequestCount(), "the write was sent once");
    assertEquals(0, elsewhere.getRequestCount(), "the other origin received nothing");
    assertNotNull(take(origin).getHeader("Idempotency-Key"));
  }

  @ParameterizedTest(name = "{0} on a write to the same origin")
  @ValueSource(ints = {301, 302, 303, 307, 308})
  void aWriteNeverFollowsARedirectOnTheSameOrigin(int status) {
    origin.enqueue(redirect(status, "/v1/nodes-moved"));
    origin.enqueue(json(200, CallTable.NODE_LIST)); // A followed 303 would "list" instead of buy.
    origin.enqueue(json(201, CallTable.NODE_LIST));

    SfcNodesServiceException e =
        assertThrows(SfcNodesServiceException.class, () -> Op.CREATE.call(client, Kind.SYNC));

    assertNamesTheRedirect(e, status, "/v1/nodes-moved");
    assertEquals(1, origin.getRequestCount(), "nothing was bought, or listed, a second time");
  }

  /** Regression guard (passes today): a same-origin redirect of a read is followed. */
  @ParameterizedTest
  @EnumSource(Kind.class)
  void aReadFollowsASameOriginRedirectWithTheToken(Kind kind) throws Exception {
    origin.enqueue(redirect(302, "/v1/nodes/n_1?moved=1"));
    origin.enqueue(json(CallTable.NODE));

    assertNotNull(Op.GET.call(client, kind));

    assertEquals(2, origin.getRequestCount());
    take(origin);
    RecordedRequest followed = take(origin);
    assertEquals("/v1/nodes/n_1?moved=1", followed.getPath());
    assertEquals("Bearer sk-test", followed.getHeader("Authorization"));
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void aReadDoesNotFollowARedirectToAnotherOrigin(Kind kind) {
    String location = elsewhere.url("/v1/nodes/n_1").toString();
    origin.enqueue(redirect(302, location));
    elsewhere.enqueue(json(CallTable.NODE));

    SfcNodesServiceException e =
        assertThrows(SfcNodesServiceException.class, () -> Op.GET.call(client, kind));

    assertNamesTheRedirect(e, 302, location);
    assertEquals(0, elsewhere.getRequestCount(), "the other origin received nothing");
    assertEquals(1, origin.getRequestCount());
  }

  @Test
  void aRedirectLoopOnAReadEndsInAnErrorAfterAFewHops() {
    try (SfcNodes once = client(0)) {
      for (int i = 0; i < 25; i++) {
        origin.enqueue(redirect(307, "/v1/nodes/n_1"));
      }

      SfcNodesServiceException e =
          assertThrows(SfcNodesServiceException.class, () -> once.nodes().get("n_1"));

      assertEquals(307, e.statusCode());
    }
    int hops = origin.getRequestCount();
    assertTrue(hops >= 2 && hops <= 11, hops + " requests for one read");
  }

  @Test
  void aRedirectLoopOnAWriteIsNotFollowedAtAll() {
    for (int i = 0; i < 25; i++) {
      origin.enqueue(redirect(307, "/v1/nodes"));
    }

    SfcNodesServiceException e =
        assertThrows(SfcNodesServiceException.class, () -> Op.CREATE.call(client, Kind.SYNC));

    assertEquals(307, e.statusCode());
    assertEquals(1, origin.getRequestCount(), "one create, not 21");
  }
}
