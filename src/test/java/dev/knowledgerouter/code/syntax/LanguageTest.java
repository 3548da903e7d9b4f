package dev.knowledgerouter.code.syntax;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** File names map to the grammar that parses them, to TEXT for config and docs, or to nothing. */
class LanguageTest {
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "App.java, JAVA",
        "models.py, PYTHON",
        "stubs.pyi, PYTHON",
        "index.js, JAVASCRIPT",
        "Button.jsx, JAVASCRIPT",
        "server.mjs, JAVASCRIPT",
        "main.ts, TYPESCRIPT",
        "types.d.ts, TYPESCRIPT",
        "Button.tsx, TSX",
        "main.go, GO",
        "lib.rs, RUST",
        "README.md, TEXT",
        "kr.yaml, TEXT",
        "Cargo.toml, TEXT",
        "pom.xml, TEXT",
        "build.gradle, TEXT",
        "build.gradle.kts, TEXT",
        "Dockerfile, TEXT",
        "Dockerfile.dev, TEXT",
        "Makefile, TEXT",
        "go.mod, TEXT",
        "LICENSE, TEXT",
        "MAIN.GO, GO",
        "logo.png, ",
        "main.c, ",
        ".env, ",
        ".gitignore, ",
        "run, ",
    })
    void fileNamesMapToTheirLanguage(String name, Language expected) {
        assertEquals(Optional.ofNullable(expected), Language.of(name));
    }
}
