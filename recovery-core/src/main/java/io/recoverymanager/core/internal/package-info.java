/**
 * The engine's implementation: the serial state machine, one class per service state. Not API:
 * anything here may change without notice.
 */
package io.recoverymanager.core.internal;
