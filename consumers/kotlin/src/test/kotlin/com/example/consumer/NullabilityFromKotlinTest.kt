package com.example.consumer

import java.io.File
import java.nio.file.Files
import java.nio.file.Path
import org.jetbrains.kotlin.cli.common.ExitCode
import org.jetbrains.kotlin.cli.common.messages.CompilerMessageSeverity
import org.jetbrains.kotlin.cli.common.messages.CompilerMessageSourceLocation
import org.jetbrains.kotlin.cli.common.messages.MessageCollector
import org.jetbrains.kotlin.cli.jvm.K2JVMCompiler
import org.jetbrains.kotlin.config.Services
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.BeforeAll
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.TestInstance
import org.junit.jupiter.api.io.TempDir

/**
 * What Kotlin sees of the SDK's nullability, read from the compiler itself.
 *
 * Declaring `val zone: String? = node.zone` proves little: a platform type (`String!`, Kotlin's
 * "nullability unknown") goes into `String?` and `String` alike. And a file that must not compile
 * cannot sit in the build. So this test compiles small snippets against the test classpath (the
 * published SDK jars, as a user gets them) with the build's own compiler, and reads what the
 * compiler says:
 * - each expression is returned where a type nothing converts to (`Probe`) is expected; the error
 *   names the expression's exact type: `String?`, `String`, or `String!` for a platform type;
 * - `null` passed for a parameter the API declares non-null is an error.
 *
 * Two controls: with `-Xjspecify-annotations=ignore` every one of these types is a platform type
 * and the `null` compiles (so the real types come from the SDK's JSpecify annotations), and with no
 * flag the result is the strict one (JSpecify is strict by default since Kotlin 2.1).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NullabilityFromKotlinTest {
    /** `expression`, over `parameters`, has type `type` in Kotlin. */
    private class TypeClaim(val name: String, val parameters: String, val expression: String, val type: String)

    private val typeClaims = listOf(
        // Generated models (package com.sfcompute.nodes.model is @NullMarked): optional properties
        // are @Nullable, required ones not.
        TypeClaim("NodeZone", "node: Node", "node.zone", "String?"),
        TypeClaim("NodeId", "node: Node", "node.id", "String"),
        TypeClaim("NodeName", "node: Node", "node.name", "String"),
        TypeClaim("NodeEndAt", "node: Node", "node.endAt", "Long?"),
        TypeClaim("NodeCurrentVm", "node: Node", "node.currentVm", "Vm?"),
        TypeClaim("VmId", "vm: Vm", "vm.id", "String"),
        TypeClaim("VmImageId", "vm: Vm", "vm.imageId", "String?"),
        TypeClaim("VmListElement", "vms: VmList", "vms.data[0]", "Vm"),
        // The hand-written API (com.sfcompute.nodes, .errors and .mock are @NullMarked).
        TypeClaim("SfcNodesBaseUrl", "client: SfcNodes", "client.baseUrl()", "String"),
        TypeClaim("WaitersRedeployAndWait", "w: Waiters, p: RedeployParams", "w.redeployAndWait(\"n\", p)", "Node"),
        TypeClaim("KnownValuesParse", "vm: Vm", "KnownValues.parse(VmStatus::class.java, vm.status)", "VmStatus?"),
        TypeClaim("FleetResultValue", "r: FleetResult<Node>", "r.value()", "Node?"),
        TypeClaim("FleetResultGetOrThrow", "r: FleetResult<Node>", "r.getOrThrow()", "Node"),
        TypeClaim("WaitTimeoutLastSeen", "e: WaitTimeoutException", "e.lastSeen()", "Node?"),
        TypeClaim("UserDataText", "u: UserData", "u.text()", "String"),
        TypeClaim("MockStateUserDataOf", "s: MockState", "s.userDataOf(\"vm_1\")", "ByteArray?"),
        TypeClaim("MockNodesServerBaseUrl", "s: MockNodesServer", "s.baseUrl()", "String"),
    )

    /** Parameters the API declares non-null: `null` is a compile error, not a runtime NPE. */
    private val nullArguments = mapOf(
        "NodesGetNull" to "fun f(client: SfcNodes) { client.nodes().get(null) }",
        "UserDataOfTextNull" to "fun f() { UserData.ofText(null) }",
    )

    private lateinit var sources: Path
    private lateinit var classpath: String

    @BeforeAll
    fun writeSnippets(@TempDir dir: Path) {
        sources = Files.createDirectories(dir.resolve("src"))
        val snippets = typeClaims.associate { it.name to "fun f(${it.parameters}): Probe = ${it.expression}" } +
            nullArguments
        for ((name, body) in snippets) {
            // A package each: every snippet declares its own `f`.
            Files.writeString(sources.resolve("$name.kt"), "package snippets.${name.lowercase()}\n\n$IMPORTS$body\n")
        }
        Files.writeString(sources.resolve("Probe.kt"), "package snippets\n\nclass Probe\n")
        // Surefire puts the test classpath in java.class.path: the SDK jars as a user gets them.
        classpath = System.getProperty("java.class.path")
            .split(File.pathSeparator)
            .filter { File(it).exists() } // target/classes: none, this build has only tests
            .joinToString(File.pathSeparator)
    }

    @Test
    fun strictJSpecifyGivesKotlinTypesNotPlatformTypes(@TempDir out: Path) {
        val result = compile(out, "-Xjspecify-annotations=strict")
        println("What Kotlin ${KotlinVersion.CURRENT} sees of the SDK (strict JSpecify):")
        typeClaims.forEach { println("  ${it.expression}: ${result.typeOf(it.name)}") }

        for (claim in typeClaims) {
            assertEquals(claim.type, result.typeOf(claim.name), "${claim.name}: ${result.of(claim.name)}")
        }
        for (name in nullArguments.keys) {
            assertEquals(
                listOf("Null cannot be a value of a non-null type 'String'."),
                result.of(name).map { it.message },
                name,
            )
        }
    }

    @Test
    fun strictIsTheDefault(@TempDir out: Path) {
        val strict = compile(out.resolve("strict"), "-Xjspecify-annotations=strict")
        val byDefault = compile(out.resolve("default"))
        assertEquals(strict.diagnostics, byDefault.diagnostics)
    }

    @Test
    fun withoutTheAnnotationsEveryTypeIsAPlatformType(@TempDir out: Path) {
        // The control: JSpecify ignored, Kotlin knows nothing of the SDK's nullability.
        val result = compile(out, "-Xjspecify-annotations=ignore")
        for (claim in typeClaims) {
            assertEquals(claim.type.removeSuffix("?") + "!", result.typeOf(claim.name), claim.name)
        }
        for (name in nullArguments.keys) {
            assertEquals(emptyList<Diagnostic>(), result.of(name), name)
        }
    }

    private data class Diagnostic(val file: String, val severity: CompilerMessageSeverity, val message: String)

    private class Result(val exitCode: ExitCode, val diagnostics: List<Diagnostic>) {
        fun of(name: String) = diagnostics.filter { it.file == "$name.kt" }

        /** The actual type named by the one error of a type claim's snippet. */
        fun typeOf(name: String): String {
            val messages = of(name).map { it.message }
            val types = messages.mapNotNull { TYPE_MISMATCH.find(it)?.groupValues?.get(1) }
            require(types.size == 1 && messages.size == 1) { "$name: expected one type mismatch, got $messages" }
            return types.single()
        }
    }

    private fun compile(out: Path, vararg extraArgs: String): Result {
        val diagnostics = mutableListOf<Diagnostic>()
        val collector = object : MessageCollector {
            override fun clear() = diagnostics.clear()

            override fun hasErrors() = diagnostics.any { it.severity.isError }

            override fun report(
                severity: CompilerMessageSeverity,
                message: String,
                location: CompilerMessageSourceLocation?,
            ) {
                if (severity.isError || severity.isWarning) {
                    val file = location?.path?.let { File(it).name } ?: "<no file>"
                    diagnostics += Diagnostic(file, severity, message)
                }
            }
        }
        val compiler = K2JVMCompiler()
        val arguments = compiler.createArguments()
        compiler.parseArguments(
            arrayOf(
                "-classpath", classpath,
                "-d", out.toString(),
                "-no-stdlib", // it is on the classpath already
                "-no-reflect",
                "-jvm-target", "17",
                "-module-name", "snippets",
                *extraArgs,
                sources.toString(),
            ),
            arguments,
        )
        val exitCode = compiler.exec(collector, Services.EMPTY, arguments)
        // Every snippet is wrong on purpose; anything but a compilation error is a broken harness.
        assertEquals(ExitCode.COMPILATION_ERROR, exitCode, diagnostics.toString())
        assertEquals(emptyList<Diagnostic>(), diagnostics.filter { it.file == "<no file>" })
        return Result(exitCode, diagnostics.toList())
    }

    private companion object {
        val TYPE_MISMATCH = Regex("""^Return type mismatch: expected 'Probe', actual '(.+)'\.$""")

        val IMPORTS = """
            import com.sfcompute.nodes.*
            import com.sfcompute.nodes.errors.WaitTimeoutException
            import com.sfcompute.nodes.mock.MockNodesServer
            import com.sfcompute.nodes.mock.MockState
            import com.sfcompute.nodes.model.*
            import snippets.Probe

        """.trimIndent() + "\n"
    }
}
