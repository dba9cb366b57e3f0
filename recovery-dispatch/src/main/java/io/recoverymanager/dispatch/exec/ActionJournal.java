package io.recoverymanager.dispatch.exec;

import io.recoverymanager.core.model.ActionRequest;

/**
 * Records a destructive action before it runs (the daemon writes it to the history), so that even
 * a crash in the middle of a factory reset leaves a trace of what was started and why. If recording
 * throws, the action does not run.
 *
 * <p>Thread-safety: implementations must accept calls from any thread (executors call it from their
 * worker threads).
 */
@FunctionalInterface
public interface ActionJournal {
    /**
     * About to run a destructive action.
     *
     * @param request the request (its context is the requester's)
     * @param what what exactly is about to happen, e.g. the argv or the directory
     */
    void beforeDestructive(ActionRequest request, String what);

    /** A journal that records nothing (tests, embedded use without history). */
    static ActionJournal none() {
        return (request, what) -> {};
    }
}
