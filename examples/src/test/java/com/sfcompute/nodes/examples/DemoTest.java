package com.sfcompute.nodes.examples;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The README's demo keeps working: it runs the whole redeploy story on the stand-in. */
class DemoTest {
  @Test
  void theDemoRedeploysANodeWithNewUserDataAndShowsTheOldVmDestroyed() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    Demo.runOnStandIn(new PrintStream(bytes, true, "UTF-8"), Duration.ofMillis(100));

    String out = new String(bytes.toByteArray(), UTF_8);
    assertTrue(out.contains("Creating nodes demo-1 and demo-2"), out);
    assertTrue(out.matches("(?s).*old VM vm_\\S+: (?i:destroyed).*"), out);
    assertTrue(out.matches("(?s).*new VM vm_\\S+: (?i:running), image \\S+ \\(kept\\).*"), out);
    assertTrue(
        out.contains("user data the new VM got: \"#cloud-config\\nruncmd:\\n  - echo redeployed"),
        out);
    assertTrue(out.contains("demo-1 is running its new VM."), out);
  }
}
