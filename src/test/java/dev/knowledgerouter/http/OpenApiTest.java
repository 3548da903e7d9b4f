package dev.knowledgerouter.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.knowledgerouter.app.App;
import dev.knowledgerouter.testing.TestStack;
import io.javalin.Javalin;
import io.javalin.http.HandlerType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /openapi.json} from the real server, held to the routes that server registered: a route
 * added without its description, or a description left behind by a removed route, fails here.
 */
class OpenApiTest {
    /** HEAD and OPTIONS are answered by the server for any route; the document lists what a client calls. */
    private static final Set<String> OPERATIONS = Set.of("get", "put", "post", "delete", "patch");

    private static final Pattern PATH_PARAMETER = Pattern.compile("\\{([^}]+)}");

    @TempDir
    static Path home;

    static App app;
    static Javalin server;
    static JsonNode document;
    static String contentType;

    @BeforeAll
    static void start() throws Exception {
        app = App.open(TestStack.config(home), TestStack.embedder(), Clock.systemUTC());
        server = new HttpApi(app).create().start();
        HttpResponse<String> r = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/openapi.json"))
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        contentType = r.headers().firstValue("Content-Type").orElse("");
        document = new ObjectMapper().readTree(r.body());
    }

    @AfterAll
    static void stop() {
        server.stop();
        app.close();
    }

    private static Set<String> registeredRoutes() {
        return server.unsafe.internalRouter.allHttpHandlers().stream()
                .map(e -> e.endpoint)
                .filter(e -> e.method.isHttpMethod()
                        && !e.method.equals(HandlerType.HEAD)
                        && !e.method.equals(HandlerType.OPTIONS))
                // Javalin's <name> parameters (which may hold slashes, as model ids do) are OpenAPI's {name}.
                .map(e -> e.method.name().toUpperCase() + " " + e.path.replaceAll("<([^>]+)>", "{$1}"))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static Map<String, JsonNode> documentedOperations() {
        Map<String, JsonNode> out = new TreeMap<>();
        document.path("paths")
                .properties()
                .forEach(path -> path.getValue().properties().forEach(op -> {
                    if (OPERATIONS.contains(op.getKey())) {
                        out.put(op.getKey().toUpperCase() + " " + path.getKey(), op.getValue());
                    }
                }));
        return out;
    }

    /** Follows a local {@code $ref} ({@code #/components/...}); other nodes are returned as they are. */
    private static JsonNode resolve(JsonNode node) {
        String ref = node.path("$ref").asText("");
        return ref.isEmpty() ? node : document.at(ref.substring(1));
    }

    @Test
    void theDocumentDescribesExactlyTheRoutesTheServerRegisters() {
        Set<String> registered = registeredRoutes();
        Set<String> documented = documentedOperations().keySet();
        Set<String> undocumented = new TreeSet<>(registered);
        undocumented.removeAll(documented);
        Set<String> stale = new TreeSet<>(documented);
        stale.removeAll(registered);
        assertTrue(
                undocumented.isEmpty(),
                "routes missing from src/main/resources/openapi.json (describe them there): " + undocumented);
        assertTrue(
                stale.isEmpty(),
                "operations in src/main/resources/openapi.json that the server does not register (remove them): "
                        + stale);
        assertTrue(
                registered.contains("GET /openapi.json") && registered.size() > 5,
                "the router listing works: " + registered);
    }

    @Test
    void theDocumentIsServedAsOpenApi31Json() {
        assertTrue(contentType.startsWith("application/json"), contentType);
        assertTrue(
                document.path("openapi").asText().startsWith("3.1."),
                document.path("openapi").toString());
        assertFalse(document.path("info").path("title").asText().isBlank());
        JsonNode scheme = document.path("components").path("securitySchemes").path("bearerAuth");
        assertEquals("http", scheme.path("type").asText());
        assertEquals("bearer", scheme.path("scheme").asText());
        assertEquals(
                "bearerAuth",
                document.path("security").get(0).properties().iterator().next().getKey(),
                "every route needs the token by default");
    }

    @Test
    void everyOperationHasAResponseAndItsErrorsUseTheErrorSchema() {
        documentedOperations().forEach((name, op) -> {
            JsonNode responses = op.path("responses");
            assertFalse(responses.isEmpty(), name + " has no responses");
            assertTrue(
                    responses.properties().stream()
                            .anyMatch(r ->
                                    r.getKey().startsWith("2") || r.getKey().startsWith("3")),
                    name + " has no success or redirect response");
            responses.properties().forEach(r -> {
                if (r.getKey().startsWith("4")) {
                    JsonNode schema = resolve(r.getValue())
                            .path("content")
                            .path("application/json")
                            .path("schema");
                    assertEquals(
                            "#/components/schemas/Error",
                            schema.path("$ref").asText(),
                            name + " " + r.getKey() + " is not an Error");
                }
            });
        });
    }

    @Test
    void onlyHealthIsOpenAndEveryOtherOperationDocumentsTheRefusal() {
        documentedOperations().forEach((name, op) -> {
            boolean open = op.has("security") && op.get("security").isEmpty();
            assertEquals(
                    name.startsWith("GET ") && BearerAuth.isOpen(name.substring(4)),
                    open,
                    name + ": only GET /health and the dashboard's files are open");
            assertEquals(!open, op.path("responses").has("401"), name + ": a route behind the token documents its 401");
        });
    }

    @Test
    void everyOperationDocumentsTheRequestGuardsRefusals() {
        documentedOperations().forEach((name, op) -> {
            assertTrue(op.path("responses").has("403"), name + ": RequestGuard refuses a foreign Host or Origin");
            assertEquals(
                    op.has("requestBody"),
                    op.path("responses").has("415"),
                    name + ": an operation with a body documents the 415 for a body that is not JSON");
        });
    }

    @Test
    void everyPathParameterIsDeclaredOnItsOperations() {
        documentedOperations().forEach((name, op) -> {
            Matcher m = PATH_PARAMETER.matcher(name);
            while (m.find()) {
                String parameter = m.group(1);
                boolean declared = op.path("parameters")
                        .valueStream()
                        .map(OpenApiTest::resolve)
                        .anyMatch(p -> p.path("in").asText().equals("path")
                                && p.path("name").asText().equals(parameter)
                                && p.path("required").asBoolean());
                assertTrue(declared, name + " does not declare its required path parameter '" + parameter + "'");
            }
        });
    }

    @Test
    void everyReferenceInTheDocumentResolves() {
        List<String> refs = new ArrayList<>();
        collectRefs(document, refs);
        assertFalse(refs.isEmpty());
        for (String ref : refs) {
            assertTrue(ref.startsWith("#/"), "only local references, so the document stands alone: " + ref);
            assertFalse(document.at(ref.substring(1)).isMissingNode(), ref + " points at nothing");
        }
    }

    private static void collectRefs(JsonNode node, List<String> out) {
        if (node.has("$ref")) {
            out.add(node.get("$ref").asText());
        }
        node.forEach(child -> collectRefs(child, out));
    }
}
