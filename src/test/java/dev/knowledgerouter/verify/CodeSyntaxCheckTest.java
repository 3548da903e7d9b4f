package dev.knowledgerouter.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Fenced code checked with the bundled tree-sitter grammars and Jackson; fragments parse as fragments. */
class CodeSyntaxCheckTest {
    private static final CodeSyntaxCheck CHECK = new CodeSyntaxCheck();

    @AfterAll
    static void close() {
        CHECK.close();
    }

    private static CheckResult check(String answer) {
        return CHECK.check(AnswerUnderReview.of("Show me how.", answer));
    }

    @Test
    void javaThatDoesNotParseFailsWithItsLine() {
        CheckResult r = check("Like this:\n\n```java\npublic class A {\n    void run( {\n}\n```\n");
        assertTrue(r.failed());
        assertEquals("the java block at line 3 does not parse", r.reason());
        assertEquals(1, r.feature(CodeSyntaxCheck.BROKEN));
    }

    @Test
    void javaFragmentsParseAsMembersOrStatements() {
        assertFalse(check(
                        "```java\nprivate final Map<String, Integer> counts = new HashMap<>();\n\npublic int count(String k)"
                                + " {\n"
                                + "    return counts.getOrDefault(k, 0);\n}\n```")
                .failed());
        assertFalse(check("```java\nList<String> names = users.stream().map(User::name).toList();\n...\n"
                        + "return names;\n```")
                .failed());
    }

    @Test
    void pythonGoRustAndTypeScriptAreChecked() {
        assertTrue(check("```python\ndef f(x)\n    return x\n```").failed());
        assertFalse(check("```python\n    def f(x):\n        return x\n```").failed());
        assertFalse(check("```go\nctx, cancel := context.WithTimeout(ctx, time.Second)\ndefer cancel()\n```")
                .failed());
        assertTrue(check("```go\nfunc main() {\n    fmt.Println(\"hi\"\n}\n```").failed());
        assertFalse(check("```rust\nlet v: Vec<i32> = Vec::new();\nprintln!(\"{}\", v.len());\n```")
                .failed());
        assertTrue(check("```ts\nconst x: number = ;\n```").failed());
    }

    @Test
    void jsonAndYamlGoThroughJackson() {
        assertTrue(check("```json\n{\"name\": \"kr\", \"port\": 8080,}\n```").failed());
        assertFalse(check("```json\n{\"name\": \"kr\", \"port\": 8080}\n```").failed());
        assertTrue(check("```yaml\nserver:\n  port: 8080\n   host: x\n```").failed());
        assertFalse(
                check("```yml\nserver:\n  port: 8080\n---\nother: true\n```").failed());
    }

    @Test
    void anUntaggedBlockIsCheckedWhenItsLanguageIsPlain() {
        assertTrue(check("```\n{\"a\": 1, \"b\": }\n```").failed());
        assertEquals(1, check("```\npublic class A { void f() { } }\n```").feature(CodeSyntaxCheck.BLOCKS));
    }

    @Test
    void shellAndUnknownLanguagesAreNotChecked() {
        CheckResult r = check("```bash\nif [ -f x ; then\n```\n```\nsome text (\n```");
        assertFalse(r.failed());
        assertEquals(0, r.feature(CodeSyntaxCheck.BLOCKS));
    }
}
