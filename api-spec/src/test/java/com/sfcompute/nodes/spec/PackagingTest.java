package com.sfcompute.nodes.spec;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import org.junit.jupiter.api.Test;

/** Other builds find the document on the classpath under its published name. */
final class PackagingTest {
  @Test
  void documentIsOnTheClasspathUnderItsPublishedName() {
    URL url = Thread.currentThread().getContextClassLoader().getResource(Spec.RESOURCE);

    assertNotNull(url, Spec.RESOURCE + " not on the classpath");
    // From the module's own output, not a copy among the test resources.
    assertFalse(url.toString().contains("test-classes"), url.toString());
    assertTrue(Spec.text().startsWith("openapi: 3.0.3\n"), "not an OpenAPI 3.0.3 document");
  }
}
