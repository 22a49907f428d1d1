package com.example.consumer;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sfcompute.nodes.CreateNodesParams;
import com.sfcompute.nodes.KnownValues;
import com.sfcompute.nodes.RedeployParams;
import com.sfcompute.nodes.SfcNodes;
import com.sfcompute.nodes.UserData;
import com.sfcompute.nodes.mock.MockClock;
import com.sfcompute.nodes.mock.MockNodesServer;
import com.sfcompute.nodes.model.Node;
import com.sfcompute.nodes.model.Vm;
import com.sfcompute.nodes.model.VmStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The SDK as a Java user gets it: the BOM, {@code sfc-nodes} and the stand-in, nothing else. A
 * node is created with user data, redeployed with new user data, and its nullable fields are read
 * through {@link Optional}.
 */
class RedeployFromJavaTest {
  private static final String FIRST_BOOT = "#cloud-config\nruncmd:\n  - echo first boot\n";
  private static final String SECOND_BOOT = "#cloud-config\nruncmd:\n  - echo redeployed\n";

  @Test
  void redeployWithNewUserDataStartsAnotherVmThatRuns() {
    // One fake clock for both sides; the client's sleeper advances it, so waits take no real time.
    MockClock clock = MockClock.create();
    Instant start = clock.instant();
    long realStart = System.nanoTime();
    try (MockNodesServer server =
            MockNodesServer.builder()
                .clock(clock)
                .transitionDelay(Duration.ofSeconds(30))
                .seed(7)
                .start();
        SfcNodes client =
            SfcNodes.builder()
                .baseUrl(server.baseUrl())
                .bearerToken(server.token())
                .clock(clock)
                .sleeper(clock::advance)
                .build()) {
      String zone = client.zones().list().getData().get(0).getName();
      client
          .nodes()
          .create(
              CreateNodesParams.builder()
                  .desiredCount(1)
                  .maxPricePerNodeHour(1600)
                  .zone(zone)
                  .names("consumer-java")
                  .userData(UserData.ofText(FIRST_BOOT))
                  .build());

      Node running = client.waiters().waitUntilRunning("consumer-java");
      Vm oldVm = Optional.ofNullable(running.getCurrentVm()).orElseThrow();
      assertArrayEquals(FIRST_BOOT.getBytes(UTF_8), server.state().userDataOf(oldVm.getId()));

      Node after =
          client
              .waiters()
              .redeployAndWait(
                  "consumer-java",
                  RedeployParams.builder().userData(UserData.ofText(SECOND_BOOT)).build());

      Vm newVm = Optional.ofNullable(after.getCurrentVm()).orElseThrow();
      assertNotEquals(oldVm.getId(), newVm.getId());
      assertEquals(VmStatus.RUNNING, KnownValues.parse(VmStatus.class, newVm.getStatus()));
      assertArrayEquals(SECOND_BOOT.getBytes(UTF_8), server.state().userDataOf(newVm.getId()));
      // The image was inherited: the redeploy only replaced the user data.
      assertEquals(oldVm.getImageId(), newVm.getImageId());

      // Nullable properties (@Nullable in the JSpecify-annotated models) through Optional;
      // required ones (getId, getName) directly.
      assertEquals(Optional.of(zone), Optional.ofNullable(after.getZone()));
      assertEquals("consumer-java", after.getName());
      assertEquals(running.getId(), after.getId());
      int vmsSeen = Optional.ofNullable(after.getVms()).map(vms -> vms.getData().size()).orElse(0);
      assertTrue(vmsSeen >= 2, "old and new VM listed, got " + vmsSeen);
      assertEquals(
          Optional.empty(), Optional.ofNullable(KnownValues.parse(VmStatus.class, "no-such")));

      assertTrue(clock.instant().isAfter(start), "the waiters advanced the fake clock");
    }
    long realSeconds = Duration.ofNanos(System.nanoTime() - realStart).getSeconds();
    assertTrue(realSeconds < 20, "waits took real time: " + realSeconds + " s");
  }
}
