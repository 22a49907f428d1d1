package com.example.convergence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sfcompute.nodes.SfcNodes;
import com.sfcompute.nodes.mock.MockNodesServer;
import com.sfcompute.nodes.errors.NotFoundException;
import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * What a user's build gets from {@code sfc-nodes} and the stand-in, after the enforcer accepted
 * the tree: exactly these jars, and a stand-in that still validates against the spec.
 */
class ConvergedTreeTest {

  /** Everything but JUnit's own jars, by artifact name without version. */
  private static final Set<String> EXPECTED =
      new TreeSet<>(
          Arrays.asList(
              // sfc-nodes and what it needs: one Kotlin stdlib, okio-jvm (not the empty okio).
              "sfc-nodes",
              "sfc-nodes-generated-client",
              // Retrofit for the generated interfaces' annotations and Call type; the SDK builds
              // requests and reads answers itself, so Retrofit's Gson converter is not needed.
              "retrofit",
              "okhttp",
              "logging-interceptor",
              "okio-jvm",
              "kotlin-stdlib",
              "annotations",
              "gson",
              "error_prone_annotations",
              "jspecify",
              // The stand-in: two jars, its validator bundled and relocated inside the first.
              "sfc-nodes-mock-server",
              "sfc-nodes-api-spec"));

  @Test
  void classPathHoldsExactlyTheSdkTheStandInAndJunit() {
    Set<String> jars = new TreeSet<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      String name = new File(entry).getName();
      if (!name.endsWith(".jar")
          || name.startsWith("junit-")
          || name.startsWith("opentest4j-")
          || name.startsWith("apiguardian-")
          || name.startsWith("surefire")) {
        continue;
      }
      // name-1.2.3.jar, name-1.2.3-SNAPSHOT.jar -> name
      jars.add(name.replaceFirst("-\\d[^-]*(-SNAPSHOT)?\\.jar$", ""));
    }
    assertEquals(EXPECTED, jars);
  }

  @Test
  void noUnrelocatedCopyOfTheValidatorsLibrariesIsVisible() {
    for (String name :
        Arrays.asList(
            "com.fasterxml.jackson.databind.ObjectMapper",
            "com.google.common.collect.ImmutableList",
            "org.slf4j.LoggerFactory",
            "org.yaml.snakeyaml.Yaml",
            "io.swagger.v3.oas.models.OpenAPI",
            "org.mozilla.javascript.Context")) {
      assertThrows(ClassNotFoundException.class, () -> Class.forName(name), name);
    }
  }

  @Test
  void standInStillRejectsARequestThatBreaksTheSpecNamingTheField() throws Exception {
    try (MockNodesServer server = MockNodesServer.builder().start()) {
      HttpResponse<String> response =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create(server.baseUrl() + "/v1/nodes"))
                      .header("Authorization", "Bearer " + server.token())
                      .header("Content-Type", "application/json")
                      .POST(HttpRequest.BodyPublishers.ofString("{\"desired_count\":\"two\"}"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertEquals(400, response.statusCode(), response.body());
      assertTrue(response.body().contains("desired_count"), response.body());
    }
  }

  @Test
  void sdkTalksToTheStandIn() {
    try (MockNodesServer server = MockNodesServer.builder().start();
        SfcNodes client =
            SfcNodes.builder().baseUrl(server.baseUrl()).bearerToken(server.token()).build()) {
      assertTrue(client.nodes().list().getData().isEmpty());
      assertThrows(NotFoundException.class, () -> client.nodes().get("no-such-node"));
    }
  }
}
