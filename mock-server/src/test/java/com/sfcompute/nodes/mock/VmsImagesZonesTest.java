package com.sfcompute.nodes.mock;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.sfcompute.nodes.mock.junit5.MockNodesServerExtension;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class VmsImagesZonesTest {
  static final MockClock CLOCK = MockClock.create();

  @RegisterExtension
  static final MockNodesServerExtension MOCK =
      MockNodesServerExtension.builder()
          .server(MockNodesServer.builder().clock(CLOCK).transitionDelay(Duration.ofSeconds(4)))
          .build();

  private Api api() {
    return new Api(MOCK.server());
  }

  private static List<Long> seqnums(JsonObject logs) {
    List<Long> seqnums = new ArrayList<>();
    for (JsonElement chunk : logs.getAsJsonArray("data")) {
      seqnums.add(chunk.getAsJsonObject().get("seqnum").getAsLong());
    }
    return seqnums;
  }

  private static String text(JsonObject chunk) {
    JsonArray data = chunk.getAsJsonArray("data");
    byte[] bytes = new byte[data.size()];
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = (byte) data.get(i).getAsInt();
    }
    return new String(bytes, StandardCharsets.UTF_8);
  }

  @Test
  void bootLogAppearsAsTheClockMovesWithRisingSeqnums() {
    Instant start = CLOCK.instant();
    String vm = Nodes.currentVmId(Nodes.create(api(), "booting"));
    String logs = "/v0/vms/logs2?order_by=seqnum_asc&instance_id=" + vm;
    assertEquals(1, api().get(logs).expect(200).json().getAsJsonArray("data").size());

    CLOCK.advance(Duration.ofSeconds(4));
    JsonObject booted = api().get(logs).expect(200).json();
    assertEquals(Arrays.asList(1L, 2L, 3L, 4L), seqnums(booted));
    JsonObject last = booted.getAsJsonArray("data").get(3).getAsJsonObject();
    assertEquals(vm, last.get("instance_id").getAsString());
    assertTrue(text(last).contains(vm + " is ready"), text(last));
    assertEquals(4, last.get("monotonic_timestamp_sec").getAsLong());
    assertEquals(start.plusSeconds(4).toString(), last.get("realtime_timestamp").getAsString());
  }

  @Test
  void logsPageForwardWithSinceAndBackwardWithBefore() {
    String vm = Nodes.currentVmId(Nodes.create(api(), "paging"));
    CLOCK.advance(Duration.ofSeconds(4));
    for (int i = 0; i < 6; i++) {
      MOCK.server().state().appendLog(vm, "line " + i + "\n");
    }
    String base = "/v0/vms/logs2?instance_id=" + vm;

    assertEquals(
        Arrays.asList(3L, 4L, 5L),
        seqnums(
            api().get(base + "&order_by=seqnum_asc&since_seqnum=3&limit=3").expect(200).json()));
    assertEquals(
        Arrays.asList(10L, 9L),
        seqnums(api().get(base + "&order_by=seqnum_desc&limit=2").expect(200).json()));
    assertEquals(
        Arrays.asList(8L, 7L),
        seqnums(
            api().get(base + "&order_by=seqnum_desc&before_seqnum=9&limit=2").expect(200).json()));
    assertEquals(
        0,
        api()
            .get(base + "&order_by=seqnum_asc&limit=0")
            .expect(200)
            .json()
            .getAsJsonArray("data")
            .size());
    JsonObject appended =
        api().get(base + "&order_by=seqnum_asc&since_seqnum=10").expect(200).json();
    assertEquals("line 5\n", text(appended.getAsJsonArray("data").get(0).getAsJsonObject()));
  }

  @Test
  void logsFilterByRealtimeTimestamp() {
    Instant start = CLOCK.instant();
    String vm = Nodes.currentVmId(Nodes.create(api(), "by-time"));
    CLOCK.advance(Duration.ofSeconds(4));
    JsonObject logs =
        api()
            .get(
                "/v0/vms/logs2?order_by=seqnum_asc&instance_id="
                    + vm
                    + "&since_realtime_timestamp="
                    + start.plusSeconds(1)
                    + "&before_realtime_timestamp="
                    + start.plusSeconds(4))
            .expect(200)
            .json();
    assertEquals(Arrays.asList(2L, 3L), seqnums(logs));
  }

  @Test
  void logsOfAnUnknownVmAre404() {
    api().get("/v0/vms/logs2?order_by=seqnum_asc&instance_id=vm_nope").error(404, "not_found");
  }

  @Test
  void sshHostKeysAppearOnceTheVmRuns() {
    String vm = Nodes.currentVmId(Nodes.create(api(), "ssh"));
    JsonObject pending = api().get("/v0/vms/ssh?vm_id=" + vm).expect(200).json();
    assertEquals(22, pending.get("ssh_port").getAsInt());
    assertTrue(pending.get("ssh_host_keys").isJsonNull());

    CLOCK.advance(Duration.ofSeconds(4));
    JsonObject running = api().get("/v0/vms/ssh?vm_id=" + vm).expect(200).json();
    JsonObject key = running.getAsJsonArray("ssh_host_keys").get(0).getAsJsonObject();
    assertEquals("ssh-ed25519", key.get("key_type").getAsString());
    byte[] wire = Base64.getDecoder().decode(key.get("base64_encoded_key").getAsString());
    assertEquals(4 + 11 + 4 + 32, wire.length);
    assertFalse(running.get("last_successful_key_update").isJsonNull());
  }

  @Test
  void scriptIs404UntilSetThenAnswersAsAString() {
    api().get("/v0/vms/script").error(404, "not_found");
    JsonObject set =
        api().post("/v0/vms/script", "{\"script\":\"#!/bin/sh\\necho hi\\n\"}").expect(200).json();
    assertEquals("#!/bin/sh\necho hi\n", set.get("script").getAsString());
    assertEquals(
        "#!/bin/sh\necho hi\n",
        api().get("/v0/vms/script").expect(200).json().get("script").getAsString());
    assertEquals(1, MOCK.server().counters().scriptUpdates());
  }

  @Test
  void scriptSentAsBytesIsStoredAsThoseBytes() {
    api().post("/v0/vms/script", "{\"script\":[104,105,10]}").expect(200);
    assertArrayEquals(new byte[] {104, 105, 10}, MOCK.server().state().script());
    assertEquals(
        "hi\n", api().get("/v0/vms/script").expect(200).json().get("script").getAsString());
  }

  @Test
  void scriptThatIsNotUtf8IsAnsweredAsBytesEvenInStringForm() {
    JsonObject set = api().post("/v0/vms/script", "{\"script\":[255,0,1]}").expect(200).json();
    assertTrue(set.get("script").isJsonArray());
  }

  @Test
  void bytesFormAnswersEveryScriptAsAnArray() {
    try (MockNodesServer bytes = MockNodesServer.builder().scriptForm(ScriptForm.BYTES).start()) {
      JsonArray script =
          new Api(bytes)
              .post("/v0/vms/script", "{\"script\":\"hi\"}")
              .expect(200)
              .json()
              .getAsJsonArray("script");
      assertEquals(2, script.size());
      assertEquals(104, script.get(0).getAsInt());
    }
  }

  @Test
  void scriptBytesOutOfRangeAreRefusedNamingTheField() {
    JsonObject error =
        api().post("/v0/vms/script", "{\"script\":[1,256]}").error(400, "invalid_request_error");
    assertEquals(Arrays.asList("script"), Api.Answer.fields(error));
  }

  @Test
  void imagesListAndGetPointAtADownloadOnTheMock() throws Exception {
    JsonObject list = api().get("/v1/vms/images").expect(200).json();
    assertFalse(list.get("has_more").getAsBoolean());
    String id = list.getAsJsonArray("data").get(0).getAsJsonObject().get("image_id").getAsString();
    assertEquals("vmi_1234567890abcdef", id);

    JsonObject image = api().get("/v1/vms/images/" + id).expect(200).json();
    String url = image.get("download_url").getAsString();
    assertTrue(url.startsWith(MOCK.baseUrl()), url);
    try (Response download = Api.CLIENT.newCall(new Request.Builder().url(url).build()).execute()) {
      byte[] bytes = download.body().bytes();
      assertEquals(image.get("object_size").getAsLong(), bytes.length);
      StringBuilder hex = new StringBuilder();
      for (byte b : MessageDigest.getInstance("SHA-256").digest(bytes)) {
        hex.append(String.format("%02x", b));
      }
      assertEquals(image.get("sha256_hash").getAsString(), hex.toString());
    }
    api().get("/v1/vms/images/vmi_missing").error(404, "not_found");
  }

  @Test
  void zonesListAndGetTheSeededZones() {
    JsonArray zones = api().get("/v0/zones").expect(200).json().getAsJsonArray("data");
    assertEquals(2, zones.size());
    JsonObject zone = api().get("/v0/zones/landsend").expect(200).json();
    assertEquals("H200", zone.get("hardware_type").getAsString());
    assertEquals("Land's End", zone.get("display_name").getAsString());
    api().get("/v0/zones/atlantis").error(404, "not_found");
  }

  @Test
  void zonesAndImagesAreConfigurable() {
    try (MockNodesServer custom =
        MockNodesServer.builder()
            .zones(MockZone.builder("richmond").region("EuropeMiddleEastAfrica").build())
            .images(MockImage.of("vmi_custom", "custom"))
            .start()) {
      Api api = new Api(custom);
      assertEquals(
          "richmond",
          api.get("/v0/zones")
              .json()
              .getAsJsonArray("data")
              .get(0)
              .getAsJsonObject()
              .get("name")
              .getAsString());
      api.get("/v1/vms/images/vmi_custom").expect(200);
    }
  }
}
