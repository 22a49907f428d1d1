package com.sfcompute.nodes.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/**
 * The spec's examples of the redeploy call are the published reference page's, byte for byte as
 * JSON trees. The page's request and response are copied into {@code published/} test resources.
 */
final class PublishedReferenceTest {
  private static final JsonPointer REDEPLOY =
      JsonPointer.compile("/paths").appendProperty("/v1/nodes/{id}/redeploy").appendProperty("put");

  @Test
  void redeployRequestExampleIsThePublishedRequest() {
    JsonNode example =
        Spec.tree()
            .at(
                REDEPLOY.append(
                    JsonPointer.compile(
                        "/requestBody/content/application~1json/examples/published/value")));

    assertJsonEquals(Spec.jsonResource("published/redeploy-request.json"), example);
  }

  @Test
  void redeployResponseExampleIsThePublishedResponse() {
    JsonNode example =
        Spec.tree()
            .at(
                REDEPLOY.append(
                    JsonPointer.compile(
                        "/responses/200/content/application~1json/examples/published/value")));

    assertJsonEquals(Spec.jsonResource("published/redeploy-response.json"), example);
  }

  private static void assertJsonEquals(JsonNode expected, JsonNode actual) {
    assertEquals(expected, actual, () -> "spec example:\n" + actual.toPrettyString());
  }
}
