package com.example.consumer

import com.sfcompute.nodes.CreateNodesParams
import com.sfcompute.nodes.KnownValues
import com.sfcompute.nodes.RedeployParams
import com.sfcompute.nodes.SfcNodes
import com.sfcompute.nodes.UserData
import com.sfcompute.nodes.mock.MockClock
import com.sfcompute.nodes.mock.MockNodesServer
import com.sfcompute.nodes.model.Node
import com.sfcompute.nodes.model.Vm
import com.sfcompute.nodes.model.VmStatus
import java.time.Duration
import org.junit.jupiter.api.Assertions.assertArrayEquals
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertNotEquals
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test

/**
 * The SDK as a Kotlin user gets it: the BOM, `sfc-nodes` and the stand-in, nothing else. The
 * declared types below compile only because the SDK's JSpecify annotations give Kotlin real
 * nullability (this build passes `-Werror`); [NullabilityFromKotlinTest] shows the wrong ones fail.
 */
class RedeployFromKotlinTest {
    @Test
    fun redeployWithNewUserDataStartsAnotherVmThatRuns() {
        // One fake clock for both sides; the client's sleeper advances it: waits take no real time.
        val clock = MockClock.create()
        val realStart = System.nanoTime()
        MockNodesServer.builder()
            .clock(clock)
            .transitionDelay(Duration.ofSeconds(30))
            .seed(7)
            .start()
            .use { server ->
                SfcNodes.builder()
                    .baseUrl(server.baseUrl())
                    .bearerToken(server.token())
                    .clock(clock)
                    .sleeper { clock.advance(it) }
                    .build()
                    .use { client -> redeploy(server, client) }
            }
        val realSeconds = Duration.ofNanos(System.nanoTime() - realStart).seconds
        assertTrue(realSeconds < 20, "waits took real time: $realSeconds s")
    }

    private fun redeploy(server: MockNodesServer, client: SfcNodes) {
        val baseUrl: String = client.baseUrl() // non-null in the hand-written API
        assertTrue(baseUrl.startsWith(server.baseUrl()), baseUrl)

        val zone: String = client.zones().list().data.first().name // required in the spec
        client.nodes().create(
            CreateNodesParams.builder()
                .desiredCount(1)
                .maxPricePerNodeHour(1600)
                .zone(zone)
                .names("consumer-kotlin")
                .userData(UserData.ofText(FIRST_BOOT))
                .build(),
        )

        val running: Node = client.waiters().waitUntilRunning("consumer-kotlin")
        val oldVm: Vm = checkNotNull(running.currentVm) { "a running node has a VM" }
        assertArrayEquals(FIRST_BOOT.toByteArray(), server.state().userDataOf(oldVm.id))

        val after: Node = client.waiters().redeployAndWait(
            "consumer-kotlin",
            RedeployParams.builder().userData(UserData.ofText(SECOND_BOOT)).build(),
        )

        // Models: optional properties are String? / Vm? / Long?, required ones String.
        val id: String = after.id
        val name: String = after.name
        val nodeZone: String? = after.zone
        val newVm: Vm = after.currentVm ?: error("node $id ($name) has no current VM")
        val newVmId: String = newVm.id
        val imageId: String? = newVm.imageId

        assertEquals(running.id, id)
        assertNotEquals(oldVm.id, newVmId)
        assertEquals(zone, nodeZone)
        assertEquals("consumer-kotlin", name)
        assertEquals(oldVm.imageId, imageId) // the redeploy kept the image
        assertEquals(SECOND_BOOT, server.state().userDataOf(newVmId)?.decodeToString())
        assertTrue((after.vms?.data?.size ?: 0) >= 2, "old and new VM listed")
        assertEquals(zone.length, nodeZone?.length)

        // Hand-written API: KnownValues.parse is @Nullable, so the result is VmStatus?.
        val status: VmStatus? = KnownValues.parse(VmStatus::class.java, newVm.status)
        assertEquals(VmStatus.RUNNING, status)
        val unknown: VmStatus? = KnownValues.parse(VmStatus::class.java, "no-such-status")
        assertNull(unknown)
        assertEquals("unknown", unknown?.name ?: "unknown")
    }

    private companion object {
        const val FIRST_BOOT = "#cloud-config\nruncmd:\n  - echo first boot\n"
        const val SECOND_BOOT = "#cloud-config\nruncmd:\n  - echo redeployed\n"
    }
}
