/**
 * Destructive-action budgets: how many {@code restart-platform} and {@code factory-reset} actions an
 * instance has run in a sliding window, derived from its durable history, and whether one more may
 * run. Pure computation over the store port; no I/O of its own.
 */
package io.recoverymanager.core.budget;
