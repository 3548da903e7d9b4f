package dev.knowledgerouter.code.scan;

import static dev.knowledgerouter.code.scan.GitIgnore.Verdict.IGNORED;
import static dev.knowledgerouter.code.scan.GitIgnore.Verdict.INCLUDED;
import static dev.knowledgerouter.code.scan.GitIgnore.Verdict.NO_MATCH;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Git's pattern rules, case by case, as {@code git check-ignore} would answer them. */
class GitIgnoreTest {
    static GitIgnore root(String content) {
        return GitIgnore.parse("", content);
    }

    static GitIgnore.Verdict file(GitIgnore rules, String path) {
        return rules.match(path, false);
    }

    @Test
    void commentsBlankLinesAndWhitespaceOnlyLinesHoldNoRules() {
        assertTrue(root("# *.java\n\n   \n").isEmpty());
        assertEquals(NO_MATCH, file(root("#notes.md\n"), "#notes.md"));
        assertEquals(IGNORED, file(root("\\#notes.md\n"), "#notes.md"));
    }

    @Test
    void aPatternWithoutASlashMatchesAtAnyDepth() {
        GitIgnore rules = root("*.log\n");
        assertEquals(IGNORED, file(rules, "a.log"));
        assertEquals(IGNORED, file(rules, "x/y/a.log"));
        assertEquals(NO_MATCH, file(rules, "a.log.txt"));
    }

    @Test
    void aPlainNameMatchesWholeNamesOnlyAndAStarredEndingTheLastName() {
        GitIgnore name = root("target\n");
        assertEquals(IGNORED, file(name, "target"));
        assertEquals(IGNORED, file(name, "a/b/target"));
        assertEquals(NO_MATCH, file(name, "mytarget"));
        assertEquals(NO_MATCH, file(name, "a/mytarget"));
        assertEquals(NO_MATCH, file(name, "target/a"));

        GitIgnore ending = root("*.tmp\n");
        assertEquals(IGNORED, file(ending, "a/.tmp"));
        assertEquals(NO_MATCH, file(ending, "a.tmp/b"));
    }

    @Test
    void aLeadingSlashAnchorsThePatternToTheFilesDirectory() {
        GitIgnore rules = root("/todo.txt\n");
        assertEquals(IGNORED, file(rules, "todo.txt"));
        assertEquals(NO_MATCH, file(rules, "sub/todo.txt"));
    }

    @Test
    void aSlashInTheMiddleAnchorsThePatternToo() {
        GitIgnore rules = root("doc/frotz\n");
        assertEquals(IGNORED, file(rules, "doc/frotz"));
        assertEquals(NO_MATCH, file(rules, "a/doc/frotz"));
    }

    @Test
    void aTrailingSlashMatchesDirectoriesOnlyAtAnyDepth() {
        GitIgnore rules = root("logs/\n");
        assertEquals(IGNORED, rules.match("logs", true));
        assertEquals(IGNORED, rules.match("app/logs", true));
        assertEquals(NO_MATCH, rules.match("logs", false));
    }

    @Test
    void starAndQuestionMarkNeverCrossASlash() {
        GitIgnore star = root("foo/*\n");
        assertEquals(IGNORED, file(star, "foo/a.md"));
        assertEquals(NO_MATCH, file(star, "foo/a/b.md"));
        GitIgnore question = root("doc/?.md\n");
        assertEquals(IGNORED, file(question, "doc/a.md"));
        assertEquals(NO_MATCH, file(question, "doc/ab.md"));
    }

    @Test
    void doubleStarSpansAnyNumberOfDirectories() {
        GitIgnore leading = root("**/gen\n");
        assertEquals(IGNORED, leading.match("gen", true));
        assertEquals(IGNORED, leading.match("a/b/gen", true));

        GitIgnore middle = root("a/**/b\n");
        assertEquals(IGNORED, file(middle, "a/b"));
        assertEquals(IGNORED, file(middle, "a/x/y/b"));
        assertEquals(NO_MATCH, file(middle, "c/a/b"));

        GitIgnore trailing = root("out/**\n");
        assertEquals(IGNORED, file(trailing, "out/x"));
        assertEquals(IGNORED, file(trailing, "out/x/y"));
        assertEquals(NO_MATCH, trailing.match("out", true));
    }

    @Test
    void doubleStarInsideANameIsAPlainStar() {
        GitIgnore rules = root("foo**bar\n");
        assertEquals(IGNORED, file(rules, "fooxbar"));
        assertEquals(NO_MATCH, file(rules, "foo/bar"));
    }

    @Test
    void doubleStarRightAfterALiteralPrefixSpansDirectoriesAsGitActuallyDoes() {
        // git check-ignore agrees (checked with git 2.39), although the gitignore manual reads otherwise.
        GitIgnore rules = root("a**/x.md\n");
        assertEquals(IGNORED, file(rules, "ab/c/x.md"));
        assertEquals(IGNORED, file(rules, "ax.md"));
        assertEquals(NO_MATCH, file(rules, "b/x.md"));
        assertEquals(IGNORED, file(root("/a**\n"), "ab/c/d.md"));
    }

    @Test
    void negationReincludesAndTheLastMatchingRuleWins() {
        GitIgnore reinclude = root("*.txt\n!keep.txt\n");
        assertEquals(INCLUDED, file(reinclude, "keep.txt"));
        assertEquals(IGNORED, file(reinclude, "other.txt"));
        assertEquals(IGNORED, file(root("!keep.txt\n*.txt\n"), "keep.txt"));
    }

    @Test
    void backslashEscapesABangAndTrailingSpacesAreDroppedUnlessEscaped() {
        assertEquals(IGNORED, file(root("\\!important.md\n"), "!important.md"));
        assertEquals(IGNORED, file(root("foo.txt   \n"), "foo.txt"));
        assertEquals(IGNORED, file(root("bar\\ \n"), "bar "));
        assertEquals(NO_MATCH, file(root("bar\\ \n"), "bar"));
    }

    @Test
    void characterClassesAndTheirNegation() {
        GitIgnore range = root("*.py[cod]\n");
        assertEquals(IGNORED, file(range, "x.pyc"));
        assertEquals(NO_MATCH, file(range, "x.pyx"));
        GitIgnore negated = root("[!a]*.md\n");
        assertEquals(IGNORED, file(negated, "b.md"));
        assertEquals(NO_MATCH, file(negated, "a.md"));
        assertEquals(IGNORED, file(root("[x\n"), "[x"));
    }

    @Test
    void regexMetacharactersInPatternsAreLiteral() {
        GitIgnore rules = root("a+b.(c)$\n");
        assertEquals(IGNORED, file(rules, "a+b.(c)$"));
        assertEquals(NO_MATCH, file(rules, "aab.(c)$"));
    }

    @Test
    void aNestedFilesPatternsAreRelativeToItsOwnDirectory() {
        GitIgnore nested = GitIgnore.parse("sub", "/only-here.md\n*.tmp.md\n");
        assertEquals(IGNORED, file(nested, "sub/only-here.md"));
        assertEquals(NO_MATCH, file(nested, "sub/deeper/only-here.md"));
        assertEquals(NO_MATCH, file(nested, "only-here.md"));
        assertEquals(IGNORED, file(nested, "sub/deeper/x.tmp.md"));
        assertEquals(NO_MATCH, file(nested, "subway/x.tmp.md"));
    }

    @Test
    void windowsLineEndingsAreAccepted() {
        GitIgnore rules = root("a.md\r\nb.md\r\n");
        assertEquals(IGNORED, file(rules, "a.md"));
        assertEquals(IGNORED, file(rules, "b.md"));
    }
}
