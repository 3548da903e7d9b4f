package dev.knowledgerouter.code.lang;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.knowledgerouter.code.syntax.Declaration;
import dev.knowledgerouter.code.syntax.FileExtraction;
import dev.knowledgerouter.code.syntax.ImportKind;
import dev.knowledgerouter.code.syntax.Language;
import dev.knowledgerouter.code.syntax.SourceParser;
import dev.knowledgerouter.code.syntax.SourceText;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What the JavaScript, TypeScript and TSX extractor finds in a file. */
class EcmaScriptExtractorTest {
    private static SourceParser parser;

    @BeforeAll
    static void openParser() {
        parser = new SourceParser(Map.of(
                Language.JAVASCRIPT, new EcmaScriptExtractor(Language.JAVASCRIPT),
                Language.TYPESCRIPT, new EcmaScriptExtractor(Language.TYPESCRIPT),
                Language.TSX, new EcmaScriptExtractor(Language.TSX)));
    }

    @AfterAll
    static void closeParser() {
        parser.close();
    }

    private static FileExtraction js(String code) {
        return parser.parse("src/a.js", Language.JAVASCRIPT, SourceText.of(code));
    }

    private static FileExtraction ts(String code) {
        return parser.parse("src/a.ts", Language.TYPESCRIPT, SourceText.of(code));
    }

    private static FileExtraction tsx(String code) {
        return parser.parse("src/a.tsx", Language.TSX, SourceText.of(code));
    }

    private static List<String> kinds(FileExtraction file) {
        return file.declarations().stream()
                .map(d -> d.kind() + " " + d.qualifiedName())
                .toList();
    }

    private static <T> List<String> each(List<T> items, Function<T, String> show) {
        return items.stream().map(show).toList();
    }

    private static Declaration declaration(FileExtraction file, String qualifiedName) {
        return file.declarations().stream()
                .filter(d -> d.qualifiedName().equals(qualifiedName))
                .findFirst()
                .orElseThrow(() -> new AssertionError(qualifiedName + " not in " + kinds(file)));
    }

    @Test
    void functionDeclarationsAndGeneratorFunctionsAreFunctions() {
        FileExtraction file = js("function load(id) { return id; }\nfunction* ids() { yield 1; }\n");

        assertEquals(List.of("FUNCTION load", "FUNCTION ids"), kinds(file));
        assertEquals("", file.packageName());
        assertEquals(Language.JAVASCRIPT, file.language());
        assertFalse(file.parseErrors());
    }

    @Test
    void variablesBoundToFunctionExpressionsAreFunctionsNamedAfterTheVariableAtAnyLevel() {
        FileExtraction file = js("""
                const add = (a, b) => a + b;
                let twice = function named(x) { return x * 2; };
                var gen = function* () {}, count = 3;
                function outer() {
                  const inner = async () => {};
                }
                """);

        assertEquals(
                List.of("FUNCTION add", "FUNCTION twice", "FUNCTION gen", "FUNCTION outer", "FUNCTION outer.inner"),
                kinds(file));
        assertEquals("outer", declaration(file, "outer.inner").parent());
    }

    @Test
    void classesAbstractClassesAndClassExpressionsAreClasses() {
        FileExtraction file = ts("""
                class Plain {}
                abstract class Shape { abstract area(): number; }
                const Mixed = class extends Plain {};
                """);

        assertEquals(List.of("CLASS Plain", "CLASS Shape", "METHOD Shape.area", "CLASS Mixed"), kinds(file));
    }

