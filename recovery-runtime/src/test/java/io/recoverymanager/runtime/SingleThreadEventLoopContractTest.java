package io.recoverymanager.runtime;

import io.recoverymanager.core.spi.EventLoop;
import io.recoverymanager.testkit.contract.Await;
import io.recoverymanager.testkit.contract.EventLoopContract;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/** The production loop held to the event loop contract: real time, awaited with a generous bound. */
class SingleThreadEventLoopContractTest extends EventLoopContract {
    @Override
    protected EventLoop newLoop() {
        return new SingleThreadEventLoop("contract-loop");
    }

    @Override
    protected void runUntil(BooleanSupplier condition, Duration elapse, String what) {
        Await.until(condition::getAsBoolean, held -> held, BOUND, what);
    }
}
