package com.sfcompute.nodes.spec;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;

/** The packaged OpenAPI document as the tests see it: raw text, a JSON tree and a parsed model. */
final class Spec {
  /** The classpath name under which the module publishes the document. */
  static final String RESOURCE = "com/sfcompute/nodes/spec/openapi.yaml";

  static final ObjectMapper JSON = new ObjectMapper();

  private Spec() {}

  static URL url() {
    URL url = Spec.class.getClassLoader().getResource(RESOURCE);
    if (url == null) {
      throw new IllegalStateException(RESOURCE + " is not on the classpath");
    }
    return url;
  }

  /** The document exactly as packaged. */
  static String text() {
    return Holder.TEXT;
  }

  /**
   * The document as a JSON tree, untouched by any OpenAPI tool: the source of JSON pointers and of
   * the examples, which swagger-parser would turn into Java objects.
   */
  static JsonNode tree() {
    return Holder.TREE;
  }

  /** The document parsed with swagger-parser the way code generators read it. */
  static SwaggerParseResult parsed() {
    return Holder.PARSED;
  }

  static SwaggerParseResult parse(String document) {
    ParseOptions options = new ParseOptions();
    options.setResolve(true);
    options.setValidateInternalRefs(true);
    return new OpenAPIV3Parser().readContents(document, null, options);
  }

  /** A JSON test resource, e.g. {@code published/redeploy-response.json}. */
  static JsonNode jsonResource(String name) {
    try (InputStream in = Spec.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException(name + " is not on the test classpath");
      }
      return JSON.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static final class Holder {
    static final String TEXT = read();
    static final JsonNode TREE = readTree();
    static final SwaggerParseResult PARSED = parse(TEXT);

    private static String read() {
      try (InputStream in = url().openStream()) {
        return new String(in.readAllBytes(), UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    private static JsonNode readTree() {
      try {
        return new YAMLMapper().readTree(TEXT);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