    @Test
    void classMembersAreMethodsAndTheConstructorIsAConstructor() {
        FileExtraction file = ts("""
                class Counter {
                  static zero = 0;
                  handle = () => { this.increment(); };
                  constructor(private start: number) {}
                  get value(): number { return this.start; }
                  set value(v: number) { this.start = v; }
                  static create() { return new Counter(0); }
                  increment(): void {}
                }
                """);

        assertEquals(
                List.of(
                        "CLASS Counter",
                        "METHOD Counter.handle",
                        "CONSTRUCTOR Counter.constructor",
                        "METHOD Counter.value",
                        "METHOD Counter.value",
                        "METHOD Counter.create",
                        "METHOD Counter.increment"),
                kinds(file));
        assertEquals("Counter", declaration(file, "Counter.handle").parent());
        assertEquals("constructor", declaration(file, "Counter.constructor").name());
    }

    @Test
    void javaScriptClassFieldsHoldingFunctionsAreMethods() {
        FileExtraction file = js("class View { onClick = () => {}; size = 3; #secret = function () {}; }\n");

        assertEquals(List.of("CLASS View", "METHOD View.onClick", "METHOD View.#secret"), kinds(file));
    }

    @Test
    void objectLiteralMethodsAreNotDeclarations() {
        FileExtraction file = js("const api = { get() { return fetch('/x'); }, post: () => send() };\n");

        assertEquals(List.of(), kinds(file));
        assertEquals(List.of(" fetch", " send"), each(file.calls(), c -> c.caller() + " " + c.callee()));
    }

    @Test
    void interfacesTypeAliasesAndEnumsAreTypes() {
        FileExtraction file = ts("""
                interface Named { name: string; greet(): void }
                type Id = string | number;
                enum Color { Red, Green }
                """);

        assertEquals(List.of("INTERFACE Named", "TYPE_ALIAS Id", "ENUM Color"), kinds(file));
    }

    @Test
    void overloadSignaturesAreKeptAsSeparateDeclarations() {
        FileExtraction file = ts("""
                function parse(text: string): number;
                function parse(text: string, radix: number): number;
                function parse(text: string, radix = 10): number { return parseInt(text, radix); }
                """);

        assertEquals(List.of("FUNCTION parse", "FUNCTION parse", "FUNCTION parse"), kinds(file));
        assertEquals(
                "function parse(text: string): number",
                file.declarations().get(0).signature());
    }

    @Test
    void anonymousDefaultExportsAreNamedDefault() {
        FileExtraction file = js("export default function () { start(); }\n");

        assertEquals(List.of("FUNCTION default"), kinds(file));
        assertTrue(file.declarations().get(0).exported());
        assertEquals(List.of("default start"), each(file.calls(), c -> c.caller() + " " + c.callee()));
    }

    @Test
    void exportedMeansInsideAnExportStatementOrNamedInAnExportClause() {
        FileExtraction file = ts("""
                export function a() {}
                export default class B {}
                export const c = () => {};
                function d() {}
                const e = function () {};
                function hidden() {}
                interface F {}
                export { d, e as renamed, F };
                """);

        assertEquals(
                List.of("a true", "B true", "c true", "d true", "e true", "hidden false", "F true"),
                each(file.declarations(), d -> d.name() + " " + d.exported()));
    }

    @Test
    void aNameExportedByDefaultReferenceIsExported() {
        FileExtraction file = js("function app() {}\nfunction other() {}\nexport default app;\n");

        assertEquals(List.of("app true", "other false"), each(file.declarations(), d -> d.name() + " " + d.exported()));
    }

    @Test
    void commonJsModuleExportsMarksTheNamesExported() {
        FileExtraction file = js("""
                function a() {}
                function b() {}
                const c = () => {};
                function d() {}
                module.exports = { a, bee: b };
                exports.c = c;
                """);

        assertEquals(
                List.of("a true", "b true", "c true", "d false"),
                each(file.declarations(), d -> d.name() + " " + d.exported()));
    }

