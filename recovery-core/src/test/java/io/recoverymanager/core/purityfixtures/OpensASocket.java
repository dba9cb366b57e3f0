package io.recoverymanager.core.purityfixtures;

import java.net.InetSocketAddress;

/** Breaks the no-network rule. */
public final class OpensASocket {
    private OpensASocket() {}

    public static Object address() {
        return InetSocketAddress.createUnresolved("localhost", 80);
    }
}
