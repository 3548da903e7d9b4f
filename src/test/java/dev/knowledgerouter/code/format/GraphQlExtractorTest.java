package dev.knowledgerouter.code.format;

import static dev.knowledgerouter.code.format.InfraFixture.edgesFrom;
import static dev.knowledgerouter.code.format.InfraFixture.lines;
import static dev.knowledgerouter.code.format.InfraFixture.node;
import static dev.knowledgerouter.code.format.InfraFixture.nodesOf;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The GraphQL schema of {@code fixtures/infra/api}: types, an interface, a union, an input and root operations. */
class GraphQlExtractorTest {
    @Test
    void typeDefinitionsAreSchemaNodesAndRootFieldsEndpoints() {
        assertEquals(lines("""
                endpoint:api/schema.graphql:Mutation.placeOrder [operation]
                endpoint:api/schema.graphql:Query.order [operation]
                endpoint:api/schema.graphql:Query.search [operation]
                schema:api/schema.graphql:Customer [type]
                schema:api/schema.graphql:Mutation [type]
                schema:api/schema.graphql:Node [interface]
                schema:api/schema.graphql:Order [type]
                schema:api/schema.graphql:OrderFilter [input]
                schema:api/schema.graphql:OrderStatus [enum]
                schema:api/schema.graphql:Query [type]
                schema:api/schema.graphql:SearchResult [union]
                """), nodesOf("api/schema.graphql"));
        assertEquals(
                "search(...): [SearchResult!]!",
                node("endpoint:api/schema.graphql:Query.search").signature());
    }

    @Test
    void fieldArgumentAndMemberTypesAreDependenciesAndImplementsIsKept() {
        assertEquals(lines("""
                depends_on endpoint:api/schema.graphql:Mutation.placeOrder -> schema:api/schema.graphql:Order
                depends_on endpoint:api/schema.graphql:Query.order -> schema:api/schema.graphql:Order
                depends_on endpoint:api/schema.graphql:Query.search -> schema:api/schema.graphql:OrderFilter
                depends_on endpoint:api/schema.graphql:Query.search -> schema:api/schema.graphql:SearchResult
                depends_on schema:api/schema.graphql:Customer -> schema:api/schema.graphql:Order
                depends_on schema:api/schema.graphql:Mutation -> schema:api/schema.graphql:Order
                depends_on schema:api/schema.graphql:Order -> schema:api/schema.graphql:Customer
                depends_on schema:api/schema.graphql:Order -> schema:api/schema.graphql:OrderStatus
                depends_on schema:api/schema.graphql:OrderFilter -> schema:api/schema.graphql:OrderStatus
                depends_on schema:api/schema.graphql:Query -> schema:api/schema.graphql:Order
                depends_on schema:api/schema.graphql:Query -> schema:api/schema.graphql:OrderFilter
                depends_on schema:api/schema.graphql:Query -> schema:api/schema.graphql:SearchResult
                depends_on schema:api/schema.graphql:SearchResult -> schema:api/schema.graphql:Customer
                depends_on schema:api/schema.graphql:SearchResult -> schema:api/schema.graphql:Order
                implements schema:api/schema.graphql:Customer -> schema:api/schema.graphql:Node
                implements schema:api/schema.graphql:Order -> schema:api/schema.graphql:Node
                """), edgesFrom("api/schema.graphql"));
    }
}
