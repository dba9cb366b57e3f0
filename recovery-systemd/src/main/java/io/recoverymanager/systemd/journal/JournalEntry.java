package io.recoverymanager.systemd.journal;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One journal entry in the journal's native protocol, as {@code sd_journal_send(3)} writes it to
 * {@code /run/systemd/journal/socket}: one datagram of fields, each {@code NAME=value\n}, or, for a
 * value holding a newline, {@code NAME\n}, the value's length as a 64-bit little-endian integer, the
 * value and {@code \n}. Field names are upper-case letters, digits and underscores, not starting
 * with an underscore (those are the journal's trusted fields) or a digit.
 *
 * @param fields the fields in order
 *     <p>Thread-safety: immutable.
 */
public record JournalEntry(List<Field> fields) {
    private static final Pattern NAME = Pattern.compile("[A-Z][A-Z0-9_]{0,63}");

    public JournalEntry {
        fields = List.copyOf(fields);
    }

    /**
     * One field.
     *
     * @param name the field name
     * @param value the value (UTF-8)
     */
    public record Field(String name, String value) {
        public Field {
            Objects.requireNonNull(value, "value");
            if (!NAME.matcher(Objects.requireNonNull(name, "name")).matches()) {
                throw new IllegalArgumentException("not a journal field name: " + name);
            }
        }
    }

    /** Collects fields in order. */
    public static final class Builder {
        private final List<Field> fields = new ArrayList<>();

        /** Adds a field; an empty value is left out. */
        public Builder add(String name, String value) {
            if (value != null && !value.isEmpty()) {
                fields.add(new Field(name, value));
            }
            return this;
        }

        public JournalEntry build() {
            return new JournalEntry(fields);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The value of the first field of this name, or null. */
    public String get(String name) {
        return fields.stream()
                .filter(f -> f.name().equals(name))
                .map(Field::value)
                .findFirst()
                .orElse(null);
    }

    /** The datagram. */
    public byte[] encode() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        for (Field f : fields) {
            byte[] name = f.name().getBytes(StandardCharsets.US_ASCII);
            byte[] value = f.value().getBytes(StandardCharsets.UTF_8);
            out.writeBytes(name);
            if (f.value().indexOf('\n') >= 0) {
                out.write('\n');
                out.writeBytes(ByteBuffer.allocate(8)
                        .order(ByteOrder.LITTLE_ENDIAN)
                        .putLong(value.length)
                        .array());
                out.writeBytes(value);
            } else {
                out.write('=');
                out.writeBytes(value);
            }
            out.write('\n');
        }
        return out.toByteArray();
    }

    /**
     * Reads a datagram back (what journald does; for tests and tools).
     *
     * @throws IllegalArgumentException when the datagram is not in the native format
     */
    public static JournalEntry decode(byte[] datagram) {
        List<Field> fields = new ArrayList<>();
        int i = 0;
        while (i < datagram.length) {
            int end = i;
            while (end < datagram.length && datagram[end] != '\n' && datagram[end] != '=') {
                end++;
            }
            if (end >= datagram.length) {
                throw new IllegalArgumentException("truncated field at byte " + i);
            }
            String name = new String(datagram, i, end - i, StandardCharsets.US_ASCII);
            if (datagram[end] == '=') {
                int nl = end + 1;
                while (nl < datagram.length && datagram[nl] != '\n') {
                    nl++;
                }
                fields.add(new Field(name, new String(datagram, end + 1, nl - end - 1, StandardCharsets.UTF_8)));
                i = nl + 1;
            } else {
                if (end + 9 > datagram.length) {
                    throw new IllegalArgumentException("truncated length of " + name);
                }
                long length = ByteBuffer.wrap(datagram, end + 1, 8)
                        .order(ByteOrder.LITTLE_ENDIAN)
                        .getLong();
                int start = end + 9;
                if (length < 0 || start + length + 1 > datagram.length || datagram[(int) (start + length)] != '\n') {
                    throw new IllegalArgumentException("bad length " + length + " of " + name);
                }
                fields.add(new Field(name, new String(datagram, start, (int) length, StandardCharsets.UTF_8)));
                i = (int) (start + length + 1);
            }
        }
        return new JournalEntry(fields);
    }
}
