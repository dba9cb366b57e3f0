package io.recoverymanager.dispatch.master;

import io.recoverymanager.core.model.ActionOutcome;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The master's {@link RequestLedger} on an append-only file in the state directory, forced to disk
 * before {@link #begin} returns: a slave's request resent after the master was killed or restarted
 * is recognised and never run twice.
 *
 * <p>Each line is {@code S <context> <id> <epoch-ms>} (received), {@code X <context> <id> <epoch-ms>}
 * (handed to the executor) or {@code C <context> <id> <ok|failed> <detail> [<epoch-ms>]}
 * (finished), fields URL-encoded. After a crash, a request with only its {@code S} record never ran
 * and is run when resent; one with an {@code X} record may have run and is answered "outcome
 * unknown". A torn last line (power loss while appending) is cut
 * off when the file is opened, so the next record starts on a line of its own.
 *
 * <p>Bounded: requests older than {@code maxAge} are forgotten, and at most {@code maxEntries} are
 * kept (the oldest go first). When the file holds more than twice the lines it needs, it is
 * compacted: the live records are written to a new temporary file (created exclusively, never
 * through a symlink), forced, and atomically moved over the ledger. The ledger file itself is
 * opened without following symlinks.
 *
 * <p>Thread-safety: thread-safe (all methods synchronized).
 */
public final class FileRequestLedger implements RequestLedger, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FileRequestLedger.class);

    /** Default retention: 30 days. */
    public static final Duration DEFAULT_MAX_AGE = Duration.ofDays(30);

    /** Default bound: 100,000 requests. */
    public static final int DEFAULT_MAX_ENTRIES = 100_000;

    private static final Duration AGE_SCAN_EVERY = Duration.ofMinutes(1);

    private record Known(Entry entry, Instant at) {}

    private final Path file;
    private final Duration maxAge;
    private final int maxEntries;
    private final Clock clock;
    private final Map<String, Known> entries = new LinkedHashMap<>();
    private FileChannel channel;
    private long linesInFile;
    private Instant lastAgeScan;

    /** A ledger with the default retention. */
    public FileRequestLedger(Path file) {
        this(file, DEFAULT_MAX_AGE, DEFAULT_MAX_ENTRIES, Clock.systemUTC());
    }

    /**
     * @param file the ledger file
     * @param maxAge requests older than this are forgotten
     * @param maxEntries at most this many requests are remembered
     * @param clock for the age of records
     */
    public FileRequestLedger(Path file, Duration maxAge, int maxEntries, Clock clock) {
        if (maxAge.isNegative() || maxAge.isZero() || maxEntries < 1) {
            throw new IllegalArgumentException("ledger retention must be positive");
        }
        this.file = file;
        this.maxAge = maxAge;
        this.maxEntries = maxEntries;
        this.clock = clock;
        try {
            channel = open(file);
            load();
            evict();
            if (linesInFile > entries.size()) {
                compact();
            }
        } catch (IOException | UncheckedIOException e) {
            closeQuietly();
            throw new UncheckedIOException(
                    "cannot open the request ledger " + file + ": " + e.getMessage(),
                    e instanceof IOException io ? io : ((UncheckedIOException) e).getCause());
        }
    }

    private static FileChannel open(Path file) throws IOException {
        return FileChannel.open(
                file,
                StandardOpenOption.CREATE,
                StandardOpenOption.READ,
                StandardOpenOption.WRITE,
                LinkOption.NOFOLLOW_LINKS);
    }

    /** Reads the file, cuts a torn tail, and positions the channel at the end for appending. */
    private void load() throws IOException {
        long size = channel.size();
        ByteBuffer all = ByteBuffer.allocate(Math.toIntExact(size));
        while (all.hasRemaining() && channel.read(all, all.position()) >= 0) {
            // read until full
        }
        byte[] bytes = all.array();
        int end = bytes.length;
        while (end > 0 && bytes[end - 1] != '\n') {
            end--;
        }
        if (end < bytes.length) {
            LOG.warn(
                    "request ledger {}: cutting off a torn last line of {} bytes (power loss while appending)",
                    file,
                    bytes.length - end);
            channel.truncate(end);
            channel.force(true);
        }
        channel.position(end);
        String text = new String(bytes, 0, end, StandardCharsets.UTF_8);
        int number = 0;
        for (String line : text.split("\n")) {
            number++;
            if (line.isEmpty()) {
                continue;
            }
            linesInFile++;
            parse(line, number);
        }
    }

    private void parse(String line, int number) {
        String[] f = line.split(" ", -1);
        try {
            if (f.length == 4 && f[0].equals("S")) {
                String key = key(decode(f[1]), decode(f[2]));
                if (!entries.containsKey(key)) {
                    Instant at = Instant.ofEpochMilli(Long.parseLong(f[3]));
                    entries.put(key, new Known(new Started(at), at));
                }
            } else if (f.length == 4 && f[0].equals("X")) {
                String key = key(decode(f[1]), decode(f[2]));
                Known before = entries.get(key);
                if (before == null || !(before.entry() instanceof Completed)) {
                    Instant at = Instant.ofEpochMilli(Long.parseLong(f[3]));
                    entries.put(key, new Known(new Executing(at), before != null ? before.at() : at));
                }
            } else if ((f.length == 5 || f.length == 6) && f[0].equals("C") && isOutcome(f[3])) {
                String key = key(decode(f[1]), decode(f[2]));
                Known before = entries.remove(key);
                Instant at = f.length == 6
                        ? Instant.ofEpochMilli(Long.parseLong(f[5]))
                        : before != null ? before.at() : clock.instant();
                entries.put(key, new Known(new Completed(new ActionOutcome(f[3].equals("ok"), decode(f[4]))), at));
            } else {
                LOG.warn("request ledger {}:{}: ignoring an unknown line", file, number);
            }
        } catch (IllegalArgumentException e) {
            LOG.warn("request ledger {}:{}: ignoring a malformed line: {}", file, number, e.getMessage());
        }
    }

    private static boolean isOutcome(String s) {
        return s.equals("ok") || s.equals("failed");
    }

    @Override
    public synchronized Optional<Entry> peek(String context, String requestId) {
        Known known = entries.get(key(context, requestId));
        return known == null ? Optional.empty() : Optional.of(known.entry());
    }

    @Override
    public synchronized Optional<Entry> begin(String context, String requestId, Instant now) {
        Known known = entries.get(key(context, requestId));
        if (known != null) {
            return Optional.of(known.entry());
        }
        append(startLine(context, requestId, now));
        entries.put(key(context, requestId), new Known(new Started(now), now));
        maintain();
        return Optional.empty();
    }

    @Override
    public synchronized void executing(String context, String requestId, Instant now) {
        String key = key(context, requestId);
        append("X " + encode(context) + " " + encode(requestId) + " " + now.toEpochMilli());
        Known before = entries.get(key);
        entries.put(key, new Known(new Executing(now), before != null ? before.at() : now));
    }

    @Override
    public boolean tracksExecution() {
        return true;
    }

    @Override
    public synchronized void complete(String context, String requestId, ActionOutcome outcome) {
        Instant now = clock.instant();
        append(completeLine(context, requestId, outcome, now));
        String key = key(context, requestId);
        entries.remove(key);
        entries.put(key, new Known(new Completed(outcome), now));
        maintain();
    }

    /** How many requests are remembered. */
    public synchronized int size() {
        return entries.size();
    }

    /** How many records the file holds now (for tests of compaction). */
    synchronized long linesInFile() {
        return linesInFile;
    }

    private void maintain() {
        evict();
        if (linesInFile > 2L * entries.size() + 16) {
            try {
                compact();
            } catch (IOException | UncheckedIOException e) {
                LOG.warn("request ledger {}: compaction failed; will retry later: {}", file, e.getMessage());
            }
        }
    }

    /** Forgets the oldest beyond the bound, and (at most once a minute) what is too old. */
    private void evict() {
        Iterator<Known> it = entries.values().iterator();
        while (entries.size() > maxEntries && it.hasNext()) {
            it.next();
            it.remove();
        }
        Instant now = clock.instant();
        if (lastAgeScan == null || !now.isBefore(lastAgeScan.plus(AGE_SCAN_EVERY))) {
            lastAgeScan = now;
            Instant oldest = now.minus(maxAge);
            entries.values().removeIf(k -> k.at().isBefore(oldest));
        }
    }

    /** Writes the live records to a new file and moves it over the ledger atomically. */
    private void compact() throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Path temp = dir.resolve("." + file.getFileName() + ".compact-" + UUID.randomUUID());
        List<String> lines = new ArrayList<>();
        for (Map.Entry<String, Known> e : entries.entrySet()) {
            int cut = e.getKey().indexOf('\n');
            String context = e.getKey().substring(0, cut);
            String id = e.getKey().substring(cut + 1);
            Known k = e.getValue();
            if (k.entry() instanceof Completed done) {
                lines.add(completeLine(context, id, done.outcome(), k.at()));
            } else if (k.entry() instanceof Executing x) {
                lines.add(startLine(context, id, k.at()));
                lines.add("X " + encode(context) + " " + encode(id) + " " + x.at().toEpochMilli());
            } else {
                lines.add(startLine(context, id, k.at()));
            }
        }
        try (FileChannel out = FileChannel.open(
                temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
            ByteBuffer bytes = ByteBuffer.wrap(
                    (lines.isEmpty() ? "" : String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
            while (bytes.hasRemaining()) {
                out.write(bytes);
            }
            out.force(true);
        } catch (IOException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
        try {
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
        forceDirectory(dir);
        FileChannel old = channel;
        channel = open(file);
        channel.position(channel.size());
        old.close();
        LOG.info("request ledger {}: compacted {} records to {}", file, linesInFile, lines.size());
        linesInFile = lines.size();
    }

    private static void forceDirectory(Path dir) {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException e) {
            LOG.debug("could not force directory {}: {}", dir, e.toString());
        }
    }

    private static String startLine(String context, String requestId, Instant at) {
        return "S " + encode(context) + " " + encode(requestId) + " " + at.toEpochMilli();
    }

    private static String completeLine(String context, String requestId, ActionOutcome outcome, Instant at) {
        return "C " + encode(context) + " " + encode(requestId) + " " + (outcome.success() ? "ok" : "failed") + " "
                + encode(outcome.detail()) + " " + at.toEpochMilli();
    }

    private void append(String line) {
        try {
            ByteBuffer bytes = ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8));
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
            channel.force(false);
            linesInFile++;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the request ledger " + file + ": " + e.getMessage(), e);
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

    private void closeQuietly() {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // opening failed already
            }
        }
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
