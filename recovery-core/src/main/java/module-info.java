/**
 * The recovery engine: the API a host calls ({@code api}), the ports it implements ({@code spi}),
 * the events it observes ({@code event}), the unit model and parser ({@code unit}) and the
 * degraded-storage decorator ({@code store}). The state machine lives package-private in {@code
 * api}, next to the builder that constructs it; the action-budget ledger ({@code budget}) is not
 * exported.
 */
module io.recoverymanager.core {
    requires com.fasterxml.jackson.core;
    // Transitive: TomlReader hands out Jackson's tree (JsonNode), which the daemon's configuration reads.
    requires transitive com.fasterxml.jackson.databind;
    requires com.fasterxml.jackson.dataformat.toml;

    exports io.recoverymanager.core.api;
    exports io.recoverymanager.core.spi;
    exports io.recoverymanager.core.model;
    exports io.recoverymanager.core.event;
    exports io.recoverymanager.core.unit;
    exports io.recoverymanager.core.store;
}
