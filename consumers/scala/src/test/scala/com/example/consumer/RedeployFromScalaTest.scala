package com.example.consumer

import com.sfcompute.nodes.{CreateNodesParams, KnownValues, RedeployParams, SfcNodes, UserData}
import com.sfcompute.nodes.mock.{MockClock, MockNodesServer}
import com.sfcompute.nodes.model.{Node, Vm, VmStatus}
import java.nio.charset.StandardCharsets.UTF_8
import java.time.Duration
import org.junit.jupiter.api.Assertions.{assertArrayEquals, assertEquals, assertNotEquals, assertTrue}
import org.junit.jupiter.api.Test
import scala.jdk.CollectionConverters.*
import scala.util.Using

/** The SDK as a Scala user gets it: the BOM, `sfc-nodes` and the stand-in, nothing else. Values the
  * SDK documents as nullable (`@Nullable`) are read through `Option`; the others directly.
  */
class RedeployFromScalaTest:
  private val FirstBoot = "#cloud-config\nruncmd:\n  - echo first boot\n"
  private val SecondBoot = "#cloud-config\nruncmd:\n  - echo redeployed\n"

  @Test
  def redeployWithNewUserDataStartsAnotherVmThatRuns(): Unit =
    // One fake clock for both sides; the client's sleeper advances it: waits take no real time.
    val clock = MockClock.create()
    val realStart = System.nanoTime()
    Using.resource(
      MockNodesServer.builder().clock(clock).transitionDelay(Duration.ofSeconds(30)).seed(7).start()
    ) { server =>
      Using.resource(
        SfcNodes.builder()
          .baseUrl(server.baseUrl())
          .bearerToken(server.token())
          .clock(clock)
          .sleeper(d => clock.advance(d))
          .build()
      )(client => redeploy(server, client))
    }
    val realSeconds = Duration.ofNanos(System.nanoTime() - realStart).toSeconds
    assertTrue(realSeconds < 20, s"waits took real time: $realSeconds s")

  private def redeploy(server: MockNodesServer, client: SfcNodes): Unit =
    val zone = client.zones().list().getData.asScala.head.getName
    client
      .nodes()
      .create(
        CreateNodesParams.builder()
          .desiredCount(1)
          .maxPricePerNodeHour(1600)
          .zone(zone)
          .names("consumer-scala")
          .userData(UserData.ofText(FirstBoot))
          .build()
      )

    val running = client.waiters().waitUntilRunning("consumer-scala")
    val oldVm: Vm = Option(running.getCurrentVm).getOrElse(fail("a running node has a VM"))
    assertArrayEquals(FirstBoot.getBytes(UTF_8), server.state().userDataOf(oldVm.getId))

    val after: Node = client
      .waiters()
      .redeployAndWait("consumer-scala", RedeployParams.builder().userData(UserData.ofText(SecondBoot)).build())

    val newVm: Vm = Option(after.getCurrentVm).getOrElse(fail(s"node ${after.getId} has no current VM"))
    assertEquals(running.getId, after.getId)
    assertNotEquals(oldVm.getId, newVm.getId)
    assertEquals(Some(VmStatus.RUNNING), Option(KnownValues.parse(classOf[VmStatus], newVm.getStatus)))
    assertEquals(None, Option(KnownValues.parse(classOf[VmStatus], "no-such-status")))
    assertEquals(
      Some(SecondBoot),
      Option(server.state().userDataOf(newVm.getId)).map(new String(_, UTF_8))
    )
    // The redeploy kept the image.
    assertEquals(Option(oldVm.getImageId), Option(newVm.getImageId))

    // Nullable properties through Option; required ones (getId, getName) directly.
    assertEquals(Some(zone), Option(after.getZone))
    assertEquals("consumer-scala", after.getName)
    val vmsListed = Option(after.getVms).map(_.getData.size).getOrElse(0)
    assertTrue(vmsListed >= 2, s"old and new VM listed, got $vmsListed")

  private def fail(message: String): Nothing = throw new AssertionError(message)
