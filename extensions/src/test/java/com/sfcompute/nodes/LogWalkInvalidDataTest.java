package com.sfcompute.nodes;

import static com.sfcompute.nodes.TestHttp.clientBuilder;
import static com.sfcompute.nodes.TestHttp.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sfcompute.nodes.errors.SfcNodesInvalidDataException;
import com.sfcompute.nodes.model.VmLogChunk;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import okhttp3.mockwebserver.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Log walks on pages the SDK did not expect: what is missing is named in a typed exception, never a
 * NullPointerException; the end of the seqnum range ends the walk.
 */
class LogWalkInvalidDataTest {
  private final MockWebServer server = new MockWebServer();
  private final FakeTime time = new FakeTime();
  private SfcNodes client;

  @BeforeEach
  void setUp() throws IOException {
    server.start();
    client = time.install(clientBuilder(server, "sk-test")).build();
  }

  @AfterEach
  void tearDown() throws IOException {
    client.close();
    server.shutdown();
  }

  private static final VmLogsParams ASC = VmLogsParams.builder("vm_1").limit(10).build();

  @Test
  void iteratingAPageWithNullDataIsInvalidData() {
    server.enqueue(json("{\"data\":null}"));

    SfcNodesInvalidDataException e =
        assertThrows(SfcNodesInvalidDataException.class, () -> drain(ASC));

    assertTrue(e.getMessage().contains("data"), e.getMessage());
  }

  @Test
  void iteratingAPageWithANullChunkNamesTheChunk() {
    server.enqueue(json("{\"data\":[" + chunk(1) + ",null]}"));

    SfcNodesInvalidDataException e =
        assertThrows(SfcNodesInvalidDataException.class, () -> drain(ASC));

    assertTrue(e.getMessage().contains("data[1]"), e.getMessage());
  }

  @Test
  void iteratingAChunkWithoutSeqnumNamesTheSeqnum() {
    server.enqueue(json("{\"data\":[{\"instance_id\":\"vm_1\",\"data\":[104,105]}]}"));

    SfcNodesInvalidDataException e =
        assertThrows(SfcNodesInvalidDataException.class, () -> drain(ASC));

    assertTrue(e.getMessage().contains("seqnum"), e.getMessage());
    assertTrue(e.getMessage().contains("data[0]"), e.getMessage());
  }

  @Test
  void iteratingDescendingAChunkWithoutSeqnumIsInvalidDataToo() {
    server.enqueue(json("{\"data\":[" + chunk(9) + ",{\"instance_id\":\"vm_1\",\"data\":[]}]}"));

    assertThrows(
        SfcNodesInvalidDataException.class,
        () -> drain(VmLogsParams.builder("vm_1").descending().build()));
  }

  @Test
  void aSeqnumAtTheTopOfTheRangeEndsAnAscendingWalkWithoutAnotherRequest() {
    server.enqueue(
        json("{\"data\":[" + chunk(Long.MAX_VALUE - 1) + "," + chunk(Long.MAX_VALUE) + "]}"));

    List<Long> seqnums = drain(ASC);

    assertEquals(Arrays.asList(Long.MAX_VALUE - 1, Long.MAX_VALUE), seqnums);
    assertEquals(1, server.getRequestCount(), "no cursor is left to ask with");
  }

  @Test
  void followingFailsWithInvalidDataOnAPageWithNullData() {
    server.enqueue(json("{\"data\":null}"));

    CompletableFuture<?> follow = client.vms().followLogs(ASC, Duration.ofSeconds(1), chunk -> {});

    ExecutionException e =
        assertThrows(ExecutionException.class, () -> follow.get(5, TimeUnit.SECONDS));
    assertInstanceOf(SfcNodesInvalidDataException.class, e.getCause());
    assertTrue(e.getCause().getMessage().contains("data"), e.getCause().getMessage());
  }

  @Test
  void followingFailsWithInvalidDataOnANullChunk() {
    server.enqueue(json("{\"data\":[null]}"));

    CompletableFuture<?> follow = client.vms().followLogs(ASC, Duration.ofSeconds(1), chunk -> {});

    ExecutionException e =
        assertThrows(ExecutionException.class, () -> follow.get(5, TimeUnit.SECONDS));
    assertInstanceOf(SfcNodesInvalidDataException.class, e.getCause());
    assertTrue(e.getCause().getMessage().contains("data[0]"), e.getCause().getMessage());
  }

  @Test
  void followingEndsCleanlyAtTheTopOfTheSeqnumRange() throws Exception {
    server.enqueue(json("{\"data\":[" + chunk(Long.MAX_VALUE) + "]}"));
    List<Long> seen = new ArrayList<>();

    CompletableFuture<?> follow =
        client.vms().followLogs(ASC, Duration.ofSeconds(1), c -> seen.add(c.getSeqnum()));

    assertNull(follow.get(5, TimeUnit.SECONDS));
    assertEquals(Arrays.asList(Long.MAX_VALUE), seen);
    assertEquals(1, server.getRequestCount());
  }

  private List<Long> drain(VmLogsParams params) {
    List<Long> seqnums = new ArrayList<>();
    for (VmLogChunk chunk : client.vms().iterateLogs(params)) {
      seqnums.add(chunk.getSeqnum());
    }
    return seqnums;
  }

  private static String chunk(long seqnum) {
    return "{\"instance_id\":\"vm_1\",\"realtime_timestamp\":\"2026-01-01T00:00:00Z\","
        + "\"monotonic_timestamp_sec\":1,\"monotonic_timestamp_nano_sec\":0,\"seqnum\":"
        + seqnum
        + ",\"data\":[104,105]}";
  }
}