    @Test
    void membersOfAnExportedClassAreExportedUnlessPrivateAndNestedFunctionsAreNot() {
        FileExtraction file = ts("""
                export class Store {
                  save() {}
                  private load() {}
                  #cache() {}
                }
                class Internal { run() {} }
                export function outer() { function helper() {} }
                """);

        assertEquals(
                List.of(
                        "Store true",
                        "Store.save true",
                        "Store.load false",
                        "Store.#cache false",
                        "Internal false",
                        "Internal.run false",
                        "outer true",
                        "outer.helper false"),
                each(file.declarations(), d -> d.qualifiedName() + " " + d.exported()));
    }

    @Test
    void docIsTheJsDocCommentRightBeforeTheDeclarationOrItsExportStatement() {
        FileExtraction file = ts("""
                /**
                 * Loads a user.
                 *
                 * @param id the user's id
                 */
                export async function load(id: string) {}

                /** Adds. */
                export const add = (a: number, b: number) => a + b;

                class Box {
                  /** The size. */
                  @Memo()
                  size() { return 1; }
                }
                """);

        assertEquals(
                "Loads a user.\n\n@param id the user's id",
                declaration(file, "load").doc());
        assertEquals("Adds.", declaration(file, "add").doc());
        assertEquals("The size.", declaration(file, "Box.size").doc());
        assertEquals("", declaration(file, "Box").doc());
    }

    @Test
    void aCommentAfterABlankLineOrAPlainCommentIsNoDoc() {
        FileExtraction file = js("""
                /** Detached. */

                function detached() {}
                // Plain.
                function plain() {}
                /* Block. */
                function block() {}
                """);

        assertEquals(List.of("", "", ""), each(file.declarations(), Declaration::doc));
    }

    @Test
    void signaturesAreTheHeadWithoutTheBodyOnOneLine() {
        FileExtraction file = ts("""
                export async function load<T>(id: string):
                    Promise<User> { return get(id); }
                class Button extends React.Component<Props> implements Clickable { render() {} }
                const add = (a, b) => a + b;
                export const twice = function (x: number): number { return x * 2; };
                interface Named<T> extends Base { name: T }
                export type Id = string | number;
                type Point = { x: number; y: number };
                export const enum Color { Red }
                abstract class Shape { protected abstract area(): number; static get unit(): string { return 'cm'; } }
                """);

        assertEquals(
                List.of(
                        "export async function load<T>(id: string): Promise<User>",
                        "class Button extends React.Component<Props> implements Clickable",
                        "render()",
                        "const add = (a, b) =>",
                        "export const twice = function (x: number): number",
                        "interface Named<T> extends Base",
                        "export type Id = string | number",
                        "type Point =",
                        "export const enum Color",
                        "abstract class Shape",
                        "protected abstract area(): number",
                        "static get unit(): string"),
                each(file.declarations(), Declaration::signature));
    }

    @Test
    void linesSpanTheWholeDeclaration() {
        FileExtraction file = js("\nfunction a() {\n  return 1;\n}\nconst b = () => {\n};\n");

        assertEquals(
                List.of("a 2-4", "b 5-6"),
                each(file.declarations(), d -> d.name() + " " + d.startLine() + "-" + d.endLine()));
        assertEquals(6, file.lineCount());
    }

    @Test
    void everyImportFormGivesItsSpecNamesAndWildcard() {
        FileExtraction file = ts("""
                import React from 'react';
                import def, { a, b as c } from './mod';
                import * as ns from '@scope/pkg/sub';
                import './polyfill';
                import type { User } from './types';
                export { x } from './x';
                export * from './all';
                export * as grouped from './grouped';
                const fs = require('node:fs');
                const lazy = () => import('./lazy');
                import legacy = require('./legacy');
                const computed = require(name);
                """);

        assertEquals(
                List.of(
                        "react [React] false 1",
                        "./mod [def, a, b] false 2",
                        "@scope/pkg/sub [] false 3",
                        "./polyfill [] false 4",
                        "./types [User] false 5",
                        "./x [x] false 6",
                        "./all [] true 7",
                        "./grouped [] false 8",
                        "node:fs [] false 9",
                        "./lazy [] false 10",
                        "./legacy [] false 11"),
                each(file.imports(), i -> i.spec() + " " + i.names() + " " + i.wildcard() + " " + i.line()));
        assertTrue(file.imports().stream().allMatch(i -> i.kind() == ImportKind.IMPORT));
    }

