package com.stockpulse.local.streams;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.stockpulse.local.files.WholeFile;
import com.stockpulse.model.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Where a mapping has read each shard to: the last sequence number it processed or discarded, as an event source
 * mapping keeps it on AWS. In memory by default; in a file with {@code stockpulse local --data-dir}, so a restarted
 * stack goes on after what it had done, and sale events put but not yet processed when it stopped are still applied.
 */
public final class Checkpoints {

    private final Optional<Path> file;
    private final Map<String, String> byShard = new TreeMap<>();

    private Checkpoints(Optional<Path> file, Map<String, String> byShard) {
        this.file = file;
        this.byShard.putAll(byShard);
    }

    public static Checkpoints inMemory() {
        return new Checkpoints(Optional.empty(), Map.of());
    }

    /** The checkpoints in {@code file}, if it exists; each change is written back to it whole. */
    public static Checkpoints inFile(Path file) {
        try {
            Map<String, String> saved = Json.mapper().readValue(Files.readAllBytes(file), new TypeReference<>() { });
            if (saved == null) {
                throw new UncheckedIOException(notCheckpoints(file), new IOException("null"));
            }
            return new Checkpoints(Optional.of(file), saved);
        } catch (NoSuchFileException e) {
            return new Checkpoints(Optional.of(file), Map.of());
        } catch (JacksonException e) {
            throw new UncheckedIOException(notCheckpoints(file), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the checkpoint file " + file, e);
        }
    }

    private static String notCheckpoints(Path file) {
        return "the checkpoint file " + file + " is not a JSON object of shard ids to sequence numbers; move it away "
                + "to read the streams from their start";
    }

    public synchronized Optional<String> get(String shardId) {
        return Optional.ofNullable(byShard.get(shardId));
    }

    /** Records that {@code shardId} is done up to {@code sequenceNumber}, written to the file before returning. */
    public synchronized void put(String shardId, String sequenceNumber) {
        if (sequenceNumber.equals(byShard.put(shardId, sequenceNumber)) || file.isEmpty()) {
            return;
        }
        Path target = file.get();
        try {
            WholeFile.write(target, Json.mapper().writeValueAsBytes(byShard));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the checkpoint file " + target, e);
        }
    }
}
