package com.sfcompute.nodes.internal.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sfcompute.nodes.internal.api.NodesApi;
import com.sfcompute.nodes.internal.api.VmsApi;
import com.sfcompute.nodes.internal.api.ZonesApi;
import java.lang.reflect.Method;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Every operation the spec declares has an event name, one of its own: a new one fails here. */
class CallEventsTest {
  @Test
  void everyGeneratedOperationHasItsOwnEventName() {
    Set<String> names = new HashSet<>();
    int operations = 0;
    for (Class<?> api : new Class<?>[] {NodesApi.class, VmsApi.class, ZonesApi.class}) {
      for (Method method : api.getMethods()) {
        if (method.isDefault() || java.lang.reflect.Modifier.isStatic(method.getModifiers())) {
          continue;
        }
        operations++;
        assertTrue(
            CallEvents.named(method.getName()),
            api.getSimpleName() + "." + method.getName() + " has no event name in CallEvents");
        String name = CallEvents.operation(method.getName());
        assertTrue(name.matches("[a-z]+(\\.[a-z]+)+"), name);
        assertTrue(names.add(name), "two operations named " + name);
      }
    }
    assertEquals(15, operations, "the spec's 15 operations");
  }

  @Test
  void templatesAreThePathsAsTheSpecWritesThem() {
    Endpoint redeploy = null;
    for (Endpoint e : Endpoint.of(NodesApi.class, SfcJson.gson())) {
      if (e.method.getName().equals("redeployNode")) {
        redeploy = e;
      }
    }
    assertEquals("/v1/nodes/{id}/redeploy", redeploy.pathTemplate());
  }
}
