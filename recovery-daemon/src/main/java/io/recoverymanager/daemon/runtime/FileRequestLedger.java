package io.recoverymanager.daemon.runtime;

import io.recoverymanager.core.spi.ActionOutcome;
import io.recoverymanager.dispatch.master.RequestLedger;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The master's {@link RequestLedger} on an append-only file in the state directory, forced to disk
 * before {@link #begin} returns: a slave's request resent after the master was killed or restarted
 * is recognised and never run twice.
 *
 * <p>Each line is {@code S <context> <id> <epoch-ms>} or {@code C <context> <id> <ok|failed>
 * <detail>}, fields URL-encoded. A torn last line (power loss while appending) is ignored.
 *
 * <p>Thread-safety: thread-safe (all methods synchronized).
 */
public final class FileRequestLedger implements RequestLedger, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FileRequestLedger.class);

    private final Map<String, Entry> entries = new HashMap<>();
    private final FileChannel channel;

    public FileRequestLedger(Path file) {
        try {
            if (Files.exists(file)) {
                load(Files.readAllLines(file, StandardCharsets.UTF_8));
            }
            channel = FileChannel.open(
                    file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the request ledger " + file + ": " + e.getMessage(), e);
        }
    }

    private void load(List<String> lines) {
        for (String line : lines) {
            String[] f = line.split(" ", -1);
            try {
                if (f.length == 4 && f[0].equals("S")) {
                    entries.putIfAbsent(
                            key(decode(f[1]), decode(f[2])), new Started(Instant.ofEpochMilli(Long.parseLong(f[3]))));
                } else if (f.length == 5 && f[0].equals("C")) {
                    entries.put(
                            key(decode(f[1]), decode(f[2])),
                            new Completed(new ActionOutcome(f[3].equals("ok"), decode(f[4]))));
                } else {
                    LOG.warn("request ledger: ignoring a torn or unknown line");
                }
            } catch (IllegalArgumentException e) {
                LOG.warn("request ledger: ignoring a malformed line: {}", e.getMessage());
            }
        }
    }

    @Override
    public synchronized Optional<Entry> begin(String context, String requestId, Instant now) {
        Entry known = entries.get(key(context, requestId));
        if (known != null) {
            return Optional.of(known);
        }
        append("S " + encode(context) + " " + encode(requestId) + " " + now.toEpochMilli());
        entries.put(key(context, requestId), new Started(now));
        return Optional.empty();
    }

    @Override
    public synchronized void complete(String context, String requestId, ActionOutcome outcome) {
        append("C " + encode(context) + " " + encode(requestId) + " " + (outcome.success() ? "ok" : "failed") + " "
                + encode(outcome.detail()));
        entries.put(key(context, requestId), new Completed(outcome));
    }

    private void append(String line) {
        try {
            ByteBuffer bytes = ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8));
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
            channel.force(false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the request ledger: " + e.getMessage(), e);
        }
    }

    private static String key(String context, String requestId) {
        return context + "\n" + requestId;
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    @Override
    public synchronized void close() {
        try {
            channel.close();
        } catch (IOException e) {
            LOG.warn("closing the request ledger: {}", e.getMessage());
        }
    }
}
