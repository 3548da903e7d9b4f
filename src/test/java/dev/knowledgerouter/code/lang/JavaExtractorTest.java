package dev.knowledgerouter.code.lang;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.knowledgerouter.code.syntax.CallRef;
import dev.knowledgerouter.code.syntax.Declaration;
import dev.knowledgerouter.code.syntax.FileExtraction;
import dev.knowledgerouter.code.syntax.ImportKind;
import dev.knowledgerouter.code.syntax.ImportRef;
import dev.knowledgerouter.code.syntax.Language;
import dev.knowledgerouter.code.syntax.SourceParser;
import dev.knowledgerouter.code.syntax.SourceText;
import dev.knowledgerouter.code.syntax.SupertypeRef;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class JavaExtractorTest {
    private static SourceParser parser;

    @BeforeAll
    static void openParser() {
        parser = new SourceParser(Map.of(Language.JAVA, new JavaExtractor()));
    }

    @AfterAll
    static void closeParser() {
        parser.close();
    }

    private static FileExtraction extract(String code) {
        return parser.parse("src/main/java/com/acme/Sample.java", Language.JAVA, SourceText.of(code));
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
                .map(c -> c.caller() + " -> " + (c.receiver().isEmpty() ? "" : c.receiver() + ".") + c.callee())
                .toList();
    }

    @Test
    void packageNameComesFromThePackageDeclaration() {
        FileExtraction file = extract("package com.acme.app;\n\nclass A {}\n");

        assertEquals("com.acme.app", file.packageName());
        assertEquals(Language.JAVA, file.language());
        assertEquals("src/main/java/com/acme/Sample.java", file.path());
        assertEquals(3, file.lineCount());
        assertFalse(file.parseErrors());
    }

    @Test
    void fileWithoutPackageDeclarationHasAnEmptyPackageName() {
        assertEquals("", extract("class A {}\n").packageName());
    }

    @Test
    void everyKindOfTypeIsADeclarationWithItsMethodsAndConstructors() {
        FileExtraction file = extract("""
                package p;
                class C { C() {} void m() {} }
                interface I { void run(); }
                enum E { A; E() {} int code() { return 1; } }
                record R(int a) { R {} int twice() { return a * 2; } }
                @interface Marker { String value(); }
                """);

        assertEquals(
                List.of(
                        "CLASS C",
                        "CONSTRUCTOR C.C",
                        "METHOD C.m",
                        "INTERFACE I",
                        "METHOD I.run",
                        "ENUM E",
                        "CONSTRUCTOR E.E",
                        "METHOD E.code",
                        "RECORD R",
                        "CONSTRUCTOR R.R",
                        "METHOD R.twice",
                        "ANNOTATION Marker",
                        "METHOD Marker.value"),
                kindsAndNames(file));
    }

    @Test
    void nestedAndLocalTypesAreQualifiedByWhatEnclosesThem() {
        FileExtraction file = extract("""
                class Outer {
                    static class Inner { void deep() {} }
                    void work() { class Local { void help() {} } }
                }
                """);

        assertEquals(
                List.of(
                        "CLASS Outer",
                        "CLASS Outer.Inner",
                        "METHOD Outer.Inner.deep",
                        "METHOD Outer.work",
                        "CLASS Outer.work.Local",
                        "METHOD Outer.work.Local.help"),
                kindsAndNames(file));
        assertEquals("Outer", declaration(file, "Outer.Inner").parent());
        assertEquals("Outer.work", declaration(file, "Outer.work.Local").parent());
        assertEquals("", declaration(file, "Outer").parent());
        assertEquals("Local", declaration(file, "Outer.work.Local").name());
    }

    @Test
    void anonymousClassAndLambdaBodiesAreNotDeclarationsAndTheirCallsGoToTheEnclosingMethod() {
        FileExtraction file = extract("""
                class A {
                    void start() {
                        Runnable r = new Runnable() {
                            public void run() { inner(); }
                        };
                        list.forEach(x -> handle(x));
                    }
                }
                """);

        assertEquals(List.of("CLASS A", "METHOD A.start"), kindsAndNames(file));
        assertEquals(
                List.of("A.start -> inner", "A.start -> Runnable", "A.start -> handle", "A.start -> list.forEach"),
                calls(file));
    }

    @Test
    void enumConstantsFieldsAndConstantBodiesAreNotDeclarations() {
        FileExtraction file = extract("""
                enum Op {
                    PLUS { int apply(int a, int b) { return add(a, b); } },
                    MINUS;
                    private final int weight = 1;
                }
                """);

        assertEquals(List.of("ENUM Op"), kindsAndNames(file));
        assertEquals(List.of("Op -> add"), calls(file));
    }

    @Test
    void overloadsStaySeparateDeclarationsWithTheSameQualifiedName() {
        FileExtraction file = extract("class A { void f() {} void f(int x) {} }\n");

        assertEquals(List.of("CLASS A", "METHOD A.f", "METHOD A.f"), kindsAndNames(file));
        assertEquals(
                List.of("void f()", "void f(int x)"),
                file.declarations().stream().skip(1).map(Declaration::signature).toList());
    }

    @Test
    void signatureIsTheHeadWithoutBodyAnnotationsOrLineBreaks() {
        FileExtraction file = extract("""
                @Deprecated
                public final class Box<T extends Comparable<T>>
                        extends Base<T> implements java.io.Serializable {
                    @Override
                    public <R> java.util.List<R> map(
                            java.util.function.Function<T, R> f,
                            int... extra) throws IOException {
                        return null;
                    }
                    Box(T value) { }
                }
                """);

        assertEquals(
                "public final class Box<T extends Comparable<T>> extends Base<T> implements java.io.Serializable",
                declaration(file, "Box").signature());
        assertEquals(
                "public <R> java.util.List<R> map( java.util.function.Function<T, R> f, int... extra) throws IOException",
                declaration(file, "Box.map").signature());
        assertEquals("Box(T value)", declaration(file, "Box.Box").signature());
    }

    @Test
    void bodilessMembersLoseTheirSemicolonAndDefaultValue() {
        FileExtraction file = extract("""
                interface I { String name(); }
                @interface Limit { int max() default 10; }
                record Pair(String a, String b) {}
                """);

        assertEquals("String name()", declaration(file, "I.name").signature());
        assertEquals("int max()", declaration(file, "Limit.max").signature());
        assertEquals(
                "record Pair(String a, String b)", declaration(file, "Pair").signature());
    }

    @Test
    void exportedMeansPublicAndInterfaceMembersArePublicUnlessPrivate() {
        FileExtraction file = extract("""
                public class Api {
                    public void open() {}
                    void internal() {}
                    protected void hook() {}
                    private static class Hidden {}
                }
                interface Port {
                    void send();
                    class Constants {}
                    private void helper() {}
                }
                """);

        Map<String, Boolean> exported = new LinkedHashMap<>();
        file.declarations().forEach(d -> exported.put(d.qualifiedName(), d.exported()));
        assertEquals(
                Map.of(
                        "Api",
                        true,
                        "Api.open",
                        true,
                        "Api.internal",
                        false,
                        "Api.hook",
                        false,
                        "Api.Hidden",
                        false,
                        "Port",
                        false,
                        "Port.send",
                        true,
                        "Port.Constants",
                        true,
                        "Port.helper",
                        false),
                exported);
    }

    @Test
    void docIsTheJavadocRightBeforeTheDeclarationAboveItsAnnotations() {
        FileExtraction file = extract("""
                /**
                 * Stores things.
                 *
                 * @since 1.0
                 */
                @Deprecated
                public class Store {
                    /** Saves one thing. */
                    @SuppressWarnings("x")
                    void save() {}
                }
                """);

        assertEquals("Stores things.\n\n@since 1.0", declaration(file, "Store").doc());
        assertEquals("Saves one thing.", declaration(file, "Store.save").doc());
    }

    @Test
    void plainCommentsAreNotDocs() {
        FileExtraction file = extract("""
                /* Not a doc. */
                class A {
                    // Nor this.
                    void f() {}
                    /**/
                    void g() {}
                }
                """);

        assertEquals(
                List.of("", "", ""),
                file.declarations().stream().map(Declaration::doc).toList());
    }

    @Test
    void javadocSeparatedByABlankLineOrAnotherCommentIsNotTheDeclarationsDoc() {
        FileExtraction file = extract("""
                /** File header, not the class. */

                class A {
                    /** About f. */
                    // a note in between
                    void f() {}
                }
                """);

        assertEquals("", declaration(file, "A").doc());
        assertEquals("", declaration(file, "A.f").doc());
    }

    @Test
    void linesSpanTheWholeDeclarationIncludingAnnotations() {
        FileExtraction file = extract("""
                package p;

                @Deprecated
                class A {
                    void f() {
                    }
                }
                """);

        Declaration type = declaration(file, "A");
        Declaration method = declaration(file, "A.f");
        assertEquals(
                List.of(3, 7, 5, 6), List.of(type.startLine(), type.endLine(), method.startLine(), method.endLine()));
    }

    @Test
    void importsKeepTheirSpecAndWildcardAsWritten() {
        FileExtraction file = extract("""
                package p;
                import java.util.List;
                import java.util.*;
                import static org.junit.Assert.assertEquals;
                import static org.junit.Assert.*;
                class A {}
                """);

        assertEquals(
                List.of(
                        new ImportRef("java.util.List", List.of(), false, ImportKind.IMPORT, 2),
                        new ImportRef("java.util", List.of("A"), true, ImportKind.IMPORT, 3),
                        new ImportRef("org.junit.Assert.assertEquals", List.of(), false, ImportKind.IMPORT, 4),
                        new ImportRef("org.junit.Assert", List.of("A"), true, ImportKind.IMPORT, 5)),
                file.imports());
    }

    @Test
    void classExtendsIsInheritanceAndImplementsIsAnInterfaceImplementation() {
        FileExtraction file = extract("class A extends Base implements Runnable, Closeable {}\n");

        assertEquals(
                List.of(
                        new SupertypeRef("A", "Base", false, 1),
                        new SupertypeRef("A", "Runnable", true, 1),
                        new SupertypeRef("A", "Closeable", true, 1)),
                file.supertypes());
    }

    @Test
    void interfaceExtendsIsInheritance() {
        FileExtraction file = extract("interface Repo extends Reader, Writer {}\n");

        assertEquals(
                List.of(new SupertypeRef("Repo", "Reader", false, 1), new SupertypeRef("Repo", "Writer", false, 1)),
                file.supertypes());
    }

    @Test
    void recordsEnumsAndNestedTypesImplementInterfaces() {
        FileExtraction file = extract("""
                record Point(int x) implements Shape {}
                enum Color implements Named { RED }
                class Outer {
                    static class Inner extends Outer {}
                }
                """);

        assertEquals(
                List.of(
                        new SupertypeRef("Point", "Shape", true, 1),
                        new SupertypeRef("Color", "Named", true, 2),
                        new SupertypeRef("Outer.Inner", "Outer", false, 4)),
                file.supertypes());
    }

    @Test
    void supertypesLoseTypeArgumentsButKeepQualifiedNames() {
        FileExtraction file = extract("""
                class A<T> extends pkg.Base<T, java.util.List<T>>
                        implements Comparable<A<T>>, java.io.Serializable {}
                """);

        assertEquals(
                List.of(
                        new SupertypeRef("A", "pkg.Base", false, 1),
                        new SupertypeRef("A", "Comparable", true, 2),
                        new SupertypeRef("A", "java.io.Serializable", true, 2)),
                file.supertypes());
    }

    @Test
    void methodCallsRecordTheNameAndTheReceiverAsWritten() {
        FileExtraction file = extract("""
                class A {
                    void f() {
                        g();
                        this.h();
                        super.i();
                        store.save(x);
                        java.nio.file.Files.exists(p);
                        A.this.<String>k();
                    }
                }
                """);

        assertEquals(
                List.of(
                        new CallRef("A.f", "g", "", 3),
                        new CallRef("A.f", "h", "this", 4),
                        new CallRef("A.f", "i", "super", 5),
                        new CallRef("A.f", "save", "store", 6),
                        new CallRef("A.f", "exists", "java.nio.file.Files", 7),
                        new CallRef("A.f", "k", "A.this", 8)),
                file.calls());
    }

    @Test
    void constructorCallsNameTheTypeWithoutQualifierOrTypeArguments() {
        FileExtraction file = extract("""
                class A {
                    A() {
                        this(1);
                        Object a = new Box<String>();
                        Object b = new java.util.ArrayList<>();
                        Object c = new Outer.Inner();
                        Object d = outer.new Nested();
                    }
                    A(int x) { super(); }
                }
                """);

        assertEquals(List.of("A.A -> Box", "A.A -> ArrayList", "A.A -> Inner", "A.A -> Nested"), calls(file));
    }

    @Test
    void nestedCallsAreListedInEvaluationOrder() {
        FileExtraction file = extract("class A { void f() { out.print(format(read())); } }\n");

        assertEquals(List.of("A.f -> read", "A.f -> format", "A.f -> out.print"), calls(file));
    }

    @Test
    void aCallChainBrokenOverLinesKeepsItsReceiverOnOneLine() {
        FileExtraction file = extract("""
                class A {
                    void f() {
                        builder
                            .name("x")
                            .build();
                    }
                }
                """);

        assertEquals(
                List.of(
                        new CallRef("A.f", "name", "builder", 4),
                        new CallRef("A.f", "build", "builder.name(\"x\")", 5)),
                file.calls());
    }

    @Test
    void callsOutsideMethodsBelongToTheEnclosingType() {
        FileExtraction file = extract("""
                class A {
                    static final Logger LOG = Logger.get(A.class);
                    static { init(); }
                    { prepare(); }
                    static class B { int x = compute(); }
                }
                """);

        assertEquals(List.of("A -> Logger.get", "A -> init", "A -> prepare", "A.B -> compute"), calls(file));
    }

    @Test
    void methodReferencesAreNotCalls() {
        FileExtraction file = extract("class A { void f() { list.forEach(System.out::println); } }\n");

        assertEquals(List.of("A.f -> list.forEach"), calls(file));
    }

    @Test
    void brokenCodeDoesNotThrowAndKeepsTheIntactDeclarations() {
        FileExtraction file = extract("""
                package p;
                class Broken {
                    void half( {
                        int x = ;
                    }
                }
                /** Still fine. */
                class Fine {
                    void ok() { call(); }
                }
                """);

        assertTrue(file.parseErrors());
        assertEquals("p", file.packageName());
        assertEquals("Still fine.", declaration(file, "Fine").doc());
        assertTrue(
                kindsAndNames(file).containsAll(List.of("CLASS Fine", "METHOD Fine.ok")),
                kindsAndNames(file)::toString);
        assertTrue(file.calls().contains(new CallRef("Fine.ok", "call", "", 9)), file.calls()::toString);
    }

    @Test
    void garbageAndEmptyInputDoNotThrow() {
        FileExtraction garbage = extract("}}} class { void ( @@ import static ; package ;;; new new (");
        FileExtraction empty = extract("");

        assertTrue(garbage.parseErrors());
        assertEquals(List.of(), empty.declarations());
        assertEquals(0, empty.lineCount());
    }

    @Test
    void fixtureCircleHasItsDeclarationsSupertypeDocAndCalls() throws IOException {
        Path circle = Path.of("src/test/resources/code/fixtures/java/src/main/java/com/acme/model/Circle.java");
        FileExtraction file = parser.parse(
                "src/main/java/com/acme/model/Circle.java", Language.JAVA, new SourceText(Files.readAllBytes(circle)));

        assertEquals("com.acme.model", file.packageName());
        assertEquals(
                List.of(
                        "CLASS Circle",
                        "CONSTRUCTOR Circle.Circle",
                        "METHOD Circle.area",
                        "CLASS Circle.Builder",
                        "METHOD Circle.Builder.radius",
                        "METHOD Circle.Builder.build"),
                kindsAndNames(file));
        assertEquals("A circle around the origin.", declaration(file, "Circle").doc());
        assertEquals(
                "public final class Circle extends AbstractShape",
                declaration(file, "Circle").signature());
        assertEquals(List.of(new SupertypeRef("Circle", "AbstractShape", false, 6)), file.supertypes());
        assertEquals(
                List.of(new ImportRef("com.acme.util.Geometry.square", List.of(), false, ImportKind.IMPORT, 3)),
                file.imports());
        assertEquals(List.of("Circle.area -> square", "Circle.Builder.build -> Circle"), calls(file));
    }

    @Test
    void nonAsciiTextIsCutAtTheRightPlaces() {
        FileExtraction file = extract("""
                /** Größe — in Ångström. */
                class Maß { void größe(String ä) { zähle(ä); } }
                """);

        assertEquals("Größe — in Ångström.", declaration(file, "Maß").doc());
        assertEquals("void größe(String ä)", declaration(file, "Maß.größe").signature());
        assertEquals(List.of("Maß.größe -> zähle"), calls(file));
    }

    @Test
    void aWildcardImportCarriesTheCapitalisedNamesTheFileUses() {
        FileExtraction file = extract("""
                package com.acme.app;

                import com.acme.model.*;
                import java.util.List;

                class Drawing {
                    List<Shape> shapes = List.of(new Circle(1.0));
                    Color color = Color.RED;
                }
                """);

        assertEquals(
                List.of(
                        new ImportRef(
                                "com.acme.model",
                                List.of("Circle", "Color", "Drawing", "List", "RED", "Shape"),
                                true,
                                ImportKind.IMPORT,
                                3),
                        new ImportRef("java.util.List", List.of(), false, ImportKind.IMPORT, 4)),
                file.imports());
    }

    @Test
    void anImportWithoutWildcardCarriesNoNames() {
        FileExtraction file = extract("import java.util.List;\nclass A { List<String> xs; }\n");

        assertEquals(List.of(new ImportRef("java.util.List", List.of(), false, ImportKind.IMPORT, 1)), file.imports());
    }
}
