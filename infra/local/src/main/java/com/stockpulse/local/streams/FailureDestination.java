package com.stockpulse.local.streams;

import com.stockpulse.model.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * Where a mapping puts the batches it gives up on, as the SQS on-failure destination does on AWS: one JSON document
 * per discarded batch, in AWS's shape and with AWS's metadata only (shard, sequence range, batch size, arrival
 * times), appended to a JSON Lines file that ops can read, and kept in memory for tests. The records are read back
 * from the stream within its retention ({@code stockpulse replay}), as on AWS. The file is kept across restarts: what
 * was discarded is never dropped by a start. Memory holds only the most recent documents; the file holds them all.
 */
public final class FailureDestination {

    /** Documents kept in memory for {@link #discarded()}; a long outage must not grow the heap without bound. */
    static final int KEPT_IN_MEMORY = 100;

    private final Path file;
    private final Deque<Map<String, Object>> discarded = new ArrayDeque<>();
    private long count;

    public FailureDestination(Path file) {
        this.file = file;
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            if (Files.notExists(file)) {
                Files.createFile(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the on-failure destination " + file, e);
        }
    }

    public Path file() {
        return file;
    }

    synchronized void accept(Map<String, Object> document) {
        discarded.addLast(document);
        if (discarded.size() > KEPT_IN_MEMORY) {
            discarded.removeFirst();
        }
        count++;
        try {
            Files.writeString(file, Json.toString(document) + "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write to the on-failure destination " + file, e);
        }
    }

    /** The most recent discarded batches (at most {@value #KEPT_IN_MEMORY}), oldest first; the file has every one. */
    public synchronized List<Map<String, Object>> discarded() {
        return List.copyOf(discarded);
    }

    /** Batches discarded since this destination was opened. */
    public synchronized long count() {
        return count;
    }
}
