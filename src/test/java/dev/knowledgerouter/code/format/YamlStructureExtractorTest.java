package dev.knowledgerouter.code.format;

import static dev.knowledgerouter.code.format.InfraFixture.edgesFrom;
import static dev.knowledgerouter.code.format.InfraFixture.lines;
import static dev.knowledgerouter.code.format.InfraFixture.node;
import static dev.knowledgerouter.code.format.InfraFixture.nodesOf;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.knowledgerouter.code.syntax.FileExtraction;
import dev.knowledgerouter.code.syntax.SourceText;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Compose services and Kubernetes objects of {@code fixtures/infra}; other YAML stays a plain file. */
class YamlStructureExtractorTest {
    @Test
    void composeServicesDependOnImagesBuildsServicesAndNamedVolumes() {
        assertEquals(lines("""
                resource:compose.yaml:pgdata [volume]
                service:compose.yaml:cache [service]
                service:compose.yaml:db [service]
                service:compose.yaml:web [service]
                """), nodesOf("compose.yaml"));
        assertEquals(lines("""
                depends_on service:compose.yaml:cache -> module:redis:7
                depends_on service:compose.yaml:cache -> service:compose.yaml:db
                depends_on service:compose.yaml:db -> module:postgres:16
                depends_on service:compose.yaml:db -> resource:compose.yaml:pgdata
                depends_on service:compose.yaml:web -> file:Dockerfile
                depends_on service:compose.yaml:web -> service:compose.yaml:cache
                depends_on service:compose.yaml:web -> service:compose.yaml:db
                """), edgesFrom("compose.yaml"));
    }

    @Test
    void aServicesPortsAndVolumesAreItsSignature() {
        assertEquals(
                "service web ports 8080:8080 volumes ./app:/app",
                node("service:compose.yaml:web").signature());
    }

    @Test
    void kubernetesObjectsDependOnImagesAndTheConfigMapsTheyReference() {
        assertEquals(lines("""
                resource:k8s/app.yaml:ConfigMap/app-config [resource]
                resource:k8s/app.yaml:Deployment/web [resource]
                resource:k8s/app.yaml:Service/web [resource]
                """), nodesOf("k8s/app.yaml"));
        assertEquals(lines("""
                depends_on resource:k8s/app.yaml:Deployment/web -> module:ghcr.io/acme/web:1.4
                depends_on resource:k8s/app.yaml:Deployment/web -> resource:k8s/app.yaml:ConfigMap/app-config
                """), edgesFrom("k8s/app.yaml"));
    }

    @Test
    void otherYamlHasNoStructure() {
        FileExtraction file = new YamlStructureExtractor().extract("kr.yaml", SourceText.of("server:\n  port: 8080\n"));

        assertEquals(List.of(), file.declarations());
        assertEquals(List.of(), file.relations());
    }

    @Test
    void yamlThatDoesNotParseIsKeptWithParseErrors() {
        FileExtraction file = new YamlStructureExtractor()
                .extract("compose.yaml", SourceText.of("services:\n  web:\n    image: [unclosed\n"));

        assertEquals(true, file.parseErrors());
    }
}
