package com.stockpulse.local.runtime;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One stack at a time on a {@code --data-dir}: two would share DynamoDB Local's database file, kinesalite's LevelDB
 * and the checkpoints. Held from the start until the stack stops (the operating system lets go if it dies).
 */
final class DataDirLock implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DataDirLock.class);

    private final FileChannel channel;
    private final FileLock lock;

    private DataDirLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** Takes the folder (creating it), or says why it cannot. */
    static DataDirLock take(Path dir) {
        FileChannel channel;
        try {
            Files.createDirectories(dir);
            channel = FileChannel.open(dir.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new StartupFailedException("--data-dir " + dir + " cannot be used: " + e, e);
        }
        try {
            FileLock lock = channel.tryLock();
            if (lock != null) {
                return new DataDirLock(channel, lock);
            }
        } catch (OverlappingFileLockException | IOException e) {
            LOG.debug("--data-dir {} is locked: {}", dir, e.toString());
        }
        try {
            channel.close();
        } catch (IOException e) {
            LOG.debug("closing the lock file of {}: {}", dir, e.toString());
        }
        throw new StartupFailedException("another stockpulse local uses --data-dir " + dir
                + ": stop it, or choose another folder");
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            LOG.warn("releasing the data dir lock: {}", e.toString());
        }
    }
}
