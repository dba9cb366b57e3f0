package io.recoverymanager.core.model;

/**
 * The result of committing a failure to the store.
 *
 * @param rvector the rvector after the commit
 * @param counted false when this failure identity had already been counted (nothing changed)
 *     <p>Thread-safety: immutable.
 */
public record FailureCount(int rvector, boolean counted) {}
