package com.sfcompute.nodes.examples;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sfcompute.nodes.examples.ReadmeSnippetsTest.Block;
import com.sfcompute.nodes.mock.MockNodesServer;
import com.sfcompute.nodes.mock.MockZone;
import com.sfcompute.nodes.model.Node;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A newcomer's first programs from the README work on the stand-in as printed: the zone and image
 * ids the README names are the stand-in's own, and its whole-program snippets, run against a
 * stand-in, do what they say. (A first redeploy on the stand-in once failed because the README
 * named no ids; {@link ReadmeSnippetsTest} only proves the snippets compile.)
 */
class ReadmeStandInTest {
  private static final Path README = Paths.get("..", "README.md");

  /** Where a program that reads the environment is pointed instead, for the test's stand-in. */
  private static final String FROM_ENV = "SfcNodes.fromEnv()";

  private static final String FROM_STAND_IN =
      "SfcNodes.builder().baseUrl(System.getProperty(\"readme.baseUrl\"))"
          + ".bearerToken(System.getProperty(\"readme.token\")).build()";

  @Test
  void theZonesAndImageTheReadmeNamesAreTheStandInsOwn() throws IOException {
    String readme = new String(Files.readAllBytes(README), UTF_8);
    List<String> zoneNames = new ArrayList<>();
    for (MockZone zone : MockNodesServer.DEFAULT_ZONES) {
      zoneNames.add(zone.name());
      assertTrue(readme.contains("`" + zone.name() + "`"), zone.name() + " is not named");
    }
    Matcher zones = Pattern.compile("\\.zone\\(\"([^\"]*)\"\\)").matcher(readme);
    int zonesUsed = 0;
    while (zones.find()) {
      zonesUsed++;
      assertTrue(zoneNames.contains(zones.group(1)), zones.group(1) + " is not a stand-in zone");
    }
    assertTrue(zonesUsed > 0, "no snippet creates a node in a zone");
    Matcher images = Pattern.compile("vmi_[0-9a-f]{16}").matcher(readme);
    int imagesNamed = 0;
    while (images.find()) {
      imagesNamed++;
      assertEquals(MockNodesServer.DEFAULT_IMAGE.imageId(), images.group());
    }
    assertTrue(imagesNamed > 0, "the stand-in's image is not named");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "FirstCall, zone hayesvalley: H100",
    "CreateRedeployWait, now running vm_",
    "Embedded, 'Running,'"
  })
  void aReadmeProgramRunsOnTheStandIn(String program, String printed) throws Exception {
    String source = program(program).replace(FROM_ENV, FROM_STAND_IN);
    Path classes = compile(program, source);
    PrintStream console = System.out;
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    try (MockNodesServer server =
        MockNodesServer.builder().transitionDelay(Duration.ZERO).start()) {
      System.setProperty("readme.baseUrl", server.baseUrl());
      System.setProperty("readme.token", server.token());
      try (URLClassLoader loader =
          new URLClassLoader(new URL[] {classes.toUri().toURL()}, getClass().getClassLoader())) {
        Method main = loader.loadClass(program).getMethod("main", String[].class);
        System.setOut(new PrintStream(output, true, "UTF-8"));
        main.invoke(null, (Object) new String[0]);
      } finally {
        System.setOut(console);
      }
      assertTrue(
          new String(output.toByteArray(), UTF_8).contains(printed), output.toString("UTF-8"));
      if (program.equals("CreateRedeployWait")) {
        Node node = server.state().node("cuda-crunch");
        assertEquals(1, server.counters().redeploys());
        assertEquals(MockNodesServer.DEFAULT_IMAGE.imageId(), node.getCurrentVm().getImageId());
      } else if (program.equals("FirstCall")) {
        assertEquals(1, server.counters().requests("GET", "/v0/zones"));
      }
    } finally {
      System.clearProperty("readme.baseUrl");
      System.clearProperty("readme.token");
    }
  }

  /** The README block that declares {@code public class <name>}, with its environment reads. */
  private static String program(String name) throws IOException {
    String readme = new String(Files.readAllBytes(README), UTF_8);
    for (Block block : ReadmeSnippetsTest.blocks(readme)) {
      if (block.language.equals("java") && block.code.contains("public class " + name + " {")) {
        if (!name.equals("Embedded")) {
          assertNotEquals(-1, block.code.indexOf(FROM_ENV), name + " no longer reads the env");
        }
        return block.code;
      }
    }
    throw new AssertionError("no README program named " + name);
  }

  private static Path compile(String className, String source) throws IOException {
    Path out = Files.createTempDirectory("readme-program");
    List<String> errors = ReadmeSnippetsTest.compile(className, source, out);
    assertTrue(errors.isEmpty(), className + " does not compile: " + errors);
    return out;
  }
}
