package io.recoverymanager.dispatch.exec;

import io.recoverymanager.core.model.ServiceStatus;
import io.recoverymanager.core.spi.ServiceManager;
import io.recoverymanager.core.spi.ServiceObserver;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

/** A minimal service manager for executor tests: records calls into a shared log, can refuse some. */
public final class RecordingServiceManager implements ServiceManager {
    public final List<String> log;
    public final Set<String> refusing = ConcurrentHashMap.newKeySet();

    public RecordingServiceManager(List<String> sharedLog) {
        this.log = sharedLog;
    }

    public RecordingServiceManager() {
        this(java.util.Collections.synchronizedList(new ArrayList<>()));
    }

    private CompletionStage<Void> call(String what, String service) {
        log.add(what + " " + service);
        if (refusing.contains(what)) {
            return CompletableFuture.failedFuture(new IllegalStateException(what + " refused by test"));
        }
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public void watch(ServiceObserver observer) {}

    @Override
    public CompletionStage<Void> restart(String service) {
        return call("restart", service);
    }

    @Override
    public CompletionStage<Void> start(String service) {
        return call("start", service);
    }

    @Override
    public CompletionStage<Void> stop(String service) {
        return call("stop", service);
    }

    @Override
    public CompletionStage<Void> signal(String service, int signal) {
        return call("signal", service);
    }

    @Override
    public CompletionStage<Void> disableForBoot(String service) {
        return call("disable", service);
    }

    @Override
    public CompletionStage<ServiceStatus> status(String service) {
        return CompletableFuture.completedFuture(new ServiceStatus(service, "active", "running"));
    }
}
