package dev.knowledgerouter.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** What "escalation after N local failures" means: N models, each asked once, never more than there are. */
class EscalationSettingsTest {
    final EscalationSettings defaults = EscalationSettings.defaults();

    @Test
    void aRegularQueryEscalatesAfterTwoFailedModelsOrAllOfThemWhenFewerAreConfigured() {
        assertEquals(1, defaults.failuresBeforeEscalation("general", 1));
        assertEquals(2, defaults.failuresBeforeEscalation("general", 2));
        assertEquals(2, defaults.failuresBeforeEscalation("general", 3));
    }

    @Test
    void aCriticalQueryEscalatesAfterTheFirstFailedModel() {
        assertEquals(1, defaults.failuresBeforeEscalation("critical", 1));
        assertEquals(1, defaults.failuresBeforeEscalation("critical", 3));
    }

    @Test
    void statusSaysWhatTheCountMeansForTheConfiguredChain() {
        String said = defaults.describe(1);
        assertTrue(said.startsWith("to Claude after 1 local failure (1 local model configured"), said);
        assertTrue(said.contains("critical task types critical after 1"), said);
    }
}
