package com.sfcompute.nodes;

import static com.sfcompute.nodes.TestHttp.json;
import static com.sfcompute.nodes.TestHttp.take;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sfcompute.nodes.model.ImageDownload;
import com.sfcompute.nodes.model.ImageList;
import com.sfcompute.nodes.model.VmLogChunk;
import com.sfcompute.nodes.model.VmLogs;
import com.sfcompute.nodes.model.VmSsh;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import okhttp3.HttpUrl;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.Test;

/**
 * The operations on VMs (logs, ssh, start-up script, images), sync form, through real HTTP: what
 * goes on the wire and what comes back parsed.
 */
final class VmsWireTest extends WireTest {
  // vms.logs

  @Test
  void logsSendsEveryParameterWithRfc3339TimestampsWithSeconds() throws Exception {
    server.enqueue(json(200, VM_LOGS));

    VmLogs logs =
        client
            .vms()
            .logs(
                VmLogsParams.builder("vm_1")
                    .descending()
                    .limit(100)
                    .sinceSeqnum(40)
                    .beforeSeqnum(90)
                    .since(Instant.parse("2025-02-08T10:00:00Z"))
                    .before(Instant.parse("2025-02-08T11:30:00Z"))
                    .build());

    RecordedRequest request = take(server);
    assertRead(
        request,
        "/v0/vms/logs2?instance_id=vm_1&order_by=seqnum_desc&limit=100&since_seqnum=40"
            + "&before_seqnum=90&since_realtime_timestamp=2025-02-08T10%3A00%3A00Z"
            + "&before_realtime_timestamp=2025-02-08T11%3A30%3A00Z");
    HttpUrl url = request.getRequestUrl();
    assertEquals("2025-02-08T10:00:00Z", url.queryParameter("since_realtime_timestamp"));
    assertEquals("2025-02-08T11:30:00Z", url.queryParameter("before_realtime_timestamp"));
    VmLogChunk chunk = logs.getData().get(0);
    assertEquals("vm_1", chunk.getInstanceId());
    assertEquals(41L, chunk.getSeqnum());
    assertEquals(Arrays.asList(104, 105, 10), chunk.getData());
    assertEquals(
        OffsetDateTime.of(2025, 2, 8, 10, 0, 1, 0, ZoneOffset.UTC), chunk.getRealtimeTimestamp());
    assertEquals(12L, chunk.getMonotonicTimestampSec());
    assertEquals(500000000, chunk.getMonotonicTimestampNanoSec());
  }

  @Test
  void logsWithOnlyTheVmIdSendsTheRequiredAscendingOrder() throws Exception {
    server.enqueue(json(200, "{\"data\":[]}"));

    VmLogs logs = client.vms().logs(VmLogsParams.builder("vm_1").build());

    assertTrue(logs.getData().isEmpty());
    assertRead(take(server), "/v0/vms/logs2?instance_id=vm_1&order_by=seqnum_asc");
  }

  @Test
  void logsKeepsSubSecondPrecisionOfTimestamps() throws Exception {
    server.enqueue(json(200, "{\"data\":[]}"));

    client
        .vms()
        .logs(
            VmLogsParams.builder("vm_1").since(Instant.parse("2025-02-08T10:00:00.250Z")).build());

    assertEquals(
        "2025-02-08T10:00:00.25Z",
        take(server).getRequestUrl().queryParameter("since_realtime_timestamp"));
  }

  // vms.ssh

  @Test
  void sshSendsTheVmIdAndParsesHostKeys() throws Exception {
    server.enqueue(json(200, VM_SSH));

    VmSsh ssh = client.vms().ssh("vm_1");

    assertRead(take(server), "/v0/vms/ssh?vm_id=vm_1");
    assertEquals("vm-1.hayesvalley.sfcompute.dev", ssh.getSshHostname());
    assertEquals(2222, ssh.getSshPort());
    assertEquals("ssh-ed25519", ssh.getSshHostKeys().get(0).getKeyType());
    assertArrayEquals(
        new byte[] {0, 1, 2, (byte) 0xff}, ssh.getSshHostKeys().get(0).getBase64EncodedKey());
    assertEquals(1738972800L, ssh.getLastSuccessfulKeyUpdate());
    assertEquals(1738972900L, ssh.getLastAttemptedKeyUpdate());
  }

