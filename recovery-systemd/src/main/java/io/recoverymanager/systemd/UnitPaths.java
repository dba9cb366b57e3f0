package io.recoverymanager.systemd;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * systemd's unit object paths: {@code /org/freedesktop/systemd1/unit/<label>} where the label is
 * the unit name with every byte outside {@code [A-Za-z0-9]} written as {@code _xx} (lower-case hex).
 *
 * <p>Thread-safety: stateless.
 */
final class UnitPaths {
    static final String PREFIX = "/org/freedesktop/systemd1/unit/";

    private UnitPaths() {}

    /** The object path of a unit name. */
    static String pathOf(String unitName) {
        StringBuilder out = new StringBuilder(PREFIX);
        byte[] bytes = unitName.getBytes(StandardCharsets.UTF_8);
        if (bytes.length == 0) {
            return out.append('_').toString();
        }
        for (int i = 0; i < bytes.length; i++) {
            int b = bytes[i] & 0xff;
            boolean alnum = (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9' && i > 0);
            if (alnum) {
                out.append((char) b);
            } else {
                out.append('_').append(Character.forDigit(b >> 4, 16)).append(Character.forDigit(b & 0xf, 16));
            }
        }
        return out.toString();
    }

    /** The unit name of an object path, or empty when the path is not a well-formed unit path. */
    static Optional<String> unitNameOf(String path) {
        if (path == null || !path.startsWith(PREFIX) || path.length() == PREFIX.length()) {
            return Optional.empty();
        }
        String label = path.substring(PREFIX.length());
        if (label.indexOf('/') >= 0) {
            return Optional.empty();
        }
        byte[] out = new byte[label.length()];
        int n = 0;
        for (int i = 0; i < label.length(); i++) {
            char c = label.charAt(i);
            if (c == '_') {
                if (i + 2 >= label.length()) {
                    return Optional.empty();
                }
                int hi = Character.digit(label.charAt(i + 1), 16);
                int lo = Character.digit(label.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    return Optional.empty();
                }
                out[n++] = (byte) ((hi << 4) | lo);
                i += 2;
            } else {
                out[n++] = (byte) c;
            }
        }
        return Optional.of(new String(out, 0, n, StandardCharsets.UTF_8));
    }

    /** True when the path names a {@code *.service} unit. */
    static boolean isServicePath(String path) {
        return path != null && path.startsWith(PREFIX) && path.endsWith("_2eservice");
    }
}
