package dev.knowledgerouter.code.format;

import static dev.knowledgerouter.code.format.InfraFixture.edgesFrom;
import static dev.knowledgerouter.code.format.InfraFixture.lines;
import static dev.knowledgerouter.code.format.InfraFixture.node;
import static dev.knowledgerouter.code.format.InfraFixture.nodesOf;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.knowledgerouter.code.syntax.LineRange;
import org.junit.jupiter.api.Test;

/** The Terraform module of {@code fixtures/infra/terraform} and its local child module. */
class TerraformExtractorTest {
    @Test
    void blocksAreResourcesModulesVariablesOutputsAndLocals() {
        assertEquals(lines("""
                config:terraform/main.tf:local.name [variable]
                config:terraform/main.tf:output.web_ip [output]
                resource:terraform/main.tf:aws_instance.web [resource]
                resource:terraform/main.tf:aws_s3_bucket.assets [resource]
                resource:terraform/main.tf:data.aws_ami.base [data]
                resource:terraform/main.tf:module.network [module]
                resource:terraform/main.tf:provider.aws [provider]
                """), nodesOf("terraform/main.tf"));
        assertEquals(
                new LineRange(18, 27),
                node("resource:terraform/main.tf:aws_instance.web").lineRange());
    }

    @Test
    void referencesInExpressionsStringsAndHeredocsAreDependenciesWithinTheModuleDirectory() {
        // var.* lives in variables.tf beside main.tf; the module's own var.cidr is another node.
        assertEquals(lines("""
                depends_on config:terraform/main.tf:local.name -> config:terraform/variables.tf:var.region
                depends_on config:terraform/main.tf:output.web_ip -> resource:terraform/main.tf:aws_instance.web
                depends_on resource:terraform/main.tf:aws_instance.web -> config:terraform/main.tf:local.name
                depends_on resource:terraform/main.tf:aws_instance.web -> resource:terraform/main.tf:aws_s3_bucket.assets
                depends_on resource:terraform/main.tf:aws_instance.web -> resource:terraform/main.tf:data.aws_ami.base
                depends_on resource:terraform/main.tf:aws_instance.web -> resource:terraform/main.tf:module.network
                depends_on resource:terraform/main.tf:aws_s3_bucket.assets -> config:terraform/main.tf:local.name
                depends_on resource:terraform/main.tf:module.network -> config:terraform/variables.tf:var.cidr
                depends_on resource:terraform/main.tf:module.network -> file:terraform/modules/network/main.tf
                depends_on resource:terraform/main.tf:provider.aws -> config:terraform/variables.tf:var.region
                """), edgesFrom("terraform/main.tf"));
        assertEquals(lines("""
                depends_on config:terraform/modules/network/main.tf:output.subnet_id -> resource:terraform/modules/network/main.tf:aws_subnet.app
                depends_on resource:terraform/modules/network/main.tf:aws_subnet.app -> config:terraform/modules/network/main.tf:var.cidr
                depends_on resource:terraform/modules/network/main.tf:aws_subnet.app -> resource:terraform/modules/network/main.tf:aws_vpc.main
                depends_on resource:terraform/modules/network/main.tf:aws_vpc.main -> config:terraform/modules/network/main.tf:var.cidr
                """), edgesFrom("terraform/modules/network/main.tf"));
    }
}
