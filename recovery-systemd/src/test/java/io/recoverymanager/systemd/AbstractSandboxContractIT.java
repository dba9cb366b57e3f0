package io.recoverymanager.systemd;

import io.recoverymanager.core.spi.ServiceManager;
import io.recoverymanager.testkit.contract.Await;
import io.recoverymanager.testkit.contract.ServiceManagerContract;
import io.recoverymanager.testkit.sandbox.SystemdSandbox;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/** The service-manager contract against a real sandboxed systemd, over some connection kind. */
abstract class AbstractSandboxContractIT extends ServiceManagerContract {
    static SystemdSandbox sandbox;
    private SystemdServiceManager manager;

    @BeforeAll
    static void startSandbox() {
        sandbox = SystemdSandbox.start();
    }

    @AfterAll
    static void stopSandbox() {
        if (sandbox != null) {
            sandbox.close();
        }
    }

    abstract BusAddress bus();

    @BeforeEach
    void connect() {
        manager = SystemdServiceManager.connect(SystemdConnectionConfig.of(bus()));
    }

    @AfterEach
    void disconnect() {
        manager.close();
    }

    @Override
    protected ServiceManager manager() {
        return manager;
    }

    @Override
    protected void awaitWatching() {
        Await.done(manager.ready(), timeout(), "initial sync with systemd");
    }

    @Override
    protected void addService(String service) {
        SandboxServices.define(sandbox, service, "");
    }

    @Override
    protected void exitMainProcess(String service, int status) {
        SandboxServices.exitMainProcess(sandbox, service, status);
    }
}
