package io.recoverymanager.systemd;

/** The contract over the sandbox's session bus (dbus-daemon). */
class SystemdBusContractIT extends AbstractSandboxContractIT {
    @Override
    BusAddress bus() {
        return new BusAddress.Explicit(sandbox.busAddress());
    }
}
