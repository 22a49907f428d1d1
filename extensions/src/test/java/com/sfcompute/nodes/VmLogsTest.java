package com.sfcompute.nodes;

import static com.sfcompute.nodes.TestHttp.clientBuilder;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sfcompute.nodes.errors.NotFoundException;
import com.sfcompute.nodes.model.VmLogChunk;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import okhttp3.HttpUrl;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A VM's log read across pages, followed as it grows, and decoded to text. */
class VmLogsTest {
  private final MockWebServer server = new MockWebServer();

  /** The log: one line per seqnum 1..n. */
  private final List<String> lines = new CopyOnWriteArrayList<>();

  private final List<String> queries = new CopyOnWriteArrayList<>();
  private final FakeTime time = new FakeTime();
  private SfcNodes client;

  @BeforeEach
  void setUp() throws IOException {
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            HttpUrl url = request.getRequestUrl();
            queries.add(url.encodedQuery());
            if (!"vm_1".equals(url.queryParameter("instance_id"))) {
              return new MockResponse()
                  .setResponseCode(404)
                  .setBody("{\"error\":{\"type\":\"not_found\",\"message\":\"VM not found\"}}");
            }
            boolean asc = "seqnum_asc".equals(url.queryParameter("order_by"));
            long since = param(url, "since_seqnum", 0);
            long before = param(url, "before_seqnum", Long.MAX_VALUE);
            long limit = param(url, "limit", 1000);
            List<Long> picked = new ArrayList<>();
            for (long s = 1; s <= lines.size(); s++) {
              if (s >= since && s < before) {
                picked.add(s);
              }
            }
            if (!asc) {
              java.util.Collections.reverse(picked);
            }
            StringBuilder body = new StringBuilder("{\"data\":[");
            for (int i = 0; i < Math.min(limit, picked.size()); i++) {
              long s = picked.get(i);
              body.append(i == 0 ? "" : ",").append(chunk(s, lines.get((int) s - 1)));
            }
            return new MockResponse()
                .setHeader("Content-Type", "application/json")
                .setBody(body.append("]}").toString());
          }
        });
    server.start();
    client = time.install(clientBuilder(server, "sk-test")).build();
  }

  @AfterEach
  void tearDown() throws IOException {
    client.close();
    server.shutdown();
  }

  @Test
  void iteratingAscendingReadsEveryPageBySinceSeqnum() {
    for (int i = 1; i <= 7; i++) {
      lines.add("line " + i + "\n");
    }

    List<Long> seqnums = new ArrayList<>();
    StringBuilder text = new StringBuilder();
    VmLogText.Decoder decoder = VmLogText.decoder();
    for (VmLogChunk chunk :
        client.vms().iterateLogs(VmLogsParams.builder("vm_1").limit(3).build())) {
      seqnums.add(chunk.getSeqnum());
      text.append(decoder.decode(chunk));
    }

    assertEquals(Arrays.asList(1L, 2L, 3L, 4L, 5L, 6L, 7L), seqnums);
    assertEquals(String.join("", lines), text.toString());
    assertEquals(
        Arrays.asList(
            "instance_id=vm_1&order_by=seqnum_asc&limit=3",
            "instance_id=vm_1&order_by=seqnum_asc&limit=3&since_seqnum=4",
            "instance_id=vm_1&order_by=seqnum_asc&limit=3&since_seqnum=7",
            "instance_id=vm_1&order_by=seqnum_asc&limit=3&since_seqnum=8"),
        queries);
  }

  @Test
  void iteratingDescendingMovesBeforeSeqnumAndKeepsTheLowerBound() {
    for (int i = 1; i <= 6; i++) {
      lines.add("l" + i);
    }

    List<Long> seqnums = new ArrayList<>();
    for (VmLogChunk chunk :
        client
            .vms()
            .iterateLogs(
                VmLogsParams.builder("vm_1").descending().sinceSeqnum(2).limit(2).build())) {
      seqnums.add(chunk.getSeqnum());
    }

    assertEquals(Arrays.asList(6L, 5L, 4L, 3L, 2L), seqnums);
    assertTrue(queries.get(1).contains("before_seqnum=5"), queries.get(1));
    assertTrue(queries.get(1).contains("since_seqnum=2"), queries.get(1));
  }

  @Test
  void iterationIsLazyAndEndsAtAnEmptyPage() {
    for (int i = 1; i <= 3; i++) {
      lines.add("l" + i);
    }
    Iterable<VmLogChunk> logs = client.vms().iterateLogs(VmLogsParams.builder("vm_1").build());
    assertEquals(0, server.getRequestCount(), "nothing read before iterating");

    List<VmLogChunk> all = new ArrayList<>();
    logs.forEach(all::add);

    assertEquals(3, all.size());
    assertEquals(2, server.getRequestCount(), "one page, then an empty one");
  }

  @Test
  void aCharacterSplitAcrossChunksDecodesWhole() {
    byte[] euro = "€".getBytes(UTF_8);
    VmLogChunk first = chunkOf(1, new byte[] {'a', euro[0]});
    VmLogChunk second = chunkOf(2, new byte[] {euro[1], euro[2], 'b'});

    VmLogText.Decoder decoder = VmLogText.decoder();
    String text = decoder.decode(first) + decoder.decode(second) + decoder.finish();

    assertEquals("a€b", text);
    assertEquals("a\uFFFD", VmLogText.of(first), "alone, the half character is marked");
  }

  @Test
  void followingDeliversNewLinesAsTheyAppearUntilCancelled() throws Exception {
    lines.add("boot\n");
    List<String> seen = new CopyOnWriteArrayList<>();
    CompletableFuture<Void> done = new CompletableFuture<>();

    CompletableFuture<?> follow =
        client
            .vms()
            .followLogs(
                VmLogsParams.builder("vm_1").build(),
                Duration.ofSeconds(5),
                chunk -> {
                  seen.add(VmLogText.of(chunk));
                  if (seen.size() == 1) {
                    lines.add("cloud-init start\n");
                    lines.add("cloud-init done\n");
                  }
                  if (seen.size() == 3) {
                    done.complete(null);
                  }
                });

    done.get(5, TimeUnit.SECONDS);
    follow.cancel(true);

    assertEquals(Arrays.asList("boot\n", "cloud-init start\n", "cloud-init done\n"), seen);
    assertTrue(follow.isCancelled());
    assertTrue(time.waits.stream().allMatch(Duration.ofSeconds(5)::equals), time.waits.toString());
  }

  @Test
  void followingFailsWithTheTypedErrorOfARead() {
    CompletableFuture<?> follow =
        client
            .vms()
            .followLogs(VmLogsParams.builder("vm_missing").build(), Duration.ofSeconds(1), c -> {});

    ExecutionException e =
        assertThrows(ExecutionException.class, () -> follow.get(5, TimeUnit.SECONDS));
    assertInstanceOf(NotFoundException.class, e.getCause());
  }

  private static long param(HttpUrl url, String name, long otherwise) {
    String value = url.queryParameter(name);
    return value == null ? otherwise : Long.parseLong(value);
  }

  private static String chunk(long seqnum, String text) {
    StringBuilder data = new StringBuilder();
    for (byte b : text.getBytes(UTF_8)) {
      data.append(data.length() == 0 ? "" : ",").append(b & 0xff);
    }
    return "{\"instance_id\":\"vm_1\",\"realtime_timestamp\":\"2026-01-01T00:00:0"
        + (seqnum % 10)
        + "Z\",\"monotonic_timestamp_sec\":"
        + seqnum
        + ",\"monotonic_timestamp_nano_sec\":0,\"seqnum\":"
        + seqnum
        + ",\"data\":["
        + data
        + "]}";
  }

  private static VmLogChunk chunkOf(long seqnum, byte[] bytes) {
    List<Integer> data = new ArrayList<>();
    for (byte b : bytes) {
      data.add(b & 0xff);
    }
    return new VmLogChunk().seqnum(seqnum).data(data);
  }
}
