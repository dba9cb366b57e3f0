/** A test fixture: one side of a package cycle that {@code CoreLayeringTest}'s rule must catch. */
package io.recoverymanager.core.layeringfixtures.a;
