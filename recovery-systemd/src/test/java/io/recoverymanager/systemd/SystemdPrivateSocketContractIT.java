package io.recoverymanager.systemd;

/** The contract over systemd's own peer-to-peer socket (no dbus-daemon involved). */
class SystemdPrivateSocketContractIT extends AbstractSandboxContractIT {
    @Override
    BusAddress bus() {
        return new BusAddress.PrivateSocket(sandbox.privateSocket());
    }
}
