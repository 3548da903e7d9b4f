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
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class RustExtractorTest {
    private static SourceParser parser;

    @BeforeAll
    static void openParser() {
        parser = new SourceParser(Map.of(Language.RUST, new RustExtractor()));
    }

    @AfterAll
    static void closeParser() {
        parser.close();
    }

    private static FileExtraction extract(String code) {
        return parser.parse("src/lib.rs", Language.RUST, SourceText.of(code));
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

    private static List<String> imports(FileExtraction file) {
        return file.imports().stream()
                .map(i -> i.spec()
                        + (i.names().isEmpty() ? "" : " as " + i.names())
                        + (i.wildcard() ? " *" : "")
                        + (i.kind() == ImportKind.MODULE_DECLARATION ? " mod" : ""))
                .toList();
    }

    @Test
    void itemsAreDeclaredWithTheirKinds() {
        FileExtraction file = extract("""
                fn run() {}
                struct Point { x: i32 }
                struct Id(u64);
                enum Shape { Circle, Square }
                union Bits { i: u32, f: f32 }
                trait Draw {}
                type Points = Vec<Point>;
                const LIMIT: usize = 3;
                static NAME: &str = "x";
                macro_rules! shout { () => {} }
                """);

        assertEquals(
                List.of(
                        "FUNCTION run",
                        "STRUCT Point",
                        "STRUCT Id",
                        "ENUM Shape",
                        "STRUCT Bits",
                        "TRAIT Draw",
                        "TYPE_ALIAS Points"),
                kindsAndNames(file));
        assertEquals("", file.packageName());
        assertEquals(Language.RUST, file.language());
        assertFalse(file.parseErrors());
    }

    @Test
    void methodsOfAnImplBelongToTheImplementedTypeWithoutItsTypeArguments() {
        FileExtraction file = extract("""
                struct Foo<T>(T);
                impl<T> Foo<T> {
                    fn new(value: T) -> Self { Foo(value) }
                }
                impl<T: Clone> Clone for Foo<T> {
                    fn clone(&self) -> Self { Foo(self.0.clone()) }
                }
                impl std::fmt::Display for crate::other::Bar {
                    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result { Ok(()) }
                }
                """);

        assertEquals(
                List.of("STRUCT Foo", "METHOD Foo.new", "METHOD Foo.clone", "METHOD Bar.fmt"), kindsAndNames(file));
        assertEquals("Foo", declaration(file, "Foo.clone").parent());
        assertEquals("Bar", declaration(file, "Bar.fmt").parent());
    }

    @Test
    void traitItemsAreMethodsOfTheTrait() {
        FileExtraction file = extract("""
                pub trait Repo {
                    type Key;
                    const SIZE: usize;
                    fn get(&self, id: u64) -> Option<u64>;
                    fn has(&self, id: u64) -> bool { self.get(id).is_some() }
                }
                """);

        assertEquals(List.of("TRAIT Repo", "METHOD Repo.get", "METHOD Repo.has"), kindsAndNames(file));
        assertEquals("Repo", declaration(file, "Repo.get").parent());
    }

    @Test
    void inlineModulePrefixesNamesWithoutBeingADeclaration() {
        FileExtraction file = extract("""
                mod shapes {
                    pub struct Circle;
                    impl Circle { pub fn area(&self) -> f64 { 0.0 } }
                    pub mod deep { pub fn helper() {} }
                }
                fn outer() {
                    mod local { fn inner() {} }
                }
                """);

        assertEquals(
                List.of(
                        "STRUCT shapes.Circle",
                        "METHOD shapes.Circle.area",
                        "FUNCTION shapes.deep.helper",
                        "FUNCTION outer",
                        "FUNCTION outer.local.inner"),
                kindsAndNames(file));
        assertEquals("", declaration(file, "shapes.Circle").parent());
        assertEquals("shapes.Circle", declaration(file, "shapes.Circle.area").parent());
        assertEquals("", declaration(file, "shapes.deep.helper").parent());
        assertEquals("outer", declaration(file, "outer.local.inner").parent());
    }

    @Test
    void itemsInsideAFunctionBelongToIt() {
        FileExtraction file = extract("""
                fn outer() {
                    struct Local;
                    impl Local { fn go(&self) {} }
                    fn helper() {}
                }
                """);

        assertEquals(
                List.of("FUNCTION outer", "STRUCT outer.Local", "METHOD outer.Local.go", "FUNCTION outer.helper"),
                kindsAndNames(file));
        assertEquals("outer", declaration(file, "outer.helper").parent());
        assertEquals("outer.Local", declaration(file, "outer.Local.go").parent());
    }

    @Test
    void exportedMeansAnyPubVisibilityAndTraitMethodsAreAlwaysExported() {
        FileExtraction file = extract("""
                pub fn open() {}
                pub(crate) fn crate_wide() {}
                pub(in crate::a) fn scoped() {}
                fn private() {}
                struct Hidden;
                impl Hidden {
                    pub fn shown(&self) {}
                    fn kept(&self) {}
                }
                impl Clone for Hidden { fn clone(&self) -> Self { Hidden } }
                trait Quiet { fn speak(&self); }
                """);

        Map<String, Boolean> exported = new TreeMap<>();
        file.declarations().forEach(d -> exported.put(d.qualifiedName(), d.exported()));
        assertEquals(
                Map.of(
                        "open",
                        true,
                        "crate_wide",
                        true,
                        "scoped",
                        true,
                        "private",
                        false,
                        "Hidden",
                        false,
                        "Hidden.shown",
                        true,
                        "Hidden.kept",
                        false,
                        "Hidden.clone",
                        true,
                        "Quiet",
                        false,
                        "Quiet.speak",
                        true),
                exported);
    }

    @Test
    void docIsTheTripleSlashLinesDirectlyAboveEvenAcrossAttributes() {
        FileExtraction file = extract("""
                /// Keeps items.
                ///   Indented line.
                #[derive(Debug)]
                #[allow(dead_code)]
                pub struct Store;
                """);

        assertEquals("Keeps items.\nIndented line.", declaration(file, "Store").doc());
    }

    @Test
    void blockDocCommentLosesItsMarkers() {
        FileExtraction file = extract("""
                /**
                 * Makes a store.
                 * Empty at first.
                 */
                fn make() {}
                """);

        assertEquals(
                "Makes a store.\nEmpty at first.", declaration(file, "make").doc());
    }

    @Test
    void plainCommentsInnerDocsAndDetachedDocsAreNotDocs() {
        FileExtraction file = extract("""
                //! The crate.
                fn first() {}
                // Just a remark.
                fn second() {}
                /// Detached by a blank line.

                fn third() {}
                /// Ends at a plain comment.
                // remark
                fn fourth() {}
                """);

        assertEquals(
                List.of("", "", "", ""),
                file.declarations().stream().map(Declaration::doc).toList());
    }

    @Test
    void docOfAMethodInAnImplBlock() {
        FileExtraction file = extract("""
                struct S;
                impl S {
                    /// Says hi.
                    pub fn hi(&self) {}
                }
                """);

        assertEquals("Says hi.", declaration(file, "S.hi").doc());
    }

    @Test
    void signatureIsTheHeadWithoutTheBody() {
        FileExtraction file = extract("""
                pub struct Store<T> {
                    items: Vec<T>,
                }
                impl<T> Store<T> {
                    pub fn get(&self,
                               id: u64) -> Option<&T> {
                        self.items.get(id as usize)
                    }
                }
                pub trait Repo: Send {
                    fn len(&self) -> usize;
                }
                pub type Index = std::collections::HashMap<u64, String>;
                pub struct Id(pub u64);
                pub struct Unit;
                pub(crate) async fn load<T: Clone>(x: T) -> T where T: Send { x }
                """);

        assertEquals(
                List.of(
                        "pub struct Store<T>",
                        "pub fn get(&self, id: u64) -> Option<&T>",
                        "pub trait Repo: Send",
                        "fn len(&self) -> usize",
                        "pub type Index = std::collections::HashMap<u64, String>",
                        "pub struct Id",
                        "pub struct Unit",
                        "pub(crate) async fn load<T: Clone>(x: T) -> T where T: Send"),
                file.declarations().stream().map(Declaration::signature).toList());
    }

    @Test
    void linesSpanTheWholeItemAndSurviveNonAsciiText() {
        FileExtraction file = extract("""
                /// Grüße, 世界.
                pub fn greet() -> &'static str {
                    "Grüße"
                }

                pub struct Après;
                """);

        Declaration greet = declaration(file, "greet");
        assertEquals(2, greet.startLine());
        assertEquals(4, greet.endLine());
        assertEquals("Grüße, 世界.", greet.doc());
        Declaration apres = declaration(file, "Après");
        assertEquals(6, apres.startLine());
        assertEquals(6, apres.endLine());
        assertEquals("pub struct Après", apres.signature());
    }

    @Test
    void usePathGivesItsSpec() {
        FileExtraction file = extract("use a::b::C;\nuse ::std::fmt;\nuse crate::store::Item;\n");

        assertEquals(List.of("a::b::C", "::std::fmt", "crate::store::Item"), imports(file));
        assertEquals(
                List.of(1, 2, 3), file.imports().stream().map(ImportRef::line).toList());
        assertTrue(file.imports().stream().allMatch(i -> i.kind() == ImportKind.IMPORT));
    }

    @Test
    void useListGivesOneImportPerLeaf() {
        FileExtraction file = extract("""
                use a::b::{C, d::E};
                use a::{self, b};
                use x::{y::{P, Q as R}, z::*};
                """);

        assertEquals(
                List.of("a::b::C", "a::b::d::E", "a", "a::b", "x::y::P", "x::y::Q as [R]", "x::z *"), imports(file));
    }

    @Test
    void useAsNamesTheAliasAndGlobMarksTheModuleAsWildcard() {
        FileExtraction file = extract("use a::b::C as D;\nuse a::b::*;\nuse super::*;\n");

        assertEquals(List.of("a::b::C as [D]", "a::b *", "super *"), imports(file));
    }

    @Test
    void externCrateIsAnImportOfTheCrate() {
        FileExtraction file = extract("extern crate foo;\nextern crate bar as baz;\n");

        assertEquals(List.of("foo", "bar as [baz]"), imports(file));
    }

    @Test
    void modWithoutBodyIsAModuleDeclarationAndInlineModIsNot() {
        FileExtraction file = extract("mod store;\npub mod api;\nmod inline { use crate::store::Item; }\n");

        assertEquals(List.of("store mod", "api mod", "crate::store::Item"), imports(file));
        assertEquals(
                List.of(1, 2, 3), file.imports().stream().map(ImportRef::line).toList());
    }

    @Test
    void selfAndSuperPathsInsideInlineModulesAreGivenFromTheFilesModule() {
        FileExtraction file = extract("""
                #[cfg(test)]
                mod tests {
                    use super::*;
                    use self::helpers::Fixture;
                    use std::fmt;
                    mod deep {
                        use super::super::Config;
                        use super::super::super::Outside;
                    }
                }
                """);

        assertEquals(
                List.of("self *", "self::tests::helpers::Fixture", "std::fmt", "self::Config", "super::Outside"),
                imports(file));
    }

    @Test
    void modDeclarationInsideAnInlineModuleCarriesTheModulePath() {
        FileExtraction file = extract("mod net { pub mod http; }\n");

        assertEquals(List.of("net::http mod"), imports(file));
    }

    @Test
    void traitImplIsAnImplementsSupertypeOfTheType() {
        FileExtraction file = extract("""
                struct Foo<T>(T);
                impl<T> From<T> for Foo<T> {
                    fn from(value: T) -> Self { Foo(value) }
                }
                impl std::fmt::Debug for other::Bar {}
                impl Foo<u8> {}
                impl !Send for Foo<bool> {}
                """);

        assertEquals(
                List.of(new SupertypeRef("Foo", "From", true, 2), new SupertypeRef("Bar", "std::fmt::Debug", true, 5)),
                file.supertypes());
    }

    @Test
    void supertraitsAreInheritedSupertypes() {
        FileExtraction file = extract("""
                trait Named {}
                trait Shape: Named + std::fmt::Debug + Into<String> + 'static + ?Sized {}
                """);

        assertEquals(
                List.of(
                        new SupertypeRef("Shape", "Named", false, 2),
                        new SupertypeRef("Shape", "std::fmt::Debug", false, 2),
                        new SupertypeRef("Shape", "Into", false, 2)),
                file.supertypes());
    }

    @Test
    void supertypesInsideAnInlineModuleUseTheQualifiedName() {
        FileExtraction file = extract("mod m { struct S; impl Clone for S { fn clone(&self) -> S { S } } }\n");

        assertEquals(List.of(new SupertypeRef("m.S", "Clone", true, 1)), file.supertypes());
        assertEquals(List.of("STRUCT m.S", "METHOD m.S.clone"), kindsAndNames(file));
    }

    @Test
    void callsAreAttributedToTheInnermostNamedFunction() {
        FileExtraction file = extract("""
                static START: Lazy<u32> = Lazy::new(init);
                fn run(store: Store) {
                    helper();
                    let s = Store::new();
                    a::b::c();
                    store.items.get(1);
                    let f = |x| transform(x);
                    parse::<u32>();
                    Vec::<u8>::with_capacity(2);
                    println!("{}", ignored());
                    fn nested() { deep(); }
                }
                impl Store {
                    fn save(&self) { self.flush(); }
                }
                """);

        assertEquals(
                List.of(
                        new CallRef("", "new", "Lazy", 1),
                        new CallRef("run", "helper", "", 3),
                        new CallRef("run", "new", "Store", 4),
                        new CallRef("run", "c", "a::b", 5),
                        new CallRef("run", "get", "store.items", 6),
                        new CallRef("run", "transform", "", 7),
                        new CallRef("run", "parse", "", 8),
                        new CallRef("run", "with_capacity", "Vec::<u8>", 9),
                        new CallRef("run.nested", "deep", "", 11),
                        new CallRef("Store.save", "flush", "self", 14)),
                file.calls());
    }

    @Test
    void chainedCallsAreEachACall() {
        FileExtraction file = extract("fn f(x: Vec<u8>) { x.iter().map(g).count(); }\n");

        assertEquals(
                List.of(
                        new CallRef("f", "count", "x.iter().map(g)", 1),
                        new CallRef("f", "map", "x.iter()", 1),
                        new CallRef("f", "iter", "x", 1)),
                file.calls());
    }

    @Test
    void brokenCodeDoesNotThrowAndKeepsTheIntactItems() {
        FileExtraction file = extract("""
                use std::fmt;
                pub struct Good { x: u32 }
                fn broken(a: u32 -> {
                    let = ;
                impl Good {
                    pub fn fine(&self) -> u32 { self.x }
                }
                pub fn after() {}
                """);

        assertTrue(file.parseErrors());
        List<String> names = kindsAndNames(file);
        assertTrue(names.contains("STRUCT Good"), names::toString);
        assertTrue(names.contains("FUNCTION after"), names::toString);
        assertEquals(List.of("std::fmt"), imports(file));
    }

    @Test
    void deeplyNestedGeneratedExpressionDoesNotOverflowTheStack() {
        String sum = "1" + " + f(1)".repeat(20_000);
        FileExtraction file = extract("pub fn total() -> u32 { " + sum + " }\npub fn after() {}\n");

        assertEquals(List.of("FUNCTION total", "FUNCTION after"), kindsAndNames(file));
    }

    @Test
    void emptyAndGarbageInputDoNotThrow() {
        assertEquals(List.of(), extract("").declarations());
        FileExtraction garbage = extract("}}} impl for { fn ( mod ; use ::{ ;; trait : + {");
        assertTrue(garbage.parseErrors());
    }
}
