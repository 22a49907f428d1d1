package com.sfcompute.nodes.spec;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** The document as swagger-parser (and so the code generator) reads it: its operations. */
final class OpenApiDocumentTest {
  private static final String ERROR_RESPONSE = "#/components/schemas/ErrorResponse";

  @Test
  void parsesWithoutAnyMessage() {
    SwaggerParseResult result = Spec.parsed();

    assertEquals(List.of(), result.getMessages());
    assertNotNull(result.getOpenAPI());
    assertEquals("3.0.3", result.getOpenAPI().getOpenapi());
  }

  @Test
  void parserReportsADanglingReference() {
    // Guards parsesWithoutAnyMessage: the options used do report broken documents.
    String broken =
        Spec.text().replace("'#/components/schemas/ErrorBody'", "'#/components/schemas/Missing'");

    SwaggerParseResult result = Spec.parse(broken);

    assertFalse(result.getMessages().isEmpty(), "no message for a dangling $ref");
  }

  @Test
  void declaresExactlyTheFifteenOperations() {
    Set<String> expected =
        Set.of(
            "GET /v1/nodes",
            "POST /v1/nodes",
            "GET /v1/nodes/{id}",
            "DELETE /v1/nodes/{id}",
            "PATCH /v1/nodes/{id}/extend",
            "PUT /v1/nodes/{id}/redeploy",
            "PATCH /v1/nodes/{id}/release",
            "GET /v0/vms/logs2",
            "GET /v0/vms/ssh",
            "GET /v0/vms/script",
            "POST /v0/vms/script",
            "GET /v1/vms/images",
            "GET /v1/vms/images/{image_id}",
            "GET /v0/zones",
            "GET /v0/zones/{id}");

    assertEquals(new TreeSet<>(expected), new TreeSet<>(operations().keySet()));
  }

  @Test
  void everyOperationHasAUniqueOperationIdAndASummary() {
    List<String> operationIds = new ArrayList<>();
    List<Executable> checks = new ArrayList<>();
    operations()
        .forEach(
            (name, operation) -> {
              operationIds.add(operation.getOperationId());
              checks.add(() -> assertNotBlank(operation.getOperationId(), name + " operationId"));
              checks.add(() -> assertNotBlank(operation.getSummary(), name + " summary"));
            });
    checks.add(
        () ->
            assertEquals(
                operationIds.size(),
                Set.copyOf(operationIds).size(),
                "duplicate operationId in " + operationIds));

    assertAll(checks);
  }

  @Test
  void everyOperationAnswersASuccessAndAClientError() {
    List<Executable> checks = new ArrayList<>();
    operations()
        .forEach(
            (name, operation) -> {
              Set<String> codes = operation.getResponses().keySet();
              checks.add(() -> assertTrue(hasCode(codes, "2"), name + " has no 2xx: " + codes));
              checks.add(() -> assertTrue(hasCode(codes, "4"), name + " has no 4xx: " + codes));
            });

    assertAll(checks);
  }

  @Test
  void everyErrorResponseWithABodyUsesErrorResponse() {
    List<Executable> checks = new ArrayList<>();
    for (Map.Entry<String, Operation> operation : operations().entrySet()) {
      for (Map.Entry<String, ApiResponse> response :
          operation.getValue().getResponses().entrySet()) {
        if (!isError(response.getKey())) {
          continue;
        }
        for (Map.Entry<String, MediaType> body : mediaTypes(response.getValue()).entrySet()) {
          String where = operation.getKey() + " " + response.getKey() + " " + body.getKey();
          String schema = body.getValue().getSchema().get$ref();
          checks.add(() -> assertEquals(ERROR_RESPONSE, schema, where));
        }
      }
    }

    assertFalse(checks.isEmpty(), "no error body found");
    assertAll(checks);
  }

  @Test
  void createNodesAnswers201WithTheNewNodes() {
    ApiResponses responses = operations().get("POST /v1/nodes").getResponses();

    assertEquals(Set.of("201"), successCodes(responses));
    assertEquals(
        "#/components/schemas/NodeList",
        mediaTypes(responses.get("201")).get("application/json").getSchema().get$ref());
  }

  @Test
  void deleteNodeAnswers204WithoutABody() {
    ApiResponses responses = operations().get("DELETE /v1/nodes/{id}").getResponses();

    assertEquals(Set.of("204"), successCodes(responses));
    assertEquals(Map.of(), mediaTypes(responses.get("204")));
  }

  /** Every operation keyed "METHOD /path". */
  private static Map<String, Operation> operations() {
    Map<String, Operation> operations = new LinkedHashMap<>();
    OpenAPI openApi = Spec.parsed().getOpenAPI();
    for (Map.Entry<String, PathItem> path : openApi.getPaths().entrySet()) {
      path.getValue()
          .readOperationsMap()
          .forEach((method, operation) -> operations.put(method + " " + path.getKey(), operation));
    }
    return operations;
  }

  /** The content of a response, through its {@code $ref} if it has one; empty if none. */
  private static Map<String, MediaType> mediaTypes(ApiResponse response) {
    ApiResponse resolved = response;
    if (response.get$ref() != null) {
      String name = response.get$ref().substring(response.get$ref().lastIndexOf('/') + 1);
      resolved = Spec.parsed().getOpenAPI().getComponents().getResponses().get(name);
      assertNotNull(resolved, "dangling " + response.get$ref());
    }
    return resolved.getContent() == null ? Map.of() : resolved.getContent();
  }

  private static Set<String> successCodes(ApiResponses responses) {
    return responses.keySet().stream()
        .filter(code -> code.startsWith("2"))
        .collect(Collectors.toSet());
  }

  private static boolean hasCode(Set<String> codes, String classDigit) {
    return codes.stream().anyMatch(code -> code.startsWith(classDigit));
  }

  /** 4xx, 5xx and {@code default}, which stands for every status not listed. */
  private static boolean isError(String code) {
    return code.startsWith("4") || code.startsWith("5") || code.equals("default");
  }

  private static void assertNotBlank(String value, String what) {
    assertTrue(value != null && !value.isBlank(), what + " is blank");
  }
}
