/** A test fixture that breaks the layering rule of {@code CorePurityTest}: unit code using internal. */
package io.recoverymanager.core.unit.layeringfixtures;
