package io.recoverymanager.dispatch.exec;

import io.recoverymanager.core.spi.SystemActions;
import io.recoverymanager.core.unit.DataPaths;
import io.recoverymanager.dispatch.DispatchingSystemActions;
import io.recoverymanager.testkit.contract.SystemActionsContract;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real system actions of a master (the dispatch executors running commands) held to the system
 * actions contract, with harmless commands: {@code /bin/true} restarts nothing and succeeds,
 * {@code /bin/false} fails; the data reset is the built-in one, on a temporary directory.
 */
class DispatchSystemActionsContractTest extends SystemActionsContract {
    @TempDir
    Path tmp;

    private final List<String> log = Collections.synchronizedList(new ArrayList<>());
    private final List<LocalActionExecutor> executors = new ArrayList<>();

    @AfterEach
    void closeExecutors() {
        executors.forEach(LocalActionExecutor::close);
    }

    private SystemActions master(String systemCommand) {
        CommandTemplates templates = CommandTemplates.fromConfig(
                List.of(),
                List.of(),
                List.of(systemCommand),
                List.of(systemCommand),
                List.of(),
                Duration.ofSeconds(30),
                4096);
        LocalActionExecutor executor = new LocalActionExecutor(
                new RecordingServiceManager(log),
                templates,
                DataPaths::problem,
                (request, what) -> log.add("journal " + what),
                Duration.ofSeconds(30));
        executors.add(executor);
        return DispatchingSystemActions.master(executor);
    }

    @Override
    protected SystemActions succeeding() {
        return master("/bin/true");
    }

    @Override
    protected SystemActions failing() {
        return master("/bin/false");
    }

    @Override
    protected String resettableDirectory() {
        try {
            Path data = Files.createDirectories(tmp.resolve("data"));
            Files.writeString(data.resolve("db"), "x");
            return data.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
