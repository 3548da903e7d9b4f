package dev.knowledgerouter.code.lang;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.knowledgerouter.code.syntax.Declaration;
import dev.knowledgerouter.code.syntax.FileExtraction;
import dev.knowledgerouter.code.syntax.ImportKind;
import dev.knowledgerouter.code.syntax.ImportRef;
import dev.knowledgerouter.code.syntax.Language;
import dev.knowledgerouter.code.syntax.SourceParser;
import dev.knowledgerouter.code.syntax.SourceText;
import dev.knowledgerouter.code.syntax.SupertypeRef;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PythonExtractorTest {
    private static SourceParser parser;

    @BeforeAll
    static void openParser() {
        parser = new SourceParser(Map.of(Language.PYTHON, new PythonExtractor()));
    }

    @AfterAll
    static void closeParser() {
        parser.close();
    }

    private static FileExtraction extract(String code) {
        return parser.parse("pkg/mod.py", Language.PYTHON, SourceText.of(code));
    }

    private static List<String> kindsAndNames(FileExtraction file) {
        return file.declarations().stream()
                .map(d -> d.kind() + " " + d.qualifiedName())
                .toList();
    }

    private static Declaration declaration(FileExtraction file, String qualifiedName) {
        return file.declarations().stream()
                .filter(d -> d.qualifiedName().equals(qualifiedName))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + qualifiedName + " in " + kindsAndNames(file)));
    }

    private static List<String> calls(FileExtraction file) {
        return file.calls().stream()
                .map(c -> c.caller() + " -> " + c.receiver() + "|" + c.callee() + " @" + c.line())
                .toList();
    }

    @Test
    void classesMethodsAndFunctionsGetQualifiedNamesAndKinds() {
        FileExtraction file = extract("""
                class Store:
                    def __init__(self):
                        pass

                    async def save(self, item):
                        pass

                    class Entry:
                        def key(self):
                            pass

                def load():
                    pass

                async def fetch():
                    pass
                """);

        assertEquals(
                List.of(
                        "CLASS Store",
                        "METHOD Store.__init__",
                        "METHOD Store.save",
                        "CLASS Store.Entry",
                        "METHOD Store.Entry.key",
                        "FUNCTION load",
                        "FUNCTION fetch"),
                kindsAndNames(file));
        assertEquals(
                List.of("", "Store", "Store", "Store", "Store.Entry", "", ""),
                file.declarations().stream().map(Declaration::parent).toList());
        assertEquals("", file.packageName());
        assertEquals(Language.PYTHON, file.language());
        assertEquals(16, file.lineCount());
        assertFalse(file.parseErrors());
    }

    @Test
    void nestedFunctionIsAFunctionWhoseParentIsTheEnclosingFunction() {
        FileExtraction file = extract("""
                class Api:
                    def route(self):
                        def handler():
                            def inner():
                                pass
                        return handler
                """);

        assertEquals(
                List.of(
                        "CLASS Api",
                        "METHOD Api.route",
                        "FUNCTION Api.route.handler",
                        "FUNCTION Api.route.handler.inner"),
                kindsAndNames(file));
        assertEquals("Api.route", declaration(file, "Api.route.handler").parent());
        assertEquals(
                "Api.route.handler",
                declaration(file, "Api.route.handler.inner").parent());
    }

    @Test
    void defsInsideConditionalClassBodyAreStillMethods() {
        FileExtraction file = extract("""
                import sys
                class Path:
                    if sys.platform == "win32":
                        def sep(self):
                            return "\\\\"
                    else:
                        def sep(self):
                            return "/"
                """);

        assertEquals(List.of("CLASS Path", "METHOD Path.sep", "METHOD Path.sep"), kindsAndNames(file));
    }

    @Test
    void signatureIsTheHeadWithoutColonBodyOrDecorators() {
        FileExtraction file = extract("""
                @app.route("/x")
                @cached
                async def handle(request: Request, *args, limit: int = 10, **kwargs) -> Response:
                    return None

                @dataclass(frozen=True)
                class Point(Base, metaclass=Meta):
                    x: int
                """);

        Declaration handle = declaration(file, "handle");
        assertEquals(
                "async def handle(request: Request, *args, limit: int = 10, **kwargs) -> Response", handle.signature());
        assertEquals(3, handle.startLine());
        assertEquals(4, handle.endLine());
        Declaration point = declaration(file, "Point");
        assertEquals("class Point(Base, metaclass=Meta)", point.signature());
        assertEquals(7, point.startLine());
        assertEquals(8, point.endLine());
    }

    @Test
    void multiLineSignatureIsCollapsedWithoutItsComments() {
        FileExtraction file = extract("""
                def connect(host,   # where to
                            port=5432,
                            *, timeout=None):  # seconds
                    pass

                class Plain:
                    pass
                """);

        assertEquals(
                "def connect(host, port=5432, *, timeout=None)",
                declaration(file, "connect").signature());
        assertEquals("class Plain", declaration(file, "Plain").signature());
    }

    @Test
    void docstringIsTheFirstStatementStringWithoutQuotesAndWithLinesTrimmed() {
        FileExtraction file = extract("""
                def total(items):
                    \"""Adds up the items.

                        Empty input gives zero.
                    \"""
                    return sum(items)

                class Cart:
                    # a comment is not a statement
                    r'''Holds items.'''

                def single():
                    "One line."
                """);

        assertEquals(
                "Adds up the items.\n\nEmpty input gives zero.",
                declaration(file, "total").doc());
        assertEquals("Holds items.", declaration(file, "Cart").doc());
        assertEquals("One line.", declaration(file, "single").doc());
    }

    @Test
    void noDocstringWhenTheFirstStatementIsNotAString() {
        FileExtraction file = extract("""
                # A comment above is not a docstring.
                def run():
                    x = 1
                    "a later string is not a docstring"

                def empty():
                    pass
                """);

        assertEquals("", declaration(file, "run").doc());
        assertEquals("", declaration(file, "empty").doc());
    }

    @Test
    void exportedUnlessTheNameStartsWithAnUnderscoreButDunderNamesAreExported() {
        FileExtraction file = extract("""
                class Public:
                    def __init__(self):
                        pass
                    def __repr__(self):
                        pass
                    def _helper(self):
                        pass
                    def __mangled(self):
                        pass

                class _Private:
                    pass

                def api():
                    pass
                """);

        assertEquals(
                List.of(
                        "Public=true",
                        "Public.__init__=true",
                        "Public.__repr__=true",
                        "Public._helper=false",
                        "Public.__mangled=false",
                        "_Private=false",
                        "api=true"),
                file.declarations().stream()
                        .map(d -> d.qualifiedName() + "=" + d.exported())
                        .toList());
    }

    @Test
    void importStatementsGiveOneRefPerDottedModule() {
        FileExtraction file = extract("""
                import os
                import os.path as osp, json
                import xml.etree.ElementTree
                """);

        assertEquals(
                List.of(
                        ImportRef.of("os", 1),
                        ImportRef.of("os.path", 2),
                        ImportRef.of("json", 2),
                        ImportRef.of("xml.etree.ElementTree", 3)),
                file.imports());
    }

    @Test
    void fromImportsKeepTheirNamesRelativeDotsAndWildcard() {
        FileExtraction file = extract("""
                from __future__ import annotations
                from collections import OrderedDict as OD, defaultdict
                from . import sibling
                from ..pkg.mod import (
                    first,
                    second,
                )
                from .star import *
                """);

        assertEquals(
                List.of(
                        new ImportRef("__future__", List.of("annotations"), false, ImportKind.IMPORT, 1),
                        new ImportRef(
                                "collections", List.of("OrderedDict", "defaultdict"), false, ImportKind.IMPORT, 2),
                        new ImportRef(".", List.of("sibling"), false, ImportKind.IMPORT, 3),
                        new ImportRef("..pkg.mod", List.of("first", "second"), false, ImportKind.IMPORT, 4),
                        new ImportRef(".star", List.of(), true, ImportKind.IMPORT, 8)),
                file.imports());
    }

    @Test
    void importsInsideFunctionsAndTypeCheckingBlocksCount() {
        FileExtraction file = extract("""
                from typing import TYPE_CHECKING
                if TYPE_CHECKING:
                    from .models import Order

                def lazy():
                    import numpy.linalg
                    return numpy.linalg
                """);

        assertEquals(
                List.of("typing", ".models", "numpy.linalg"),
                file.imports().stream().map(ImportRef::spec).toList());
        assertEquals(
                List.of(1, 3, 6), file.imports().stream().map(ImportRef::line).toList());
    }

    @Test
    void baseClassesAreSupertypesWithoutKeywordsObjectOrSubscripts() {
        FileExtraction file = extract("""
                class Repo(Base, pkg.mixins.Audited, Generic[T], metaclass=ABCMeta):
                    class Row(object):
                        pass

                class Plain:
                    pass
                """);

        assertEquals(
                List.of(
                        new SupertypeRef("Repo", "Base", false, 1),
                        new SupertypeRef("Repo", "pkg.mixins.Audited", false, 1),
                        new SupertypeRef("Repo", "Generic", false, 1)),
                file.supertypes());
    }

    @Test
    void callsNameCalleeAndReceiverAsWritten() {
        FileExtraction file = extract("""
                def work(store):
                    helper(1)
                    store.save(Item())
                    os.path.join("a", "b")
                    super().__init__()
                    make()()
                """);

        assertEquals(
                List.of(
                        "work -> |helper @2",
                        "work -> store|save @3",
                        "work -> |Item @3",
                        "work -> os.path|join @4",
                        "work -> super()|__init__ @5",
                        "work -> |super @5",
                        "work -> |make @6"),
                calls(file));
    }

    @Test
    void callsAreChargedToTheInnermostNamedFunctionAndLambdasToTheirEnclosingOne() {
        FileExtraction file = extract("""
                setup()

                class Service:
                    registry = register()

                    @decorate()
                    def run(self, default=compute()):
                        def step():
                            inner()
                        callback = lambda: later()
                        outer()
                """);

        assertEquals(
                List.of(
                        " -> |setup @1",
                        " -> |register @4",
                        " -> |decorate @6",
                        " -> |compute @7",
                        "Service.run.step -> |inner @9",
                        "Service.run -> |later @10",
                        "Service.run -> |outer @11"),
                calls(file));
    }

    @Test
    void callsAfterADefinitionEndsAreChargedToTheScopeAroundItAgain() {
        FileExtraction file = extract("""
                def first():
                    inside()
                between()
                class Holder:
                    def method(self): deep()
                    attribute = in_class_body()
                after()
                """);

        assertEquals(
                List.of(
                        "first -> |inside @2",
                        " -> |between @3",
                        "Holder.method -> |deep @5",
                        " -> |in_class_body @6",
                        " -> |after @7"),
                calls(file));
    }

    @Test
    void aClassBodyInsideAFunctionKeepsTheFunctionAsCallerAndItsDefsAreMethods() {
        FileExtraction file = extract("""
                def factory():
                    class Made:
                        field = build()
                        def use(self):
                            return work()
                    return Made
                """);

        assertEquals(List.of("FUNCTION factory", "CLASS factory.Made", "METHOD factory.Made.use"), kindsAndNames(file));
        assertEquals(List.of("factory -> |build @3", "factory.Made.use -> |work @5"), calls(file));
    }

    @Test
    void aHashInsideAStringOfTheHeadIsNoComment() {
        FileExtraction file = extract("""
                def split(text, sep="#",  # the marker
                          limit=-1):
                    pass
                """);

        assertEquals(
                "def split(text, sep=\"#\", limit=-1)",
                declaration(file, "split").signature());
    }

    @Test
    void linesAndTextStayRightAfterNonAsciiCharacters() {
        FileExtraction file = extract("""
                GREETING = "héllo wörld ✓"

                def grüße(name: str) -> str:
                    \"""Sagt Grüß Gott.\"""
                    return fmt(name)
                """);

        Declaration greet = declaration(file, "grüße");
        assertEquals("def grüße(name: str) -> str", greet.signature());
        assertEquals("Sagt Grüß Gott.", greet.doc());
        assertEquals(3, greet.startLine());
        assertEquals(5, greet.endLine());
        assertEquals(List.of("grüße -> |fmt @5"), calls(file));
    }

    @Test
    void brokenCodeDoesNotThrowAndKeepsTheIntactDeclarations() {
        FileExtraction file = extract("""
                import os

                def broken(:
                    pass

                class Fine(Base):
                    def ok(self):
                        return os.getcwd()

                def also_fine():
                    pass
                """);

        assertTrue(file.parseErrors());
        List<String> found = kindsAndNames(file);
        assertTrue(found.containsAll(List.of("CLASS Fine", "METHOD Fine.ok", "FUNCTION also_fine")), found::toString);
        assertEquals(List.of("os"), file.imports().stream().map(ImportRef::spec).toList());
    }

    @Test
    void garbageAndEmptyInputDoNotThrow() {
        for (String code : List.of(
                "",
                "def",
                "class (:",
                ")))(((",
                "def f(\n",
                "from . import",
                "import",
                "from import x",
                "@\n",
                "\0\0\0",
                "x = (" + "(".repeat(3000))) {
            FileExtraction file = extract(code);
            assertEquals("pkg/mod.py", file.path());
        }
    }

    @Test
    void deeplyNestedExpressionsDoNotOverflowTheStack() {
        String sum = "x = " + "f(".repeat(5000) + "1" + ")".repeat(5000) + "\n";

        FileExtraction file = extract(sum);

        assertEquals(5000, file.calls().size());
    }

    @Test
    void fixtureModelsDeclareDocumentedClassesWithTheirBasesAndMethods() throws Exception {
        Path file = Path.of(PythonExtractorTest.class
                .getResource("/code/fixtures/python/src/shop/models.py")
                .toURI());

        FileExtraction models =
                parser.parse("src/shop/models.py", Language.PYTHON, new SourceText(Files.readAllBytes(file)));

        assertEquals(
                List.of(
                        "CLASS Priced",
                        "METHOD Priced.price_cents",
                        "CLASS Customer",
                        "METHOD Customer.display_name",
                        "CLASS Order",
                        "METHOD Order.__init__",
                        "METHOD Order.price_cents"),
                kindsAndNames(models));
        assertEquals(
                "An order a customer placed: lines of priced items.",
                declaration(models, "Order").doc());
        assertEquals(
                "def __init__(self, customer: Customer, lines)",
                declaration(models, "Order.__init__").signature());
        assertEquals(
                List.of(
                        new SupertypeRef("Priced", "Protocol", false, 6),
                        new SupertypeRef("Order", "Priced", false, 23)),
                models.supertypes());
        assertEquals(
                List.of(
                        "Customer.display_name -> self.name|title @20",
                        "Order.__init__ -> |list @28",
                        "Order.price_cents -> |sum @31",
                        "Order.price_cents -> line|price_cents @31"),
                calls(models));
    }
}
