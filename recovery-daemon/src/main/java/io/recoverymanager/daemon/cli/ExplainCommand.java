package io.recoverymanager.daemon.cli;

import io.recoverymanager.core.model.HistoryQuery;
import io.recoverymanager.daemon.config.DaemonConfig;
import io.recoverymanager.daemon.view.ExplainView;
import io.recoverymanager.daemon.view.HumanTime;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code recoverymanager explain [SERVICE] [--boot N|ID] [--json]}: why did it reboot? The most
 * recent system-level action (else the most recent action), or the service's most recent action,
 * and the chain of failures that led there, from the history ({@link ExplainView}).
 *
 * <p>Thread-safety: used from the main thread only.
 */
@Command(
        name = "explain",
        mixinStandardHelpOptions = true,
        description = {
            "Explain the most recent system-level action (else the most recent action), or SERVICE's most recent"
                    + " action: each failure that led there with its time, result, exit status or signal and"
                    + " invocation id, the rvector, the action chosen, who ran it and the outcome."
        })
public final class ExplainCommand implements Callable<Integer> {
    /** The history rows read: the whole retained history at its default bound. */
    static final int MAX_ROWS = 100_000;

    @ParentCommand
    RecoveryManagerCommand root;

    @Mixin
    ConfigFileOptions.StateOptions config;

    @Parameters(arity = "0..1", paramLabel = "SERVICE", description = "Explain this service's most recent action.")
    String service;

    @Option(
            names = "--boot",
            paramLabel = "N|ID",
            description = "Look only at one boot: 0 this boot, -1 the one before (\"why did it reboot?\"), 1 the"
                    + " first in the history, or a boot id.")
    String boot;

    @Option(names = "--json", description = "Print JSON (times ISO-8601).")
    boolean json;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        CliEnvironment env = root.environment();
        DaemonConfig cfg = config.load(env.configLoader());
        String context = cfg.effectiveContext(env.hostname());
        ExplainView view = StoreAccess.read(env, cfg, store -> {
            Optional<String> bootId = HistoryScope.boot(boot, store, env, cfg);
            HistoryQuery query = new HistoryQuery(Optional.empty(), Optional.empty(), MAX_ROWS, bootId, Set.of());
            return ExplainView.of(store.history(query), Optional.ofNullable(service), context);
        });
        spec.commandLine().getOut().print(json ? view.toJson() + "\n" : view.toText(HumanTime.of(env.clock())));
        return ExitCodes.OK;
    }
}
