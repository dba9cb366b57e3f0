/**
 * Behaviour every {@link io.recoverymanager.core.spi.ServiceManager} must share, fake or real:
 * {@link io.recoverymanager.testkit.contract.ServiceManagerContract} with its observer recorder and
 * bounded waiting helpers.
 */
package io.recoverymanager.testkit.contract;
