package io.recoverymanager.testkit.contract;

import io.recoverymanager.core.spi.ServiceManager;
import io.recoverymanager.testkit.FakeServiceManager;
import io.recoverymanager.testkit.ManualClock;
import org.junit.jupiter.api.BeforeEach;

/** The fake systemd passes the same contract as the real adapter. */
class FakeServiceManagerContractTest extends ServiceManagerContract {
    private FakeServiceManager fake;

    @BeforeEach
    void newFake() {
        fake = new FakeServiceManager(new ManualClock());
    }

    @Override
    protected ServiceManager manager() {
        return fake;
    }

    @Override
    protected void addService(String service) {
        fake.define(service);
    }

    @Override
    protected void exitMainProcess(String service, int status) {
        fake.exitMainProcess(service, status);
    }
}
