/**
 * The daemon's wiring of the adapters: the configuration translated into what the adapters take
 * (bus address, command templates, protected directories), master/slave dispatch, the journal of
 * destructive actions, the relay from other contexts to the engine, the run-mode file and the
 * store's health on sd_notify and in the metrics.
 */
package io.recoverymanager.daemon.wiring;
