package io.recoverymanager.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.recoverymanager.core.spi.EventLoop;
import io.recoverymanager.testkit.ManualClock;
import io.recoverymanager.testkit.VirtualEventLoop;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/** The virtual-time loop held to the event loop contract: time passes only when the test says so. */
class VirtualEventLoopContractTest extends EventLoopContract {
    private VirtualEventLoop virtual;

    @Override
    protected EventLoop newLoop() {
        virtual = new VirtualEventLoop(new ManualClock());
        return virtual;
    }

    @Override
    protected void runUntil(BooleanSupplier condition, Duration elapse, String what) {
        virtual.runPending();
        if (!elapse.isZero()) {
            virtual.advance(elapse);
        }
        assertThat(condition.getAsBoolean()).as(what).isTrue();
    }
}