  // vms.script

  @Test
  void scriptCreateFromTextSendsAJsonString() throws Exception {
    server.enqueue(json(200, "{\"script\":\"#!/bin/bash\\necho hi\\n\"}"));

    StartupScript stored =
        client.vms().script().create(StartupScript.ofText("#!/bin/bash\necho hi\n"));

    RecordedRequest request = take(server);
    assertTrue(assertWrite(request, "POST", "/v0/vms/script").matches(GENERATED_KEY));
    assertJson("{\"script\":\"#!/bin/bash\\necho hi\\n\"}", request);
    assertTrue(stored.isText());
    assertEquals("#!/bin/bash\necho hi\n", stored.text());
  }

  @Test
  void scriptCreateFromBytesSendsAnArrayOfByteValues() throws Exception {
    server.enqueue(json(200, "{\"script\":[104,105,255]}"));

    StartupScript stored =
        client
            .vms()
            .script()
            .create(StartupScript.ofBytes(new byte[] {'h', 'i', (byte) 0xff}), "script-key-1");

    RecordedRequest request = take(server);
    assertEquals("script-key-1", assertWrite(request, "POST", "/v0/vms/script"));
    assertJson("{\"script\":[104,105,255]}", request);
    assertFalse(stored.isText());
    assertArrayEquals(new byte[] {'h', 'i', (byte) 0xff}, stored.bytes());
  }

  @Test
  void scriptGetAnsweredAsAStringGivesText() throws Exception {
    server.enqueue(json(200, "{\"script\":\"echo héllo\\n\"}"));

    StartupScript script = client.vms().script().get();

    assertRead(take(server), "/v0/vms/script");
    assertTrue(script.isText());
    assertEquals("echo héllo\n", script.text());
    assertArrayEquals("echo héllo\n".getBytes(UTF_8), script.bytes());
  }

  @Test
  void scriptGetAnsweredAsByteValuesGivesBytesAndText() throws Exception {
    server.enqueue(json(200, "{\"script\":[101,99,104,111,32,104,195,169,10]}"));

    StartupScript script = client.vms().script().get();

    assertRead(take(server), "/v0/vms/script");
    assertFalse(script.isText());
    assertArrayEquals("echo hé\n".getBytes(UTF_8), script.bytes());
    assertEquals("echo hé\n", script.text());
    // The same script in either form is equal.
    assertEquals(StartupScript.ofText("echo hé\n"), script);
  }

  @Test
  void scriptGetAnsweredWithBytesThatAreNotUtf8RefusesTextButGivesBytes() throws Exception {
    server.enqueue(json(200, "{\"script\":[0,255,254]}"));

    StartupScript script = client.vms().script().get();

    assertArrayEquals(new byte[] {0, (byte) 0xff, (byte) 0xfe}, script.bytes());
    IllegalStateException e = assertThrows(IllegalStateException.class, script::text);
    assertTrue(e.getMessage().contains("bytes()"), e.getMessage());
  }

  // vms.images

  @Test
  void imagesListParsesTheListAndHasMore() throws Exception {
    server.enqueue(json(200, IMAGE_LIST));

    ImageList images = client.vms().images().list();

    assertRead(take(server), "/v1/vms/images");
    assertTrue(images.getHasMore());
    assertEquals("vmi_1", images.getData().get(0).getImageId());
    assertEquals("completed", images.getData().get(0).getUploadStatus());
    assertEquals(1738972800L, images.getData().get(0).getCreatedAt());
    assertNull(images.getData().get(0).getSha256Hash());
  }

  @Test
  void imagesGetParsesTheDownload() throws Exception {
    server.enqueue(json(200, IMAGE_DOWNLOAD));

    ImageDownload image = client.vms().images().get("vmi_1");

    assertRead(take(server), "/v1/vms/images/vmi_1");
    assertEquals("https://storage.example.com/images/vmi_1?sig=abc", image.getDownloadUrl());
    assertEquals(OffsetDateTime.of(2025, 2, 8, 1, 0, 0, 0, ZoneOffset.UTC), image.getExpiresAt());
    assertEquals(10737418240L, image.getObjectSize());
    assertEquals("9f86d0", image.getSha256Hash());
  }
}
