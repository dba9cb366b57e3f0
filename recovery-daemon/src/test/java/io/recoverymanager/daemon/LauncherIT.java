package io.recoverymanager.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import io.recoverymanager.store.sqlite.SqliteRecoveryStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the packaged launcher ({@code target/recoverymanager/bin/recoverymanager}) as a user would. */
class LauncherIT {
    private static final Path LAUNCHER =
            Path.of("target/recoverymanager/bin/recoverymanager").toAbsolutePath();

    @TempDir
    Path tmp;

    record Run(int exitCode, String out, String err) {}

    private Run run(Path cwd, Map<String, String> env, String... args) throws IOException, InterruptedException {
        return runCommand(cwd, env, LAUNCHER, args);
    }

    private Run runCommand(Path cwd, Map<String, String> env, Path program, String... args)
            throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>();
        command.add(program.toString());
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(cwd.toFile());
        pb.redirectOutput(tmp.resolve("out.txt").toFile());
        pb.redirectError(tmp.resolve("err.txt").toFile());
        pb.environment().remove("JAVA_OPTS");
        pb.environment().putAll(env);
        Process p = pb.start();
        try {
            assertThat(p.waitFor(60, TimeUnit.SECONDS))
                    .as("launcher finished within 60 s")
                    .isTrue();
            return new Run(
                    p.exitValue(),
                    Files.readString(tmp.resolve("out.txt"), StandardCharsets.UTF_8),
                    Files.readString(tmp.resolve("err.txt"), StandardCharsets.UTF_8));
        } finally {
            p.destroyForcibly();
        }
    }

    @Test
    void launcherIsExecutableAndRunsFromAnyDirectory() throws Exception {
        assertThat(Files.isExecutable(LAUNCHER)).as(LAUNCHER + " is executable").isTrue();
        Run r = run(Path.of("/"), Map.of(), "--version");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).startsWith("recoverymanager ");
        // The version comes from the build (the jar manifest), never a placeholder.
        assertThat(r.out().strip()).matches("recoverymanager \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?");
    }

    @Test
    void launcherWorksThroughASymlink() throws Exception {
        Path link = Files.createSymbolicLink(tmp.resolve("rm"), LAUNCHER);
        Run r = runCommand(tmp, Map.of(), link, "--version");
        assertThat(r.exitCode()).as(r.err()).isZero();
    }

    @Test
    void commandsRunAndExitCodesReachTheShell() throws Exception {
        Path unit = tmp.resolve("echos1.recovery");
        try (var in = LauncherIT.class.getResourceAsStream("/legacy/echos1.recovery")) {
            Files.write(unit, in.readAllBytes());
        }
        Run convert = run(tmp, Map.of(), "convert", "echos1.recovery", "--output", "units");
        assertThat(convert.exitCode()).as(convert.err()).isZero();
        assertThat(tmp.resolve("units/echos1.toml")).content().contains("service = \"echos1.service\"");

        assertThat(run(tmp, Map.of(), "no-such-command").exitCode()).isEqualTo(64);
        Run reset = run(tmp, Map.of(), "reset", "echo.service", "--runtime-dir", tmp.toString());
        assertThat(reset.exitCode()).isEqualTo(69);
        assertThat(reset.err()).contains("the daemon is not running");
    }

    /**
     * sqlite-jdbc would write its native library into the temporary directory and load it from
     * there at every start (root loading code from a world-writable place, and a start that fails
     * where that directory is read-only); the distribution ships the library and the launcher points
     * sqlite-jdbc at it.
     */
    @Test
    void theStoreOpensWithoutWritingNativeCodeToTheTemporaryDirectory() throws Exception {
        Path state = tmp.resolve("state");
        SqliteRecoveryStore.builder(state).open().close();
        Path noTmp = tmp.resolve("no-such-tmp");

        Run history =
                run(tmp, Map.of("JAVA_OPTS", "-Djava.io.tmpdir=" + noTmp), "history", "--state-dir", state.toString());

        assertThat(history.exitCode()).as(history.err()).isZero();
        assertThat(noTmp).doesNotExist();
        String arch = System.getProperty("os.arch").equals("amd64") ? "x86_64" : System.getProperty("os.arch");
        assertThat(LAUNCHER.getParent().getParent().resolve("lib/native/" + arch + "/libsqlitejdbc.so"))
                .isRegularFile();
    }

    @Test
    void honoursJavaOptsAndJavaHome() throws Exception {
        Run badOpt = run(tmp, Map.of("JAVA_OPTS", "-XX:+NoSuchOptionForRecoveryManager"), "--version");
        assertThat(badOpt.exitCode()).isNotZero();
        assertThat(badOpt.err()).contains("NoSuchOptionForRecoveryManager");

        Run opts = run(tmp, Map.of("JAVA_OPTS", "-Xmx48m -Dx=y"), "--version");
        assertThat(opts.exitCode()).isZero();

        Run noJava = run(tmp, Map.of("JAVA_HOME", tmp.toString()), "--version");
        assertThat(noJava.exitCode()).isEqualTo(69);
        assertThat(noJava.err()).contains("no Java runtime found");

        Run javaHome = run(tmp, Map.of("JAVA_HOME", System.getProperty("java.home")), "--version");
        assertThat(javaHome.exitCode()).isZero();
    }

    @Test
    void handsFreedNativeMemoryBackOnlyOnAJvmThatKnowsTheOption() throws Exception {
        // JDK version in its release file (none: no file) -> whether the option is passed
        Map<String, Boolean> versions = new java.util.LinkedHashMap<>();
        versions.put("17.0.15", true);
        versions.put("17.0.8", false);
        versions.put("20.0.2", false);
        versions.put("21", false);
        versions.put("21.0.1", true);
        versions.put("22", true);
        versions.put("none", false);
        for (Map.Entry<String, Boolean> version : versions.entrySet()) {
            Path home = tmp.resolve("jdk-" + version.getKey());
            Path java = home.resolve("bin/java");
            Files.createDirectories(java.getParent());
            Files.writeString(java, "#!/bin/sh\nprintf '%s\\n' \"$@\" > \"$0.args\"\n");
            assertThat(java.toFile().setExecutable(true)).isTrue();
            if (!version.getKey().equals("none")) {
                Files.writeString(
                        home.resolve("release"), "IMPLEMENTOR=\"Test\"\nJAVA_VERSION=\"" + version.getKey() + "\"\n");
            }

            Run run = run(tmp, Map.of("JAVA_HOME", home.toString()), "--version");

            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(Files.readAllLines(home.resolve("bin/java.args")))
                    .as("arguments for a JDK %s", version.getKey())
                    .contains("-XX:+UseSerialGC")
                    .satisfies(args -> assertThat(args.contains("-XX:TrimNativeHeapInterval=5000"))
                            .as("-XX:TrimNativeHeapInterval=5000 for a JDK %s", version.getKey())
                            .isEqualTo(version.getValue()));
        }
    }

    @Test
    void distributionCarriesConfigUnitsAndServiceFile() {
        Path home = LAUNCHER.getParent().getParent();
        assertThat(home.resolve("etc/recoverymanager.toml")).exists();
        // Examples are not where a copy of the tree would make them live.
        assertThat(home.resolve("share/examples/units/echo.toml")).exists();
        assertThat(home.resolve("etc/units")).doesNotExist();
        assertThat(home.resolve("LICENSE")).content().contains("Apache License");
        assertThat(home.resolve("etc/systemd/recoverymanager.service"))
                .content()
                .contains(
                        "Type=notify",
                        "WatchdogSec=",
                        "ExecReload=/bin/kill -HUP $MAINPID",
                        "CacheDirectory=recoverymanager");
        assertThat(home.resolve("lib")).isDirectoryContaining("glob:**/recovery-daemon-*.jar");
        assertThat(home.getParent().resolve("recoverymanager.tar.gz")).exists();
    }

    @Test
    void shippedUnitIsHardenedAndKeptLastByTheOomKiller() throws Exception {
        Path unit = LAUNCHER.getParent().getParent().resolve("etc/systemd/recoverymanager.service");
        assertThat(unit)
                .content()
                .contains("OOMScoreAdjust=-900", "ProtectSystem=full", "RestrictAddressFamilies=AF_UNIX");
        // systemd's own judgement of the unit: 9.1 UNSAFE before hardening.
        Run analyze = runCommand(
                tmp, Map.of(), Path.of("/usr/bin/systemd-analyze"), "security", "--offline=true", unit.toString());
        java.util.regex.Matcher level = java.util.regex.Pattern.compile(
                        "Overall exposure level for \\S+: (\\d+\\.\\d+)")
                .matcher(analyze.out());
        assertThat(level.find()).as(analyze.out() + analyze.err()).isTrue();
        assertThat(Double.parseDouble(level.group(1))).isLessThanOrEqualTo(4.5);
    }

    @Test
    void launcherIsPosixShell() throws Exception {
        assertThat(Files.readAllLines(LAUNCHER).get(0)).isEqualTo("#!/bin/sh");
        // dash is Debian's /bin/sh and rejects bash-only syntax.
        Run dash = runCommand(tmp, Map.of(), Path.of("/bin/dash"), LAUNCHER.toString(), "--version");
        assertThat(dash.exitCode()).as(dash.err()).isZero();
    }

    @Test
    void thirdPartyNoticeNamesEveryShippedJar() throws Exception {
        Path home = LAUNCHER.getParent().getParent();
        String notice = Files.readString(home.resolve("THIRD-PARTY.txt"));
        try (var jars = Files.list(home.resolve("lib"))) {
            assertThat(jars.map(p -> p.getFileName().toString())
                            .filter(jar -> jar.endsWith(".jar"))
                            .filter(jar -> !jar.startsWith("recovery-daemon-")) // the product itself
                            .toList())
                    .isNotEmpty()
                    .allSatisfy(jar -> {
                        String artifact = jar.replaceAll("-\\d.*\\.jar$", "");
                        assertThat(notice).as("THIRD-PARTY.txt lists " + jar).contains(":" + artifact + ":");
                    });
        }
    }

    @Test
    void noTestLibraryShipsInLib() throws Exception {
        Path lib = LAUNCHER.getParent().getParent().resolve("lib");
        try (var jars = Files.list(lib)) {
            List<String> names =
                    jars.map(p -> p.getFileName().toString()).sorted().toList();
            assertThat(names)
                    .as("jars in " + lib)
                    .isNotEmpty()
                    .anySatisfy(jar -> assertThat(jar).startsWith("recovery-testbed-"))
                    .noneMatch(
                            jar -> jar.matches(
                                    "(junit|assertj|opentest4j|apiguardian|byte-buddy|mockito|jqwik|archunit|recovery-testkit-).*"));
        }
    }

    @Test
    void debianPackageHasTheLayoutOperatorsExpectAndRuns() throws Exception {
        Path target = LAUNCHER.getParent().getParent().getParent();
        Path deb;
        try (var files = Files.list(target)) {
            deb = files.filter(p -> p.getFileName().toString().matches("recoverymanager_.*_all\\.deb"))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no .deb in " + target));
        }
        Run info = runCommand(tmp, Map.of(), Path.of("/usr/bin/dpkg-deb"), "--info", deb.toString());
        assertThat(info.out()).contains("Package: recoverymanager", "Depends: default-jre-headless (>= 2:1.17)");
        Run conffiles = runCommand(tmp, Map.of(), Path.of("/usr/bin/dpkg-deb"), "--info", deb.toString(), "conffiles");
        assertThat(conffiles.out()).contains("/etc/recoverymanager/recoverymanager.toml");
        Run contents = runCommand(tmp, Map.of(), Path.of("/usr/bin/dpkg-deb"), "--contents", deb.toString());
        assertThat(contents.out())
                .contains(
                        "./usr/bin/recoverymanager -> ../share/recoverymanager/bin/recoverymanager",
                        "./usr/lib/systemd/system/recoverymanager.service",
                        "./etc/recoverymanager/recoverymanager.toml",
                        "./usr/lib/recoverymanager/units/",
                        "./usr/share/doc/recoverymanager/THIRD-PARTY.txt",
                        "./usr/share/doc/recoverymanager/examples/units/echo.toml")
                .contains("root/root");

        // Unpacked into a throw-away root, /usr/bin/recoverymanager runs and the unit points at it.
        Path root = tmp.resolve("root");
        Run extract =
                runCommand(tmp, Map.of(), Path.of("/usr/bin/dpkg-deb"), "--extract", deb.toString(), root.toString());
        assertThat(extract.exitCode()).as(extract.err()).isZero();
        Run version = runCommand(tmp, Map.of(), root.resolve("usr/bin/recoverymanager"), "--version");
        assertThat(version.exitCode()).as(version.err()).isZero();
        assertThat(version.out()).startsWith("recoverymanager ");
        assertThat(root.resolve("usr/lib/systemd/system/recoverymanager.service"))
                .content()
                .contains("ExecStart=/usr/bin/recoverymanager run")
                .doesNotContain("/opt/");
    }
}