    @Test
    void classExtendsIsInheritanceWithoutTypeArgumentsAndImplementsIsAnInterfaceEdge() {
        FileExtraction file = ts("""
                class Button extends React.Component<Props> implements Clickable, ui.Focusable<Button> {}
                interface Named extends Base, Generic<T> {}
                const Mixed = class extends Plain {};
                """);

        assertEquals(
                List.of(
                        "Button React.Component false 1",
                        "Button Clickable true 1",
                        "Button ui.Focusable true 1",
                        "Named Base false 2",
                        "Named Generic false 2",
                        "Mixed Plain false 3"),
                each(
                        file.supertypes(),
                        s -> s.declaration() + " " + s.name() + " " + s.implementsInterface() + " " + s.line()));
    }

    @Test
    void javaScriptClassExtendsIsInheritance() {
        FileExtraction file = js("class Store extends events.EventEmitter {}\n");

        assertEquals(
                List.of("Store events.EventEmitter false"),
                each(file.supertypes(), s -> s.declaration() + " " + s.name() + " " + s.implementsInterface()));
    }

    @Test
    void callsNameTheCalleeAndReceiverAndBelongToTheInnermostFunction() {
        FileExtraction file = js("""
                setup();
                function run(store) {
                  store.save(1);
                  this.items.forEach(item => log(item));
                  const p = new Promise(() => {});
                  new ns.Thing();
                  compute(1)(2);
                }
                class Service {
                  constructor() { super(); }
                  handle = () => { api.client.get('/x'); };
                }
                """);

        assertEquals(
                List.of(
                        " setup  1",
                        "run save store 3",
                        "run forEach this.items 4",
                        "run log  4",
                        "run Promise  5",
                        "run Thing ns 6",
                        "run compute  7",
                        "Service.constructor super  10",
                        "Service.handle get api.client 11"),
                each(file.calls(), c -> c.caller() + " " + c.callee() + " " + c.receiver() + " " + c.line()));
    }

    @Test
    void callsInsideJsxExpressionsCount() {
        FileExtraction file = tsx("""
                export const List = ({ items }: Props) => (
                  <ul onClick={() => track('click')}>
                    {items.map(item => <li key={item.id}>{format(item)}</li>)}
                  </ul>
                );
                """);

        assertEquals(List.of("FUNCTION List"), kinds(file));
        assertEquals(
                List.of("List track ", "List map items", "List format "),
                each(file.calls(), c -> c.caller() + " " + c.callee() + " " + c.receiver()));
        assertFalse(file.parseErrors());
    }

    @Test
    void decoratorCallsBelongToTheScopeAroundTheDecoratedDeclaration() {
        FileExtraction file = ts("""
                @Component({ selector: 'x' })
                class Widget {
                  @HostListener('click')
                  onClick() { this.toggle(); }
                }
                """);

        assertEquals(
                List.of(" Component", " HostListener", "Widget.onClick toggle"),
                each(file.calls(), c -> c.caller() + " " + c.callee()));
    }

    @Test
    void aMethodsOwnDecoratorsRunInItsClassAndItsParametersDecoratorsInTheMethod() {
        FileExtraction javaScript = js("""
                class Panel {
                  @bind(trace())
                  render() { draw(); }
                }
                """);
        FileExtraction typeScript = ts("""
                class Api {
                  constructor(@Inject(TOKEN) private readonly http: Http) {}
                }
                """);

        assertEquals(
                List.of(" bind", " trace", "Panel.render draw"),
                each(javaScript.calls(), c -> c.caller() + " " + c.callee()));
        assertEquals(List.of("Api.constructor Inject"), each(typeScript.calls(), c -> c.caller() + " " + c.callee()));
    }

