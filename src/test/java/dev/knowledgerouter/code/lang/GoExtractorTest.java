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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class GoExtractorTest {
    private static SourceParser parser;

    @BeforeAll
    static void openParser() {
        parser = new SourceParser(Map.of(Language.GO, new GoExtractor()));
    }

    @AfterAll
    static void closeParser() {
        parser.close();
    }

    private static FileExtraction extract(String code) {
        return parser.parse("a/a.go", Language.GO, SourceText.of(code));
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
                .orElseThrow(() -> new AssertionError("no " + qualifiedName + " in " + file.declarations()));
    }

    @Test
    void packageNameIsThePackageClause() {
        FileExtraction file = extract("package store\n\nfunc f() {}\n");

        assertEquals("store", file.packageName());
        assertEquals(Language.GO, file.language());
        assertEquals(3, file.lineCount());
        assertFalse(file.parseErrors());
    }

    @Test
    void functionsMethodsAndTypeSpecsBecomeDeclarationsOfTheirKinds() {
        FileExtraction file = extract("""
                package p

                type Store struct{ items map[string]int }
                type Reader interface{ Read(id string) int }
                type ID = string
                type Count int
                type (
                	Handler func(string)
                	Pair struct{ a, b int }
                )

                func New() *Store { return nil }
                func (s *Store) Read(id string) int { return 0 }
                """);

        assertEquals(
                List.of(
                        "STRUCT Store",
                        "INTERFACE Reader",
                        "TYPE_ALIAS ID",
                        "TYPE_ALIAS Count",
                        "TYPE_ALIAS Handler",
                        "STRUCT Pair",
                        "FUNCTION New",
                        "METHOD Store.Read"),
                kindsAndNames(file));
    }

    @Test
    void methodBelongsToItsReceiverTypeWithoutPointerOrTypeParameters() {
        FileExtraction file = extract("""
                package p

                func (s *Store) Get() {}
                func (l List[T]) Len() int { return 0 }
                func (m *Map[K, V]) Put(k K, v V) {}
                func (Plain) Name() string { return "" }
                """);

        assertEquals(
                List.of("Store.Get", "List.Len", "Map.Put", "Plain.Name"),
                file.declarations().stream().map(Declaration::qualifiedName).toList());
        assertEquals(
                List.of("Store", "List", "Map", "Plain"),
                file.declarations().stream().map(Declaration::parent).toList());
        assertEquals(
                List.of("Get", "Len", "Put", "Name"),
                file.declarations().stream().map(Declaration::name).toList());
    }

    @Test
    void interfaceMethodSpecsAndTypesInsideFunctionsAreNotDeclarations() {
        FileExtraction file = extract("""
                package p

                type Reader interface {
                	Read(p []byte) (int, error)
                	Close() error
                }

                func run() {
                	type local struct{}
                	_ = local{}
                }
                """);

        assertEquals(List.of("INTERFACE Reader", "FUNCTION run"), kindsAndNames(file));
    }

    @Test
    void exportedMeansTheNameStartsWithAnUpperCaseLetter() {
        FileExtraction file = extract("""
                package p

                type Store struct{}
                type entry struct{}
                func Open() {}
                func open() {}
                func (e entry) Key() string { return "" }
                func (s Store) size() int { return 0 }
                func Über() {}
                """);

        assertEquals(
                List.of(true, false, true, false, true, false, true),
                file.declarations().stream().map(Declaration::exported).toList());
    }

    @Test
    void docIsTheRunOfLineCommentsDirectlyAbove() {
        FileExtraction file = extract("""
                package p

                // Open opens the store.
                //
                //   It never fails.
                func Open() {}

                // Detached from Close by a blank line.

                func Close() {}

                var x = 1 // trails x, not a doc of Flush
                func Flush() {}

                /* Block comments are not Go doc lines here. */
                func Sync() {}

                // Generate runs the generator.
                //go:generate stringer -type=Kind
                func Generate() {}
                """);

        assertEquals(
                "Open opens the store.\n\nIt never fails.",
                declaration(file, "Open").doc());
        assertEquals("", declaration(file, "Close").doc());
        assertEquals("", declaration(file, "Flush").doc());
        assertEquals("", declaration(file, "Sync").doc());
        assertEquals(
                "Generate runs the generator.", declaration(file, "Generate").doc());
    }

    @Test
    void docOfAGroupedTypeIsTheCommentAboveItsSpecElseAboveTheGroup() {
        FileExtraction file = extract("""
                package p

                // Types of the store.
                type (
                	// Key names an item.
                	Key string
                	Value []byte
                )
                """);

        assertEquals("Key names an item.", declaration(file, "Key").doc());
        assertEquals("Types of the store.", declaration(file, "Value").doc());
    }

    @Test
    void signatureIsTheHeadWithoutTheBodyOnOneLine() {
        FileExtraction file = extract("""
                package p

                func (s *Store) Get(id string) (Item, error) {
                	return Item{}, nil
                }

                func Map[T any, U any](xs []T,
                	f func(T) U) []U {
                	return nil
                }

                type Store struct {
                	items map[string]Item
                }

                type Reader interface {
                	Get(id string) (Item, error)
                }

                type List[T any] struct{ items []T }
                type ID = string
                type Count   int

                func asm(x int) int
                """);

        assertEquals(
                "func (s *Store) Get(id string) (Item, error)",
                declaration(file, "Store.Get").signature());
        assertEquals(
                "func Map[T any, U any](xs []T, f func(T) U) []U",
                declaration(file, "Map").signature());
        assertEquals("type Store struct", declaration(file, "Store").signature());
        assertEquals("type Reader interface", declaration(file, "Reader").signature());
        assertEquals("type List[T any] struct", declaration(file, "List").signature());
        assertEquals("type ID = string", declaration(file, "ID").signature());
        assertEquals("type Count int", declaration(file, "Count").signature());
        assertEquals("func asm(x int) int", declaration(file, "asm").signature());
    }

    @Test
    void linesCoverTheWholeDeclarationAndOnlyItsSpecInsideAGroup() {
        FileExtraction file = extract("""
                package p

                func Open() {
                	return
                }

                type (
                	Key string
                	Pair struct {
                		a, b int
                	}
                )
                """);

        Declaration open = declaration(file, "Open");
        assertEquals(List.of(3, 5), List.of(open.startLine(), open.endLine()));
        Declaration key = declaration(file, "Key");
        assertEquals(List.of(8, 8), List.of(key.startLine(), key.endLine()));
        Declaration pair = declaration(file, "Pair");
        assertEquals(List.of(9, 11), List.of(pair.startLine(), pair.endLine()));
    }

    @Test
    void importsKeepThePathAndTheAliasWithDotImportsAsWildcards() {
        FileExtraction file = extract("""
                package p

                import "fmt"
                import (
                	u "github.com/google/uuid"
                	_ "embed"
                	. "strings"
                	`raw/path`
                )
                """);

        assertEquals(
                List.of(
                        new ImportRef("fmt", List.of(), false, ImportKind.IMPORT, 3),
                        new ImportRef("github.com/google/uuid", List.of("u"), false, ImportKind.IMPORT, 5),
                        new ImportRef("embed", List.of("_"), false, ImportKind.IMPORT, 6),
                        new ImportRef("strings", List.of("."), true, ImportKind.IMPORT, 7),
                        new ImportRef("raw/path", List.of(), false, ImportKind.IMPORT, 8)),
                file.imports());
    }

    @Test
    void embeddedStructFieldsAndEmbeddedInterfacesAreInherited() {
        FileExtraction file = extract("""
                package p

                type Store struct {
                	sync.Mutex
                	*Base
                	pkg.Cache[string]
                	Name string
                	other Base
                }

                type ReadCloser interface {
                	io.Reader
                	Closer
                	Close() error
                }

                type Number interface {
                	~int | ~float64
                }
                """);

        assertEquals(
                List.of(
                        new SupertypeRef("Store", "sync.Mutex", false, 4),
                        new SupertypeRef("Store", "Base", false, 5),
                        new SupertypeRef("Store", "pkg.Cache", false, 6),
                        new SupertypeRef("ReadCloser", "io.Reader", false, 12),
                        new SupertypeRef("ReadCloser", "Closer", false, 13)),
                file.supertypes());
    }

    @Test
    void callsAreAttributedToTheEnclosingFunctionWithTheReceiverAsWritten() {
        FileExtraction file = extract("""
                package p

                var ready = setup()

                func (s *Store) Save(item Item) error {
                	s.Lock()
                	go func() { notify(item) }()
                	return s.db.Insert(validate(item))
                }

                func main() {
                	fmt.Println(New().Name())
                }
                """);

        assertEquals(
                List.of(
                        new CallRef("", "setup", "", 3),
                        new CallRef("Store.Save", "Lock", "s", 6),
                        new CallRef("Store.Save", "notify", "", 7),
                        new CallRef("Store.Save", "Insert", "s.db", 8),
                        new CallRef("Store.Save", "validate", "", 8),
                        new CallRef("main", "Println", "fmt", 12),
                        new CallRef("main", "Name", "New()", 12),
                        new CallRef("main", "New", "", 12)),
                file.calls());
    }

    @Test
    void aParenthesisedCalleeIsRecordedButCallsOfCallResultsAndLiteralsAreNot() {
        FileExtraction file = extract("""
                package p

                func run() {
                	(handler)(1)
                	(s.handle)(2)
                	factory()(3)
                	func() {}()
                }
                """);

        assertEquals(
                List.of(
                        new CallRef("run", "handler", "", 4),
                        new CallRef("run", "handle", "s", 5),
                        new CallRef("run", "factory", "", 6)),
                file.calls());
    }

    @Test
    void brokenCodeDoesNotThrowAndKeepsTheIntactDeclarations() {
        FileExtraction file = extract("""
                package p

                // Good is fine.
                func Good() int { return 1 }

                func broken(a int {
                	return a +
                }

                // Kept survives.
                type Kept struct{ a int }
                """);

        assertTrue(file.parseErrors());
        assertEquals("p", file.packageName());
        assertEquals(List.of("FUNCTION Good", "FUNCTION broken", "STRUCT Kept"), kindsAndNames(file));
        assertEquals("Good is fine.", declaration(file, "Good").doc());
        assertEquals("Kept survives.", declaration(file, "Kept").doc());
    }

    @Test
    void emptyAndGarbageInputDoNotThrow() {
        assertEquals(List.of(), extract("").declarations());
        FileExtraction garbage = extract("}}} func ((( type [[[ \"unterminated\n");
        assertTrue(garbage.parseErrors());
    }
}
