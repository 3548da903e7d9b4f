package dev.knowledgerouter.code.format;

import static dev.knowledgerouter.code.format.InfraFixture.edgesFrom;
import static dev.knowledgerouter.code.format.InfraFixture.lines;
import static dev.knowledgerouter.code.format.InfraFixture.nodesOf;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Tables, a view and foreign keys in {@code fixtures/infra/db}, across two files. */
class SqlExtractorTest {
    @Test
    void tablesAndViewsAreTableNodes() {
        assertEquals(lines("""
                table:db/schema.sql:customers [table]
                table:db/schema.sql:order_lines [table]
                table:db/schema.sql:orders [table]
                """), nodesOf("db/schema.sql"));
        assertEquals(lines("table:db/views.sql:customer_totals [view]"), nodesOf("db/views.sql"));
    }

    @Test
    void foreignKeysAreDependenciesAndAViewReadsFromTheTablesItSelects() {
        assertEquals(lines("""
                depends_on table:db/schema.sql:order_lines -> table:db/schema.sql:orders
                depends_on table:db/schema.sql:orders -> table:db/schema.sql:customers
                """), edgesFrom("db/schema.sql"));
        assertEquals(lines("""
                reads_from table:db/views.sql:customer_totals -> table:db/schema.sql:customers
                reads_from table:db/views.sql:customer_totals -> table:db/schema.sql:orders
                """), edgesFrom("db/views.sql"));
    }
}
