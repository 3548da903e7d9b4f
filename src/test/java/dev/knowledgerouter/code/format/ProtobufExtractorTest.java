package dev.knowledgerouter.code.format;

import static dev.knowledgerouter.code.format.InfraFixture.edgesFrom;
import static dev.knowledgerouter.code.format.InfraFixture.lines;
import static dev.knowledgerouter.code.format.InfraFixture.nodesOf;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Messages, nested types, a service and an import across packages in {@code fixtures/infra/proto}. */
class ProtobufExtractorTest {
    @Test
    void messagesEnumsServicesAndRpcsAreNodes() {
        assertEquals(lines("""
                endpoint:proto/acme/shop/orders.proto:Orders.GetOrder [rpc]
                endpoint:proto/acme/shop/orders.proto:Orders.WatchOrders [rpc]
                schema:proto/acme/shop/orders.proto:GetOrderRequest [message]
                schema:proto/acme/shop/orders.proto:Order [message]
                schema:proto/acme/shop/orders.proto:Order.Line [message]
                schema:proto/acme/shop/orders.proto:Order.Status [enum]
                service:proto/acme/shop/orders.proto:Orders [service]
                """), nodesOf("proto/acme/shop/orders.proto"));
    }

    @Test
    void fieldTypesAreScopedNestedFirstAndImportsLinkTheImportedFile() {
        // google/protobuf/timestamp.proto is not in the repository: neither the import nor Timestamp links.
        assertEquals(lines("""
                depends_on endpoint:proto/acme/shop/orders.proto:Orders.GetOrder -> schema:proto/acme/shop/orders.proto:GetOrderRequest
                depends_on endpoint:proto/acme/shop/orders.proto:Orders.GetOrder -> schema:proto/acme/shop/orders.proto:Order
                depends_on endpoint:proto/acme/shop/orders.proto:Orders.WatchOrders -> schema:proto/acme/shop/orders.proto:GetOrderRequest
                depends_on endpoint:proto/acme/shop/orders.proto:Orders.WatchOrders -> schema:proto/acme/shop/orders.proto:Order
                depends_on schema:proto/acme/shop/orders.proto:Order -> schema:proto/acme/common/money.proto:Money
                depends_on schema:proto/acme/shop/orders.proto:Order -> schema:proto/acme/shop/orders.proto:Order.Line
                depends_on schema:proto/acme/shop/orders.proto:Order -> schema:proto/acme/shop/orders.proto:Order.Status
                depends_on schema:proto/acme/shop/orders.proto:Order.Line -> schema:proto/acme/common/money.proto:Money
                imports file:proto/acme/shop/orders.proto -> file:proto/acme/common/money.proto
                """), edgesFrom("proto/acme/shop/orders.proto"));
    }
}
