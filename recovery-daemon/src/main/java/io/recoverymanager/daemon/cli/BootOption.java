package io.recoverymanager.daemon.cli;

import io.recoverymanager.core.model.HistoryBoot;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Resolves {@code --boot} as {@code journalctl} does: {@code 0} is this boot, {@code -1} the one
 * before, {@code 1} the first boot in the history, {@code 2} the second (numbers of up to four
 * digits); anything else is a boot id or a unique prefix of one ({@code history --json} shows them in {@code boot_id}). Boots are the
 * boots of this instance that wrote history rows, in the order of their first row; this boot
 * counts even before it wrote any.
 *
 * <p>Thread-safety: stateless.
 */
final class BootOption {
    /** A boot offset: a short number; anything longer is a boot id (ids may begin with digits). */
    private static final Pattern OFFSET = Pattern.compile("[+-]?[0-9]{1,4}");

    private BootOption() {}

    /**
     * The boot id {@code --boot value} names.
     *
     * @param value the option's value
     * @param boots the boots in the history, in order
     * @param current this boot's id, if a daemon started in it
     * @throws CliException with {@link ExitCodes#USAGE} when it names no boot, naming the boots known
     */
    static String resolve(String value, List<HistoryBoot> boots, Optional<String> current) {
        List<String> ids =
                new ArrayList<>(boots.stream().map(HistoryBoot::bootId).toList());
        current.filter(c -> !ids.contains(c)).ifPresent(ids::add);
        String v = value.strip();
        if (OFFSET.matcher(v).matches()) {
            int n = Integer.parseInt(v.startsWith("+") ? v.substring(1) : v);
            int index;
            if (n > 0) {
                index = n - 1;
            } else {
                int zero = current.map(ids::indexOf).orElse(ids.size() - 1);
                index = zero + n;
            }
            if (index < 0 || index >= ids.size()) {
                throw new CliException(
                        ExitCodes.USAGE,
                        "--boot " + value + ": no such boot; the history knows " + ids.size() + " boot(s)"
                                + (current.isPresent()
                                        ? " (0 is this boot)"
                                        : " (0 is the last one; no daemon ran in this boot)"));
            }
            return ids.get(index);
        }
        List<String> matches = ids.stream().filter(id -> id.startsWith(v)).toList();
        if (matches.size() == 1 && !v.isEmpty()) {
            return matches.get(0);
        }
        throw new CliException(
                ExitCodes.USAGE,
                "--boot " + value + ": "
                        + (matches.isEmpty() ? "no boot with this id" : "more than one boot has this prefix")
                        + "; give 0 (this boot), -1 (the one before), 1 (the first) or a boot id from"
                        + " 'history --json' (boot_id)");
    }
}
