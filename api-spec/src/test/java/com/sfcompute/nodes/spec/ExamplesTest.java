package com.sfcompute.nodes.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every example in the document is an instance of its schema, as a JSON Schema validator (not a
 * hand check) reads the schema.
 *
 * <p>The tests after the factory prove the validator can say no, so that a lenient set-up could not
 * make every example pass.
 */
final class ExamplesTest {
  private static final JsonPointer REDEPLOY_200 =
      JsonPointer.compile("/paths")
          .appendProperty("/v1/nodes/{id}/redeploy")
          .appendProperty("put")
          .appendProperty("responses")
          .appendProperty("200")
          .appendProperty("content")
          .appendProperty("application/json");
  private static final JsonPointer REDEPLOY_200_SCHEMA = REDEPLOY_200.appendProperty("schema");
  private static final JsonPointer PUBLISHED_RESPONSE =
      REDEPLOY_200.append(JsonPointer.compile("/examples/published/value"));

  @TestFactory
  Stream<DynamicTest> everyExampleValidatesAgainstItsSchema() {
    return SpecWalker.of(Spec.tree()).examples().stream()
        .map(
            example ->
                dynamicTest(
                    example.value().toString(),
                    () -> {
                      JsonNode value = Spec.tree().at(example.value());
                      Set<String> messages =
                          SchemaValidator.validate(example.schema(), value).stream()
                              .map(ValidationMessage::toString)
                              .collect(Collectors.toSet());
                      assertEquals(Set.of(), messages, "against " + example.schema());
                    }));
  }

  @Test
  void everyExampleKeyInTheDocumentIsValidated() {
    List<SpecWalker.Example> found = SpecWalker.of(Spec.tree()).examples();

    assertEquals(SpecWalker.countExampleKeys(Spec.tree()), found.size());
    // Each kind of example place is represented, so none of them is skipped by accident.
    Set<String> values = found.stream().map(e -> e.value().toString()).collect(Collectors.toSet());
    assertTrue(values.contains(PUBLISHED_RESPONSE.toString()), "media type `examples`");
    assertTrue(values.contains("/components/parameters/NodeIdOrName/example"), "parameter");
    assertTrue(values.contains("/components/schemas/Node/properties/id/example"), "schema");
    assertTrue(
        values.contains("/components/responses/BadRequest/content/application~1json/example"),
        "media type `example`");
  }

  @Test
  void publishedRedeployResponseWithAStringCreatedAtIsRejected() {
    ObjectNode node = publishedResponse();
    node.put("created_at", "1640995200");

    assertEquals(Set.of("type /created_at"), violations(REDEPLOY_200_SCHEMA, node));
  }

  @Test
  void nodeWithoutIdIsRejected() {
    ObjectNode node = publishedResponse();
    node.remove("id");

    assertEquals(Set.of("required /id"), violations("Node", node));
  }

  @Test
  void redeployRequestWithAStringOverrideEmptyIsRejected() {
    JsonNode request = json("{\"override_empty\": \"false\"}");

    assertEquals(Set.of("type /override_empty"), violations("RedeployNodeRequest", request));
  }

  @Test
  void userDataThatIsNotBase64IsRejected() {
    JsonNode request = json("{\"cloud_init_user_data\": \"not base64!\"}");

    assertEquals(
        Set.of("format /cloud_init_user_data"), violations("RedeployNodeRequest", request));
  }

  @Test
  void int32BeyondItsRangeIsRejected() {
    // No "maximum" on the property: only the int32 format can reject this.
    JsonNode chunk =
        json(
            "{\"instance_id\": \"vm_1\", \"realtime_timestamp\": \"2025-02-08T00:00:00Z\","
                + " \"monotonic_timestamp_sec\": 12, \"monotonic_timestamp_nano_sec\": 3000000000,"
                + " \"seqnum\": 1, \"data\": [104]}");

    assertEquals(Set.of("format /monotonic_timestamp_nano_sec"), violations("VmLogChunk", chunk));
  }

  @Test
  void nullableTimestampAcceptsNull() {
    ObjectNode node = publishedResponse();
    node.putNull("created_at");

    assertEquals(Set.of(), violations("Node", node));
  }

  @Test
  void timestampThatIsNotNullableRejectsNull() {
    ObjectNode vm = (ObjectNode) publishedResponse().get("current_vm");
    vm.putNull("created_at");

    assertEquals(Set.of("type /created_at"), violations("Vm", vm));
  }

  @Test
  void serverSentEnumAcceptsAnUnknownValue() {
    ObjectNode node = publishedResponse();
    node.put("status", "hibernating");

    assertEquals(Set.of(), violations("Node", node));
  }

  @Test
  void clientSentEnumRejectsAnUnknownValue() {
    JsonNode request =
        json("{\"desired_count\": 1, \"max_price_per_node_hour\": 1600, \"node_type\": \"spot\"}");

    assertEquals(Set.of("enum /node_type"), violations("CreateNodesRequest", request));
  }

  private static ObjectNode publishedResponse() {
    return (ObjectNode) Spec.tree().at(PUBLISHED_RESPONSE).deepCopy();
  }

  private static JsonNode json(String text) {
    try {
      return Spec.JSON.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Set<String> violations(String componentSchema, JsonNode instance) {
    return describe(SchemaValidator.validate(componentSchema, instance));
  }

  private static Set<String> violations(JsonPointer schema, JsonNode instance) {
    return describe(SchemaValidator.validate(schema, instance));
  }

  /**
   * Each violation as "keyword location", e.g. {@code type /created_at} or {@code required /id}:
   * pins what was rejected and why, unlike the messages, which depend on the locale.
   */
  private static Set<String> describe(Set<ValidationMessage> messages) {
    return messages.stream().map(ExamplesTest::describe).collect(Collectors.toSet());
  }

  private static String describe(ValidationMessage message) {
    String location = message.getInstanceLocation().toString();
    if (message.getType().equals("required")) {
      location += "/" + message.getProperty();
    }
    return message.getType() + " " + location;
  }
}
