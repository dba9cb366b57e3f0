/**
 * The recovery unit model (actions, friends, the ladder that selects an action for an rvector) and
 * the strict TOML parser that builds it.
 */
package io.recoverymanager.core.unit;
