package io.recoverymanager.daemon.cli;

import io.recoverymanager.core.unit.ParseResult;
import io.recoverymanager.core.unit.UnitError;
import io.recoverymanager.core.unit.UnitParser;
import io.recoverymanager.daemon.config.ConfigException;
import io.recoverymanager.daemon.config.ConfigLoader;
import io.recoverymanager.migrate.ConfigConversion;
import io.recoverymanager.migrate.Conversion;
import io.recoverymanager.migrate.ConversionError;
import io.recoverymanager.migrate.LegacyConfigConverter;
import io.recoverymanager.migrate.LegacyUnitConverter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code recoverymanager convert FILE.recovery… [--output DIR]}: converts units of the original C
 * implementation into TOML units. With {@code --output}, each {@code name.recovery} becomes {@code
 * DIR/name.toml} (existing files are kept unless {@code --force}); without it, the single file
 * given is printed. Files that cannot be converted, or whose result the unit parser rejects (the old
 * implementation accepted some things ours refuses, such as {@code /var} as a data directory), are
 * reported with every error; the exit code is then 65 (the others are still written).
 *
 * <p>The C implementation's configuration file (an INI key file with a {@code [recoverymanager]}
 * group, recognised by its content, whatever its name) is converted too, by {@link
 * LegacyConfigConverter}: into {@code DIR/recoverymanager.toml} with {@code --output}, else printed.
 * The result is checked with the daemon's own {@link ConfigLoader} before it is written.
 *
 * <p>Thread-safety: used from the main thread only.
 */
@Command(
        name = "convert",
        mixinStandardHelpOptions = true,
        description =
                "Convert .recovery units and the recoverymanager.conf of the original C implementation" + " into TOML.")
public final class ConvertCommand implements Callable<Integer> {
    @Parameters(
            paramLabel = "FILE",
            arity = "1..*",
            description = "Old-format units (*.recovery) or the old configuration (recoverymanager.conf).")
    List<Path> inputs = new ArrayList<>();

    /** The file a converted configuration is written to in the output directory. */
    static final String CONFIG_FILE_NAME = "recoverymanager.toml";

    @Option(names = "--output", paramLabel = "DIR", description = "Write DIR/<name>.toml for each input.")
    Path output;

    @Option(names = "--force", description = "Overwrite existing files in the output directory.")
    boolean force;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if (output == null && inputs.size() > 1) {
            throw new CliException(ExitCodes.USAGE, "give --output DIR to convert more than one file");
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        LegacyUnitConverter converter = new LegacyUnitConverter();
        int failed = 0;
        for (Path input : inputs) {
            String content;
            try {
                content = Files.readString(input, StandardCharsets.UTF_8);
            } catch (IOException e) {
                err.println(input + ": cannot read: " + e.getMessage());
                failed++;
                continue;
            }
            if (LegacyConfigConverter.looksLikeConfig(content)) {
                if (!convertConfig(input, content, out, err)) {
                    failed++;
                }
                continue;
            }
            Conversion conversion = converter.convert(input.toString(), content);
            if (conversion instanceof Conversion.Failed f) {
                for (ConversionError error : f.errors()) {
                    err.println(error);
                }
                failed++;
                continue;
            }
            Conversion.Converted converted = (Conversion.Converted) conversion;
            // What the old implementation accepted, ours may not (a data path of /var, say): say so
            // now rather than when the daemon rejects the unit.
            ParseResult check = new UnitParser().parse(input.toString(), converted.toml());
            if (check instanceof ParseResult.Invalid invalid) {
                err.println(input + ": converted, but the result is not a valid unit:");
                for (UnitError error : invalid.errors()) {
                    err.println(
                            "  " + error.toString().substring(input.toString().length() + 2));
                }
                failed++;
                continue;
            }
            if (output == null) {
                out.print(converted.toml());
            } else if (!write(converted, targetFor(input), out, err)) {
                failed++;
            }
        }
        if (failed > 0) {
            err.println(failed + " of " + inputs.size() + " file(s) not converted");
            return ExitCodes.DATA_ERROR;
        }
        return ExitCodes.OK;
    }

    /** Converts the C configuration; false (errors printed) when it is not converted. */
    private boolean convertConfig(Path input, String content, PrintWriter out, PrintWriter err) {
        ConfigConversion conversion = new LegacyConfigConverter().convert(input.toString(), content);
        if (conversion instanceof ConfigConversion.Failed f) {
            f.errors().forEach(err::println);
            return false;
        }
        String toml = ((ConfigConversion.Converted) conversion).toml();
        try {
            new ConfigLoader().parse(input.toString(), toml);
        } catch (ConfigException e) {
            err.println(input + ": converted, but the result is not a valid configuration:");
            err.println(e.getMessage());
            return false;
        }
        if (output == null) {
            out.print(toml);
            return true;
        }
        return write(new Conversion.Converted(input.toString(), "", toml), output.resolve(CONFIG_FILE_NAME), out, err);
    }

    private Path targetFor(Path input) {
        String name = input.getFileName().toString();
        String base = name.endsWith(".recovery") ? name.substring(0, name.length() - ".recovery".length()) : name;
        return output.resolve(base + ".toml");
    }

    private boolean write(Conversion.Converted converted, Path target, PrintWriter out, PrintWriter err) {
        try {
            Files.createDirectories(output);
            if (force) {
                Files.writeString(target, converted.toml(), StandardCharsets.UTF_8);
            } else {
                Files.writeString(target, converted.toml(), StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW);
            }
            out.println(converted.source() + " -> " + target);
            return true;
        } catch (FileAlreadyExistsException e) {
            err.println(target + ": exists; not overwritten (use --force)");
            return false;
        } catch (IOException e) {
            err.println(target + ": cannot write: " + e.getMessage());
            return false;
        }
    }
}
