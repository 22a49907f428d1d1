package com.example.consumer

import java.io.File
import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.Paths
import org.jetbrains.kotlin.cli.common.ExitCode
import org.jetbrains.kotlin.cli.common.messages.CompilerMessageSeverity
import org.jetbrains.kotlin.cli.common.messages.CompilerMessageSourceLocation
import org.jetbrains.kotlin.cli.common.messages.MessageCollector
import org.jetbrains.kotlin.cli.jvm.K2JVMCompiler
import org.jetbrains.kotlin.config.Services
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertNotEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.io.TempDir

/**
 * Every ```kotlin block of the repository's README.md compiles against the SDK as a Kotlin user
 * gets it (the Java blocks are compiled by the root build's ReadmeSnippetsTest). A block is the
 * body of one fixed function: `fun snippet(script: String) { ... }`, with the SDK's packages
 * imported.
 */
class ReadmeKotlinSnippetsTest {
    private val readme: Path = Paths.get("..", "..", "README.md")

    private fun blocks(): List<Pair<Int, String>> {
        val lines = Files.readAllLines(readme)
        val blocks = mutableListOf<Pair<Int, String>>()
        var i = 0
        while (i < lines.size) {
            if (lines[i].trim() == "```kotlin") {
                val start = i + 1
                i = start
                val code = StringBuilder()
                while (i < lines.size && !lines[i].startsWith("```")) {
                    code.append(lines[i]).append('\n')
                    i++
                }
                blocks += start to code.toString()
            }
            i++
        }
        return blocks
    }

    private fun source(code: String) = IMPORTS + "fun snippet(script: String) {\n" + code + "}\n"

    @Test
    fun everyKotlinSnippetCompiles(@TempDir dir: Path) {
        val blocks = blocks()
        assertTrue(blocks.isNotEmpty(), "no ```kotlin block in ${readme.toAbsolutePath()}")
        for ((line, code) in blocks) {
            val errors = compile(dir.resolve("b$line"), source(code))
            assertEquals(emptyList<String>(), errors, "kotlin block at README.md:$line\n${source(code)}")
        }
    }

    @Test
    fun aBrokenSnippetFails(@TempDir dir: Path) {
        // The harness itself: a snippet that cannot compile must not pass.
        val errors = compile(dir, source("val zone: String = SfcNodes.fromEnv().nodes().get(\"n\").zone\n"))
        assertNotEquals(emptyList<String>(), errors)
    }

    private fun compile(dir: Path, text: String): List<String> {
        val src = Files.createDirectories(dir.resolve("src"))
        Files.writeString(src.resolve("Snippet.kt"), text)
        val errors = mutableListOf<String>()
        val collector = object : MessageCollector {
            override fun clear() = errors.clear()

            override fun hasErrors() = errors.isNotEmpty()

            override fun report(
                severity: CompilerMessageSeverity,
                message: String,
                location: CompilerMessageSourceLocation?,
            ) {
                if (severity.isError) {
                    errors += "${location?.line}: $message"
                }
            }
        }
        val classpath = System.getProperty("java.class.path")
            .split(File.pathSeparator)
            .filter { File(it).exists() }
            .joinToString(File.pathSeparator)
        val compiler = K2JVMCompiler()
        val arguments = compiler.createArguments()
        compiler.parseArguments(
            arrayOf(
                "-classpath", classpath,
                "-d", dir.resolve("out").toString(),
                "-no-stdlib",
                "-no-reflect",
                "-jvm-target", "17",
                "-module-name", "readme",
                src.toString(),
            ),
            arguments,
        )
        val exitCode = compiler.exec(collector, Services.EMPTY, arguments)
        if (exitCode != ExitCode.OK && errors.isEmpty()) {
            errors += "kotlinc: $exitCode"
        }
        return errors
    }

    private companion object {
        val IMPORTS = """
            import com.sfcompute.nodes.*
            import com.sfcompute.nodes.model.*

        """.trimIndent() + "\n"
    }
}
