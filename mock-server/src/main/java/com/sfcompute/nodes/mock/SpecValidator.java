package com.sfcompute.nodes.mock;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.sfcompute.nodes.model.ErrorBodyDetail;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Checks requests (and, for the module's tests, responses) against the spec on the classpath, and
 * turns the findings into the API's error details, each naming its field.
 *
 * <p>Loading the spec takes a second or two, so each flavour is loaded once per class loader and
 * shared; the underlying validator is thread-safe.
 */
final class SpecValidator {
  static final String SPEC_RESOURCE = "com/sfcompute/nodes/spec/openapi.yaml";

  private static final Pattern PATH_PREFIX = Pattern.compile("^\\[Path '[^']*'\\] ");
  private static final Pattern NAMES = Pattern.compile("\\(?\\[(\"[^\\]]*\")\\]\\)?");
  private static final Pattern QUOTED = Pattern.compile("\"([^\"]*)\"");

  private static volatile @Nullable SpecValidator strict;
  private static volatile @Nullable SpecValidator lenient;

  private final OpenApiInteractionValidator validator;

  private SpecValidator(boolean rejectUnknownFields) {
    LevelResolver.Builder levels =
        LevelResolver.create()
            // The mock checks the bearer token itself, before the spec.
            .withLevel("validation.request.security", ValidationReport.Level.IGNORE)
            // A body sent to an operation that takes none (release) is ignored, as servers do.
            .withLevel("validation.request.body.unexpected", ValidationReport.Level.IGNORE);
    if (rejectUnknownFields) {
      levels.withLevel(
          "validation.request.parameter.query.unexpected", ValidationReport.Level.ERROR);
    } else {
      levels
          .withLevel("validation.request.parameter.query.unexpected", ValidationReport.Level.IGNORE)
          .withLevel(
              "validation.request.body.schema.additionalProperties", ValidationReport.Level.IGNORE);
    }
    this.validator =
        OpenApiInteractionValidator.createForInlineApiSpecification(specText())
            .withLevelResolver(levels.build())
            .build();
  }

  static SpecValidator get(boolean rejectUnknownFields) {
    if (rejectUnknownFields) {
      SpecValidator v = strict;
      if (v == null) {
        synchronized (SpecValidator.class) {
          v = strict;
          if (v == null) {
            strict = v = new SpecValidator(true);
          }
        }
      }
      return v;
    }
    SpecValidator v = lenient;
    if (v == null) {
      synchronized (SpecValidator.class) {
        v = lenient;
        if (v == null) {
          lenient = v = new SpecValidator(false);
        }
      }
    }
    return v;
  }

  /** The spec's text, read from {@code sfc-nodes-api-spec} on the classpath. */
  static String specText() {
    ClassLoader loader = SpecValidator.class.getClassLoader();
    try (InputStream in = loader.getResourceAsStream(SPEC_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(
            SPEC_RESOURCE + " is not on the classpath: add com.sfcompute:sfc-nodes-api-spec");
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      byte[] buffer = new byte[8192];
      for (int n; (n = in.read(buffer)) != -1; ) {
        out.write(buffer, 0, n);
      }
      return new String(out.toByteArray(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Checks one request.
   *
   * @throws ApiException 400 naming each field at fault, 415 for a content type the operation does
   *     not take
   */
  void checkRequest(
      String method,
      String rawPath,
      Map<String, List<String>> query,
      Map<String, List<String>> headers,
      String body) {
    SimpleRequest.Builder request = new SimpleRequest.Builder(method, rawPath);
    query.forEach(request::withQueryParam);
    headers.forEach(request::withHeader);
    if (!body.isEmpty()) {
      request.withBody(body);
    }
    ValidationReport report = validator.validateRequest(request.build());
    if (!report.hasErrors()) {
      return;
    }
    List<ErrorBodyDetail> details = new ArrayList<>();
    int status = 400;
    for (ValidationReport.Message message : report.getMessages()) {
      if (message.getLevel() != ValidationReport.Level.ERROR) {
        continue;
      }
      if (message.getKey().startsWith("validation.request.contentType")) {
        status = 415;
      }
      addDetails(message, details);
    }
    StringBuilder text = new StringBuilder("Invalid request: ");
    for (int i = 0; i < details.size(); i++) {
      text.append(i == 0 ? "" : "; ").append(details.get(i).getMessage());
    }
    throw new ApiException(status, "invalid_request_error", text.toString(), details);
  }

  /** The spec's findings about one response, one line each; empty if it conforms. */
  List<String> checkResponse(
      String method, String rawPath, int status, @Nullable String contentType, String body) {
    SimpleResponse.Builder response = SimpleResponse.Builder.status(status);
    if (contentType != null) {
      response.withContentType(contentType);
    }
    if (!body.isEmpty()) {
      response.withBody(body);
    }
    ValidationReport report =
        validator.validateResponse(rawPath, Request.Method.valueOf(method), response.build());
    List<String> problems = new ArrayList<>();
    for (ValidationReport.Message message : report.getMessages()) {
      if (message.getLevel() == ValidationReport.Level.ERROR) {
        problems.add(message.getKey() + ": " + message.getMessage());
      }
    }
    return problems;
  }

  private static void addDetails(ValidationReport.Message message, List<ErrorBodyDetail> details) {
    String key = message.getKey();
    ValidationReport.MessageContext context = message.getContext().orElse(null);
    String parameter =
        context == null ? null : context.getParameter().map(p -> p.getName()).orElse(null);
    String pointer =
        context == null
            ? null
            : context
                .getPointers()
                .map(ValidationReport.MessageContext.Pointers::getInstance)
                .orElse(null);
    String text = PATH_PREFIX.matcher(message.getMessage()).replaceFirst("");

    // A failed allOf around one schema (a $ref made nullable) says more through its one finding.
    if (key.endsWith(".allOf") && message.getNestedMessages().size() == 1) {
      addDetails(message.getNestedMessages().get(0), details);
      return;
    }
    if (key.endsWith(".oneOf") || key.endsWith(".anyOf")) {
      StringBuilder why = new StringBuilder(text);
      for (ValidationReport.Message nested : message.getNestedMessages()) {
        why.append("; ").append(PATH_PREFIX.matcher(nested.getMessage()).replaceFirst(""));
      }
      text = why.toString();
    }

    // Required and unknown properties are reported once on their parent object: one detail each.
    if (key.endsWith(".schema.required") || key.endsWith(".schema.additionalProperties")) {
      boolean missing = key.endsWith(".required");
      Matcher names = NAMES.matcher(text);
      if (names.find()) {
        Matcher quoted = QUOTED.matcher(names.group(1));
        while (quoted.find()) {
          String field = join(parameter != null ? parameter : fieldOf(pointer), quoted.group(1));
          details.add(
              ApiException.detail(
                  missing ? "missing_field" : "unknown_field",
                  field + (missing ? " is required" : " is not a field of this request"),
                  field));
        }
        return;
      }
    }

    String field = parameter != null ? parameter : fieldOf(pointer);
    String code;
    if (key.endsWith(".missing")) {
      code = "missing_field";
    } else if (key.endsWith(".unexpected")) {
      code = "unknown_field";
    } else if (key.endsWith(".schema.type")) {
      code = "invalid_type";
    } else if (key.startsWith("validation.request.contentType")) {
      code = "unsupported_media_type";
    } else {
      code = "invalid_value";
    }
    details.add(ApiException.detail(code, field == null ? text : field + ": " + text, field));
  }

  /** {@code /names/1} to {@code names[1]}; the root ({@code /} or empty) to null. */
  private static @Nullable String fieldOf(@Nullable String pointer) {
    if (pointer == null || pointer.isEmpty() || pointer.equals("/")) {
      return null;
    }
    StringBuilder field = new StringBuilder();
    for (String token : pointer.substring(1).split("/", -1)) {
      String name = token.replace("~1", "/").replace("~0", "~");
      if (!name.isEmpty() && name.chars().allMatch(Character::isDigit)) {
        field.append('[').append(name).append(']');
      } else {
        field.append(field.length() == 0 ? "" : ".").append(name);
      }
    }
    return field.toString();
  }

  private static String join(@Nullable String parent, String name) {
    return parent == null ? name : parent + "." + name;
  }
}