    @Test
    void aClassExpressionBoundToAVariableIsDeclaredOnceUnderTheVariablesName() {
        FileExtraction file = js("""
                const Widget = class Inner extends Base {
                  render() { paint(); }
                };
                """);

        assertEquals(List.of("CLASS Widget", "METHOD Widget.render"), kinds(file));
        assertEquals(List.of("Widget Base"), each(file.supertypes(), s -> s.declaration() + " " + s.name()));
        assertEquals(List.of("Widget.render paint"), each(file.calls(), c -> c.caller() + " " + c.callee()));
    }

    @Test
    void enumMemberInitializersAreCalledFromTheScopeAroundTheEnum() {
        FileExtraction file = ts("""
                function setup() {
                  enum Level { Low = rank('low'), High = rank('high') }
                }
                """);

        assertEquals(List.of("FUNCTION setup", "ENUM setup.Level"), kinds(file));
        assertEquals(List.of("setup rank", "setup rank"), each(file.calls(), c -> c.caller() + " " + c.callee()));
    }

    @Test
    void chainedCallsSpreadOverLinesAreOnTheLineOfTheirName() {
        FileExtraction file = js("promise\n  .then(a)\n  .catch(b);\n");

        assertEquals(List.of("catch 3", "then 2"), each(file.calls(), c -> c.callee() + " " + c.line()));
    }

    @Test
    void brokenCodeDoesNotThrowAndKeepsTheIntactDeclarations() {
        FileExtraction file = ts("""
                export function good(a: number): number { return a; }
                function broken(a: { return ; ) }}}
                class Fine { ok() { return good(1); } }
                """);

        assertTrue(file.parseErrors());
        assertTrue(
                kinds(file).containsAll(List.of("FUNCTION good", "CLASS Fine", "METHOD Fine.ok")),
                kinds(file).toString());
    }

    @Test
    void theFixtureButtonComponentHasItsClassMembersSupertypesDocAndJsxCalls() throws IOException {
        byte[] code =
                Files.readAllBytes(Path.of("src/test/resources/code/fixtures/ecmascript/src/components/Button.tsx"));
        FileExtraction file = parser.parse("src/components/Button.tsx", Language.TSX, new SourceText(code));

        assertEquals(
                List.of(
                        "INTERFACE ButtonProps",
                        "CLASS Button",
                        "METHOD Button.create",
                        "METHOD Button.onClick",
                        "METHOD Button.render",
                        "FUNCTION IconButton"),
                kinds(file));
        assertEquals(
                "A clickable button.\nRenders its label.",
                declaration(file, "Button").doc());
        assertEquals(
                "export class Button extends React.Component<ButtonProps> implements Clickable",
                declaration(file, "Button").signature());
        assertEquals(
                List.of("Button React.Component false", "Button Clickable true"),
                each(file.supertypes(), s -> s.declaration() + " " + s.name() + " " + s.implementsInterface()));
        assertEquals(
                List.of(
                        "Button.create Button ",
                        "Button.onClick setState this",
                        "Button.render toUpperCase this.props.label"),
                each(file.calls(), c -> c.caller() + " " + c.callee() + " " + c.receiver()));
        assertFalse(file.parseErrors());
    }

    @Test
    void deeplyNestedGeneratedExpressionsDoNotOverflowTheStack() {
        FileExtraction file = js("const sum = 0" + " + g()".repeat(10_000) + ";\n");

        assertEquals(10_000, file.calls().size());
    }

    @Test
    void emptyFileHasNothing() {
        FileExtraction file = js("");

        assertEquals(List.of(), file.declarations());
        assertEquals(0, file.lineCount());
    }

    @Test
    void onlyEcmaScriptLanguagesAreAccepted() {
        assertThrows(IllegalArgumentException.class, () -> new EcmaScriptExtractor(Language.JAVA));
    }
}
