/**
 * Contract test suites for adapters of the core's ports: abstract JUnit 5 classes that an
 * implementation's test extends, so every store (in-memory, SQLite, ...) is held to the same
 * documented semantics.
 */
package io.recoverymanager.testkit.contract;
