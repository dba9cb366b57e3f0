package io.recoverymanager.testkit.contract;

import io.recoverymanager.core.model.ActionOutcome;
import io.recoverymanager.core.spi.SystemActions;
import io.recoverymanager.testkit.RecordingSystemActions;

/** The recording fake held to the system actions contract. */
class RecordingSystemActionsContractTest extends SystemActionsContract {
    @Override
    protected SystemActions succeeding() {
        return RecordingSystemActions.master();
    }

    @Override
    protected SystemActions failing() {
        return RecordingSystemActions.master().reportOutcome(ActionOutcome.failed("refused by the test"));
    }

    @Override
    protected String resettableDirectory() {
        return "/srv/app/public";
    }
}
