/**
 * The SF Compute nodes API stand-in: embedded ({@code MockNodesServer}), as a JUnit 5 extension
 * ({@code com.sfcompute.nodes.mock.junit5}) or standalone. The request validator and its libraries
 * are bundled inside, relocated under {@code com.sfcompute.nodes.mock.internal.shaded} and not
 * exported; their service registrations are declared here, since a named module ignores
 * META-INF/services. Added to the shaded jar after shading (moditect), as META-INF/versions/9.
 */
module com.sfcompute.nodes.mock {
  requires transitive com.sfcompute.nodes.generated;
  requires com.google.gson;
  requires static org.jspecify;
  // The JUnit 5 extension: there when a test uses it.
  requires static org.junit.jupiter.api;
  requires jdk.httpserver;
  // What the bundled libraries use of the JDK (jdeps --print-module-deps on the shaded jar).
  requires java.desktop;
  requires java.scripting;
  requires java.security.sasl;
  requires java.sql;
  requires jdk.unsupported;

  exports com.sfcompute.nodes.mock;
  exports com.sfcompute.nodes.mock.junit5;

  // Every ServiceLoader.load(...) in the bundled code (javap over the shaded jar).
  uses java.nio.file.spi.FileSystemProvider;
  uses com.sfcompute.nodes.mock.internal.shaded.io.swagger.v3.core.converter.ModelConverter;
  uses com.sfcompute.nodes.mock.internal.shaded.io.swagger.v3.parser.core.extensions.SwaggerParserExtension;
  uses com.sfcompute.nodes.mock.internal.shaded.io.swagger.v3.parser.extensions.JsonSchemaParserExtension;
  uses com.sfcompute.nodes.mock.internal.shaded.io.swagger.v3.parser.reference.OpenAPIDereferencer;
  uses com.sfcompute.nodes.mock.internal.shaded.javax.mail.Provider;
  uses com.sfcompute.nodes.mock.internal.shaded.javax.validation.spi.ValidationProvider;
  uses com.sfcompute.nodes.mock.internal.shaded.javax.xml.bind.JAXBContextFactory;
  uses com.sfcompute.nodes.mock.internal.shaded.com.fasterxml.jackson.core.JsonFactory;
  uses com.sfcompute.nodes.mock.internal.shaded.com.fasterxml.jackson.core.ObjectCodec;
  uses com.sfcompute.nodes.mock.internal.shaded.com.fasterxml.jackson.databind.Module;
  uses com.sfcompute.nodes.mock.internal.shaded.org.slf4j.spi.SLF4JServiceProvider;

  provides com.sfcompute.nodes.mock.internal.shaded.com.fasterxml.jackson.core.JsonFactory with
      com.sfcompute.nodes.mock.internal.shaded.com.fasterxml.jackson.core.JsonFactory,
      com.sfcompute.nodes.mock.internal.shaded.com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
  provides com.sfcompute.nodes.mock.internal.shaded.com.fasterxml.jackson.core.ObjectCodec with
      com.sfcompute.nodes.mock.internal.shaded.com.fasterxml.jackson.databind.ObjectMapper,
      com.sfcompute.nodes.mock.internal.shaded.com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
  provides com.sfcompute.nodes.mock.internal.shaded.com.fasterxml.jackson.databind.Module with
      com.sfcompute.nodes.mock.internal.shaded.com.fasterxml.jackson.datatype.jdk8.Jdk8Module,
      com.sfcompute.nodes.mock.internal.shaded.com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
  provides com.sfcompute.nodes.mock.internal.shaded.org.slf4j.spi.SLF4JServiceProvider with
      com.sfcompute.nodes.mock.internal.shaded.org.slf4j.nop.NOPServiceProvider;
}
