package com.stockpulse.local.files;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Files the runtime rewrites while others read them (the state file, the checkpoints). */
public final class WholeFile {

    private WholeFile() {
    }

    /**
     * Replaces {@code file} with {@code bytes} so that a reader sees the old content or the new, never half of it
     * (a temporary file beside it, then a move); creates its folder.
     */
    public static void write(Path file, byte[] bytes) throws IOException {
        Path folder = file.toAbsolutePath().getParent();
        Files.createDirectories(folder);
        Path partial = Files.createTempFile(folder, file.getFileName().toString(), ".tmp");
        try {
            Files.write(partial, bytes);
            try {
                Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(partial);
        }
    }
}
