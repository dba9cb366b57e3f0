package io.recoverymanager.dispatch.exec;

import static org.assertj.core.api.Assertions.assertThat;

import io.recoverymanager.core.model.ActionOutcome;
import io.recoverymanager.core.model.ActionRequest;
import io.recoverymanager.core.unit.ActionType;
import io.recoverymanager.core.unit.DataPaths;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalActionExecutorTest {
    @TempDir
    Path tmp;

    private final List<String> log = Collections.synchronizedList(new ArrayList<>());
    private final RecordingServiceManager services = new RecordingServiceManager(log);
    private final ActionJournal journal = (r, what) -> log.add("journal " + r.action() + ": " + what);
    private LocalActionExecutor executor;

    @AfterEach
    void close() {
        if (executor != null) {
            executor.close();
        }
    }

    private LocalActionExecutor executor(CommandTemplates templates) {
        executor = new LocalActionExecutor(services, templates, DataPaths::problem, journal, Duration.ofSeconds(5));
        return executor;
    }

    private static ActionRequest request(ActionType type, String service, Optional<String> path) {
        return new ActionRequest("req-1", "ctx1", service, type, 3, path, Instant.EPOCH);
    }

    private static ActionOutcome run(LocalActionExecutor e, ActionRequest r) throws Exception {
        return e.execute(r).toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    @Test
    void builtInDataResetRecordsThenStopsResetsAndStarts() throws Exception {
        Path data = Files.createDirectory(tmp.resolve("data"));
        Files.writeString(data.resolve("db"), "x");
        ActionOutcome o = run(
                executor(CommandTemplates.defaults()),
                request(ActionType.RESET_PUBLIC_DATA, "db.service", Optional.of(data.toString())));

        assertThat(o.success()).as(o.detail()).isTrue();
        assertThat(data.resolve("db")).doesNotExist();
        assertThat(log).hasSize(3);
        assertThat(log.get(0)).startsWith("journal reset-public-data: stop db.service, delete the contents of " + data);
        assertThat(log.subList(1, 3)).containsExactly("stop db.service", "start db.service");
    }

    @Test
    void guardedPathIsRefusedBeforeAnythingHappens() throws Exception {
        ActionOutcome o = run(
                executor(CommandTemplates.defaults()),
                request(ActionType.RESET_PRIVATE_DATA, "db.service", Optional.of("/etc")));
        assertThat(o.success()).isFalse();
        assertThat(o.detail()).startsWith("refused:").contains("system directory /etc");
        assertThat(log).isEmpty();
    }

    @Test
    void failedStopLeavesTheDataAlone() throws Exception {
        Path data = Files.createDirectory(tmp.resolve("data"));
        Path file = Files.writeString(data.resolve("db"), "x");
        services.refusing.add("stop");
        ActionOutcome o = run(
                executor(CommandTemplates.defaults()),
                request(ActionType.RESET_PUBLIC_DATA, "db.service", Optional.of(data.toString())));
        assertThat(o.success()).isFalse();
        assertThat(o.detail()).contains("stopping db.service failed");
        assertThat(file).exists();
    }

    @Test
    void configuredDataResetCommandGetsThePathAsOneArgument() throws Exception {
        Path data = Files.createDirectory(tmp.resolve("my data"));
        Path marker = tmp.resolve("marker");
        CommandTemplates t = withTemplates(
                CommandTemplate.configured(
                        "commands.public-data-reset",
                        List.of(
                                "sh",
                                "-c",
                                "printf '%s|%s|%s' \"$1\" \"$2\" \"$3\" > \"$4\"",
                                "sh",
                                "${service}",
                                "${context}",
                                "${path}",
                                marker.toString()),
                        CommandTemplate.DATA_RESET_PLACEHOLDERS),
                Optional.empty(),
                Optional.empty());
        ActionOutcome o =
                run(executor(t), request(ActionType.RESET_PUBLIC_DATA, "db.service", Optional.of(data.toString())));
        assertThat(o.success()).as(o.detail()).isTrue();
        assertThat(marker).hasContent("db.service|ctx1|" + data);
        assertThat(log.subList(1, 3)).containsExactly("stop db.service", "start db.service");
    }

    @Test
    void aConfiguredResetCommandIsNotRunForAPathWithASymbolicLinkComponent() throws Exception {
        Path real = Files.createDirectories(tmp.resolve("real/data"));
        Path keep = Files.writeString(real.resolve("keep"), "x");
        Path link = Files.createSymbolicLink(tmp.resolve("link"), tmp.resolve("real"));
        Path marker = tmp.resolve("marker");
        CommandTemplates t = withTemplates(
                CommandTemplate.configured(
                        "commands.public-data-reset",
                        List.of("sh", "-c", "echo ran > \"$0\"", marker.toString(), "${path}"),
                        CommandTemplate.DATA_RESET_PLACEHOLDERS),
                Optional.empty(),
                Optional.empty());
        ActionOutcome o = run(
                executor(t),
                request(
                        ActionType.RESET_PUBLIC_DATA,
                        "db.service",
                        Optional.of(link.resolve("data").toString())));
        assertThat(o.success()).isFalse();
        assertThat(o.detail()).startsWith("refused:").contains(link.toString()).contains("symbolic link");
        assertThat(marker).doesNotExist();
        assertThat(keep).exists();
        assertThat(log).isEmpty();
    }

    @Test
    void factoryResetWithoutCommandIsRefused() throws Exception {
        ActionOutcome o = run(
                executor(CommandTemplates.defaults()),
                request(ActionType.FACTORY_RESET, "x.service", Optional.empty()));
        assertThat(o).isEqualTo(ActionOutcome.failed("no factory-reset command configured"));
        assertThat(log).isEmpty();
    }

    @Test
    void platformRestartRunsItsCommandOnceThenMeditates() throws Exception {
        Path marker = tmp.resolve("marker");
        CommandTemplates t = withTemplates(
                Optional.empty(),
                CommandTemplate.configured(
                        "commands.platform-restart",
                        List.of(
                                "sh",
                                "-c",
                                "echo \"$1 $2\" >> \"$3\"",
                                "sh",
                                "${context}",
                                "${service}",
                                marker.toString()),
                        CommandTemplate.SYSTEM_ACTION_PLACEHOLDERS),
                CommandTemplate.configured(
                        "commands.context-restart", List.of("true"), CommandTemplate.SYSTEM_ACTION_PLACEHOLDERS));
        LocalActionExecutor e = executor(t);
        ActionOutcome first = run(e, request(ActionType.RESTART_PLATFORM, "web.service", Optional.empty()));
        assertThat(first.success()).as(first.detail()).isTrue();
        assertThat(first.detail()).contains("exited 0");
        assertThat(log).singleElement().asString().startsWith("journal restart-platform: run [sh, -c");

        ActionOutcome second = run(e, request(ActionType.RESTART_CONTEXT, "web.service", Optional.empty()));
        assertThat(second.success()).isFalse();
        assertThat(second.detail()).contains("no further system actions until the next boot");
        assertThat(marker).hasContent("ctx1 web.service\n");
        assertThat(e.platformMeditation()).isPresent();
    }

    @Test
    void optionLikeServiceNamesNeverReachACommand() throws Exception {
        ActionOutcome o = run(
                executor(CommandTemplates.defaults()),
                request(ActionType.RESTART_CONTEXT, "--force", Optional.empty()));
        assertThat(o.success()).isFalse();
        assertThat(o.detail()).contains("could be taken as an option");
        assertThat(log).isEmpty();
    }

    @Test
    void aJournalThatCannotRecordPreventsTheAction() throws Exception {
        Path data = Files.createDirectory(tmp.resolve("data"));
        Path file = Files.writeString(data.resolve("db"), "x");
        executor = new LocalActionExecutor(
                services,
                CommandTemplates.defaults(),
                DataPaths::problem,
                (r, what) -> {
                    throw new IllegalStateException("disk full");
                },
                Duration.ofSeconds(5));
        ActionOutcome o =
                run(executor, request(ActionType.RESET_PUBLIC_DATA, "db.service", Optional.of(data.toString())));
        assertThat(o.success()).isFalse();
        assertThat(o.detail()).contains("could not record it first");
        assertThat(file).exists();
        assertThat(log).isEmpty();
    }

    private static CommandTemplates withTemplates(
            Optional<CommandTemplate> publicDataReset,
            Optional<CommandTemplate> platformRestart,
            Optional<CommandTemplate> contextRestart) {
        return new CommandTemplates(
                publicDataReset,
                Optional.empty(),
                contextRestart,
                platformRestart,
                Optional.empty(),
                Duration.ofSeconds(20),
                4096);
    }
}
