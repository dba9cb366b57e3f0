package io.recoverymanager.daemon.it;

import io.recoverymanager.systemd.journal.JournalEntry;
import io.recoverymanager.testkit.socket.DatagramReceiver;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * A stand-in for journald's native socket: a datagram socket bound at a path, read by a thread
 * that decodes every datagram as a journal entry (a datagram that is not one fails the test).
 */
final class JournalSocket implements AutoCloseable {
    private final DatagramReceiver receiver;
    private final List<JournalEntry> entries = new CopyOnWriteArrayList<>();
    private final List<String> malformed = new CopyOnWriteArrayList<>();
    private final Thread reader;
    private volatile boolean closed;

    JournalSocket(Path path) {
        receiver = new DatagramReceiver(path.toString(), 500);
        reader = new Thread(this::read, "journal-socket");
        reader.setDaemon(true);
        reader.start();
    }

    private void read() {
        while (!closed) {
            Optional<byte[]> datagram = receiver.receiveBytes();
            datagram.ifPresent(bytes -> {
                try {
                    entries.add(JournalEntry.decode(bytes));
                } catch (IllegalArgumentException e) {
                    malformed.add(e.getMessage());
                }
            });
        }
    }

    List<JournalEntry> entries() {
        return List.copyOf(entries);
    }

    List<JournalEntry> entries(Predicate<JournalEntry> filter) {
        return entries.stream().filter(filter).toList();
    }

    List<String> malformed() {
        return List.copyOf(malformed);
    }

    static Predicate<JournalEntry> field(String name, String value) {
        return e -> value.equals(e.get(name));
    }

    @Override
    public void close() {
        closed = true;
        try {
            reader.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        receiver.close();
    }
}
