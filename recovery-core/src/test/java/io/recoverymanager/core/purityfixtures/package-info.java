/**
 * Test fixtures that each break one purity rule of {@code CorePurityTest}, to prove the rules catch
 * what they are meant to. They live under {@code io.recoverymanager.core} so the rules select them,
 * and in test sources so the real check never sees them.
 */
package io.recoverymanager.core.purityfixtures;
