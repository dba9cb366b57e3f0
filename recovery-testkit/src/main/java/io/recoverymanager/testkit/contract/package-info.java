/**
 * Contract test suites for adapters of the core's ports: abstract JUnit 5 classes that an
 * implementation's test extends, so the fakes and the real adapters are held to the same documented
 * semantics ({@link io.recoverymanager.testkit.contract.ServiceManagerContract} for the fake and the
 * systemd adapter, {@link io.recoverymanager.testkit.contract.RecoveryStoreContract} for the
 * in-memory and SQLite stores, {@link io.recoverymanager.testkit.contract.EventLoopContract} for the
 * virtual and the single-thread loop, {@link
 * io.recoverymanager.testkit.contract.SystemActionsContract} for the recording fake and the
 * dispatch executors).
 */
package io.recoverymanager.testkit.contract;
