package io.recoverymanager.core.unit;

import java.util.ArrayList;
import java.util.List;

/**
 * What is valid in a unit but cannot do what its author meant: actions that can never run because
 * an earlier action has {@code reset = true} (the rvector returns to 0 right after it, so the
 * ladder starts again from the first action), and the retries of such an action beyond the first.
 * Each warning is located like a parse error: {@code file:line: key: reason}.
 *
 * <p>Thread-safety: stateless.
 */
public final class UnitWarnings {
    private UnitWarnings() {}

    /**
     * The warnings for a unit that parsed as valid from {@code content}.
     *
     * @param source the file name, as given to the parser
     * @param content the unit's TOML text, for the lines
     * @param unit the unit parsed from it
     */
    public static List<UnitError> of(String source, String content, RecoveryUnit unit) {
        List<RecoveryAction> actions = unit.actions();
        int reset = -1;
        for (int i = 0; i < actions.size(); i++) {
            if (actions.get(i).reset()) {
                reset = i;
                break;
            }
        }
        if (reset < 0) {
            return List.of();
        }
        TomlLineIndex index = TomlLineIndex.of(content);
        List<UnitError> warnings = new ArrayList<>();
        RecoveryAction resetting = actions.get(reset);
        String resetKey = "action[" + reset + "]";
        if (resetting.retry() > 1) {
            warnings.add(new UnitError(
                    source,
                    index.lineOf(resetKey + ".retry"),
                    resetKey + ".retry",
                    "only 1 of the " + resetting.retry() + " tries can run: reset = true returns the rvector"
                            + " to 0 right after the first"));
        }
        for (int i = reset + 1; i < actions.size(); i++) {
            String key = "action[" + i + "]";
            warnings.add(new UnitError(
                    source,
                    index.lineOf(key),
                    key,
                    actions.get(i).type().tomlName() + " can never run: " + resetKey + " ("
                            + resetting.type().tomlName() + ") has reset = true, which returns the rvector to 0"
                            + " before this action is reached"));
        }
        return warnings;
    }
}
