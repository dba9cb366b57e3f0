/**
 * The engine's public entry points: {@link io.recoverymanager.core.api.RecoveryEngine} and its
 * builder. Embedders need only this package, the {@code spi} ports they implement and the {@code
 * event} values they listen to. The engine itself (the state machine and its helpers) lives here
 * package-private, constructed only by the builder.
 */
package io.recoverymanager.core.api;
