package com.example.proguard;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.annotations.SerializedName;
import com.sfcompute.nodes.CreateNodesParams;
import com.sfcompute.nodes.RedeployParams;
import com.sfcompute.nodes.SfcNodes;
import com.sfcompute.nodes.UserData;
import com.sfcompute.nodes.model.Node;
import com.sfcompute.nodes.model.NodeList;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okio.Buffer;

/**
 * Runs shrunk and obfuscated (see proguard.pro) against the stand-in's standalone jar, the only
 * argument: list, get and redeploy must decode every field the server sent and send the body the
 * spec asks for. Exits non-zero (an AssertionError) otherwise.
 */
public final class ShrunkApp {
  private static final String FIRST = "#cloud-config\nruncmd: [echo first]\n";
  private static final String SECOND = "#cloud-config\nruncmd: [echo second]\n";

  /** One request and the answer to it, as they crossed the wire. */
  private static final class Exchange {
    final String method;
    final String path;
    final String requestBody;
    final String responseBody;

    Exchange(String method, String path, String requestBody, String responseBody) {
      this.method = method;
      this.path = path;
      this.requestBody = requestBody;
      this.responseBody = responseBody;
    }
  }

  private ShrunkApp() {}

  public static void main(String[] args) throws Exception {
    // Obfuscated indeed: the SDK's classes were renamed, the models (kept for Gson) were not.
    check(
        !SfcNodes.class.getName().equals("com.sfcompute.nodes.SfcNodes"),
        "an obfuscated SDK, got " + SfcNodes.class.getName());
    check(
        NodeList.class.getName().equals("com.sfcompute.nodes.model.NodeList"),
        "the models keep their names, got " + NodeList.class.getName());
    String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
    Process standIn =
        new ProcessBuilder(java, "-jar", args[0], "--port", "0", "--transition-delay", "100ms")
            .redirectErrorStream(true)
            .start();
    try {
      BufferedReader out =
          new BufferedReader(
              new InputStreamReader(standIn.getInputStream(), StandardCharsets.UTF_8));
      String baseUrl = null;
      String token = null;
      for (String line; (baseUrl == null || token == null) && (line = out.readLine()) != null; ) {
        if (line.startsWith("SFC_NODES_BASE_URL=")) {
          baseUrl = line.substring("SFC_NODES_BASE_URL=".length());
        } else if (line.startsWith("SFC_NODES_BEARER_TOKEN=")) {
          token = line.substring("SFC_NODES_BEARER_TOKEN=".length());
        }
      }
      check(baseUrl != null && token != null, "the stand-in printed its URL and token");
      run(baseUrl, token);
    } finally {
      standIn.destroy();
      standIn.waitFor();
    }
  }

  private static void run(String baseUrl, String token) throws Exception {
    List<Exchange> wire = new CopyOnWriteArrayList<>();
    OkHttpClient recording =
        new OkHttpClient.Builder()
            .addNetworkInterceptor(
                chain -> {
                  Request request = chain.request();
                  String sent = "";
                  if (request.body() != null) {
                    Buffer buffer = new Buffer();
                    request.body().writeTo(buffer);
                    sent = buffer.readUtf8();
                  }
                  Response response = chain.proceed(request);
                  wire.add(
                      new Exchange(
                          request.method(),
                          request.url().encodedPath(),
                          sent,
                          response.peekBody(Long.MAX_VALUE).string()));
                  return response;
                })
            .build();
    try (SfcNodes client =
        SfcNodes.builder().baseUrl(baseUrl).bearerToken(token).httpClient(recording).build()) {
      String zone = client.zones().list().getData().get(0).getName();
      client
          .nodes()
          .create(
              CreateNodesParams.builder()
                  .desiredCount(1)
                  .maxPricePerNodeHour(1600)
                  .zone(zone)
                  .names("shrunk")
                  .userData(UserData.ofText(FIRST))
                  .build());
      Node running = client.waiters().waitUntilRunning("shrunk");

      wire.clear();
      NodeList list = client.nodes().list();
      check(list.getData().size() == 1, "one node listed");
      sameAsWire(wire, "GET", "/v1/nodes", list);

      wire.clear();
      Node got = client.nodes().get(running.getId());
      sameAsWire(wire, "GET", "/v1/nodes/" + running.getId(), got);

      wire.clear();
      Node redeployed =
          client
              .nodes()
              .redeploy(
                  "shrunk", RedeployParams.builder().userData(UserData.ofText(SECOND)).build());
      Exchange redeploy = only(wire, "PUT", "/v1/nodes/shrunk/redeploy");
      JsonObject body = JsonParser.parseString(redeploy.requestBody).getAsJsonObject();
      // The spec's names (an obfuscated field would arrive as "a"), and no image: only the user
      // data was asked to change.
      check(
          java.util.Arrays.asList("cloud_init_user_data", "override_empty", "image_id")
                  .containsAll(body.keySet())
              && !body.has("image_id"),
          "the redeploy body holds the spec's fields, got " + redeploy.requestBody);
      check(
          new String(
                  Base64.getDecoder().decode(body.get("cloud_init_user_data").getAsString()),
                  StandardCharsets.UTF_8)
              .equals(SECOND),
          "the redeploy body carries the new user data, base64, got " + redeploy.requestBody);
      sameAsWire(wire, "PUT", "/v1/nodes/shrunk/redeploy", redeployed);

      Node after = client.waiters().waitUntilRunning("shrunk");
      check(
          !after.getCurrentVm().getId().equals(running.getCurrentVm().getId()),
          "the redeploy started another VM");
      System.out.println(
          "Shrunk app: list, get and redeploy decoded every field; redeployed "
              + running.getCurrentVm().getId()
              + " -> "
              + after.getCurrentVm().getId());
    }
  }

