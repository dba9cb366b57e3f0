/**
 * The immutable events the engine emits for every decision and state change; listeners, the
 * history and the testkit's assertions consume them.
 */
package io.recoverymanager.core.event;
