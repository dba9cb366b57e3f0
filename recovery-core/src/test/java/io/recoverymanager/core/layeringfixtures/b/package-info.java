/** A test fixture: the other side of a package cycle that {@code CoreLayeringTest}'s rule must catch. */
package io.recoverymanager.core.layeringfixtures.b;
