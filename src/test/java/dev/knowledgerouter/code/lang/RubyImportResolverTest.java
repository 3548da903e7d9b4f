package dev.knowledgerouter.code.lang;

import static dev.knowledgerouter.code.lang.FixtureGraph.lines;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Ruby's requires and Zeitwerk-style constants against {@code fixtures/ruby}, a Rails-shaped tree. */
class RubyImportResolverTest {
    private static final FixtureGraph FIXTURE = FixtureGraph.of("ruby");

    @Test
    void fixtureParsesWithoutErrors() {
        assertEquals(List.of(), FIXTURE.withParseErrors());
    }

    @Test
    void requiresAndConstantsResolveByLoadPathAndAutoloadRoots() {
        // AuditLog inside module Admin is Admin::AuditLog; User::ROLES is User's; JSON and RSpec link nothing.
        assertEquals(lines("""
                app/controllers/admin/users_controller.rb -> file:app/controllers/application_controller.rb
                app/controllers/admin/users_controller.rb -> file:app/models/admin/audit_log.rb
                app/controllers/admin/users_controller.rb -> file:app/models/user.rb
                app/models/user.rb -> file:app/models/application_record.rb
                app/services/checkout.rb -> file:app/models/user.rb
                app/services/checkout.rb -> file:lib/billing/invoice.rb
                app/services/checkout.rb -> module:active_support
                lib/billing/invoice.rb -> module:json
                spec/models/user_spec.rb -> file:app/models/user.rb
                spec/models/user_spec.rb -> module:spec_helper
                """), FIXTURE.importEdges());
    }

    @Test
    void constantsAreSnakeCasedAsZeitwerkDoes() {
        assertEquals("users_controller", RubyImportResolver.underscore("UsersController"));
        assertEquals("html_parser", RubyImportResolver.underscore("HTMLParser"));
        assertEquals("v2_api", RubyImportResolver.underscore("V2Api"));
    }
}