  private static Exchange only(List<Exchange> wire, String method, String path) {
    List<Exchange> matching = new ArrayList<>();
    for (Exchange e : wire) {
      if (e.method.equals(method) && e.path.equals(path)) {
        matching.add(e);
      }
    }
    check(matching.size() == 1, "one " + method + " " + path + ", saw " + matching.size());
    return matching.get(0);
  }

  /** Every non-null value the server sent is in the decoded model, recursively, by wire name. */
  private static void sameAsWire(List<Exchange> wire, String method, String path, Object decoded)
      throws IllegalAccessException {
    JsonElement sent = JsonParser.parseString(only(wire, method, path).responseBody);
    int[] fields = {0};
    compare(path, sent, decoded, fields);
    check(fields[0] > 10, path + ": compared " + fields[0] + " fields, expected a full node");
  }

  private static void compare(String where, JsonElement sent, Object decoded, int[] fields)
      throws IllegalAccessException {
    if (sent.isJsonNull()) {
      return;
    }
    check(decoded != null, where + " was sent but decoded to null");
    fields[0]++;
    if (sent.isJsonObject()) {
      if (decoded instanceof JsonElement || decoded instanceof Map) {
        return; // free-form (user data, metadata): nothing typed to compare
      }
      for (Map.Entry<String, JsonElement> entry : sent.getAsJsonObject().entrySet()) {
        Field field = fieldFor(decoded.getClass(), entry.getKey());
        check(field != null, where + "." + entry.getKey() + " has no field in " + decoded.getClass());
        field.setAccessible(true);
        compare(where + "." + entry.getKey(), entry.getValue(), field.get(decoded), fields);
      }
    } else if (sent.isJsonArray()) {
      JsonArray array = sent.getAsJsonArray();
      List<?> list = new ArrayList<>((Collection<?>) decoded);
      check(list.size() == array.size(), where + " has " + array.size() + " elements sent");
      for (int i = 0; i < array.size(); i++) {
        compare(where + "[" + i + "]", array.get(i), list.get(i), fields);
      }
    } else if (sent.getAsJsonPrimitive().isString() && decoded instanceof String) {
      check(sent.getAsString().equals(decoded), where + ": sent " + sent + ", decoded " + decoded);
    } else if (sent.getAsJsonPrimitive().isNumber() && decoded instanceof Number) {
      check(
          sent.getAsBigDecimal().compareTo(new java.math.BigDecimal(decoded.toString())) == 0,
          where + ": sent " + sent + ", decoded " + decoded);
    }
  }

  private static Field fieldFor(Class<?> type, String wireName) {
    for (Class<?> c = type; c != null; c = c.getSuperclass()) {
      for (Field field : c.getDeclaredFields()) {
        SerializedName name = field.getAnnotation(SerializedName.class);
        if (name != null && name.value().equals(wireName)) {
          return field;
        }
      }
    }
    return null;
  }

  private static void check(boolean condition, String what) {
    if (!condition) {
      throw new AssertionError("expected: " + what);
    }
  }
}
