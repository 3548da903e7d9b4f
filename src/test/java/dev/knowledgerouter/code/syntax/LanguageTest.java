package dev.knowledgerouter.code.syntax;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** File names map to the grammar or format that reads them, to TEXT for other config and docs, or to nothing. */
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
        "README.md, MARKDOWN",
        "kr.yaml, YAML",
        "compose.yml, YAML",
        "package.json, JSON",
        "Cargo.toml, TOML",
        "pom.xml, XML",
        "main.tf, TERRAFORM",
        "schema.sql, SQL",
        "api.proto, PROTOBUF",
        "schema.graphql, GRAPHQL",
        "build.gradle, TEXT",
        "build.gradle.kts, KOTLIN",
        "Dockerfile, DOCKERFILE",
        "Dockerfile.dev, DOCKERFILE",
        "api.dockerfile, DOCKERFILE",
        "Makefile, MAKEFILE",
        "rules.mk, MAKEFILE",
        "go.mod, GO_MOD",
        "LICENSE, TEXT",
        "notes.txt, TEXT",
        "MAIN.GO, GO",
        "main.c, C",
        "util.h, CPP",
        "engine.cpp, CPP",
        "engine.hpp, CPP",
        "Program.cs, CSHARP",
        "Main.kt, KOTLIN",
        "index.php, PHP",
        "user.rb, RUBY",
        "Rakefile, RUBY",
        "Gemfile, RUBY",
        ".env, ENV",
        ".env.example, ENV",
        "logo.png, ",
        ".gitignore, ",
        "run, ",
    })
    void fileNamesMapToTheirLanguage(String name, Language expected) {
        assertEquals(Optional.ofNullable(expected), Language.of(name));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "dockerfile.ts, TYPESCRIPT",
        "Dockerfile.go, GO",
        "makefile.py, PYTHON",
        "Containerfile.rs, RUST",
        "Rakefile.js, JAVASCRIPT",
    })
    void aSourceExtensionWinsOverANameRule(String name, Language expected) {
        assertEquals(Optional.of(expected), Language.of(name));
    }

    @Test
    void formatsAreNeitherCodeNorPlainText() {
        assertTrue(Language.DOCKERFILE.isFormat());
        assertFalse(Language.DOCKERFILE.isCode());
        assertTrue(Language.RUBY.isCode());
        assertFalse(Language.TEXT.isFormat());
        assertEquals("c", Language.CPP.family());
        assertEquals(Language.C.family(), Language.CPP.family());
    }
}
