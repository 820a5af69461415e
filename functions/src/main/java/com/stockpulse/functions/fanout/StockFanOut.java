package com.stockpulse.functions.fanout;

import com.stockpulse.functions.messaging.ConnectionMessenger;
import com.stockpulse.functions.messaging.PostStatus;
import com.stockpulse.functions.store.ConnectionStore;
import com.stockpulse.functions.store.GoneConnections;
import com.stockpulse.functions.store.StoreFailedException;
import com.stockpulse.functions.store.StoreUnavailableException;
import com.stockpulse.model.Json;
import com.stockpulse.model.PageKey;
import com.stockpulse.model.StockMessage;
import com.stockpulse.model.StockLevel;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Sends stock changes to every viewer of the pages that show them.
 *
 * <ol>
 *   <li>Coalesce: per SKU only the newest version in the batch is sent; browsers would drop the older ones anyway.</li>
 *   <li>Resolve: the pages that show the SKU, then each page's connections (Query, never Scan).</li>
 *   <li>Serialize once per SKU; every viewer gets the same bytes.</li>
 *   <li>Post with at most {@code concurrency} workers pulling from one list: a slow viewer holds one worker, not
 *       the others. 410 deletes the connection's rows; 429 and 5xx back off with jitter and retry until the
 *       deadline; after it, that SKU's records are reported as failed so the stream retries them.</li>
 * </ol>
 */
public final class StockFanOut {

    private static final System.Logger LOG = System.getLogger(StockFanOut.class.getName());
    /** How long to wait past the deadline for a post already on the wire before reporting its SKU as failed. */
    private static final long GRACE_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final PageDirectory pages;
    private final ConnectionStore connections;
    private final ConnectionMessenger messenger;
    private final FanOutSettings settings;
    private final Clock clock;

    public StockFanOut(PageDirectory pages, ConnectionStore connections, ConnectionMessenger messenger,
                       FanOutSettings settings, Clock clock) {
        this.pages = pages;
        this.connections = connections;
        this.messenger = messenger;
        this.settings = settings;
        this.clock = clock;
    }

    public FanOutReport fanOut(List<StockChange> changes) {
        long deadline = System.nanoTime() + settings.deadline().toNanos();
        List<SkuGroup> groups = coalesce(changes);
        Instant now = clock.instant();
        List<String> targets = new ArrayList<>();
        List<SkuGroup> targetGroups = new ArrayList<>();
        for (SkuGroup group : groups) {
            resolve(group, now, targets, targetGroups);
        }
        Run run = new Run(targets, targetGroups, deadline);
        run.execute();

        List<String> failed = new ArrayList<>();
        long unfinished = 0;
        int failedSkus = 0;
        for (SkuGroup group : groups) {
            int pending = group.pending.get();
            if (group.resolveFailed || pending > 0) {
                failed.addAll(group.sequenceNumbers);
                unfinished += pending;
                failedSkus++;
            }
        }
        FanOutReport report = new FanOutReport(groups.size(), targets.size(), run.delivered.sum(), run.gone.sum(),
                run.retries.sum(), run.permanent.sum(), unfinished, failed);
        if (failedSkus > 0) {
            LOG.log(Level.WARNING, "fan-out left {0} of {1} SKUs unfinished: {2}", failedSkus, groups.size(), report);
        }
        return report;
    }

    private static List<SkuGroup> coalesce(List<StockChange> changes) {
        Map<String, SkuGroup> bySku = new LinkedHashMap<>();
        for (StockChange change : changes) {
            SkuGroup group = bySku.computeIfAbsent(change.level().sku(), sku -> new SkuGroup());
            group.sequenceNumbers.add(change.sequenceNumber());
            if (group.newest == null || change.level().version() > group.newest.version()) {
                group.newest = change.level();
            }
        }
        return new ArrayList<>(bySku.values());
    }

    private void resolve(SkuGroup group, Instant now, List<String> targets, List<SkuGroup> targetGroups) {
        String sku = group.newest.sku();
        try {
            List<String> ids = new ArrayList<>();
            for (PageKey page : pages.pagesShowing(sku)) {
                ids.addAll(connections.connectionsOn(page, now));
            }
            group.payload = Json.toBytes(StockMessage.of(group.newest));
            group.pending.set(ids.size());
            targets.addAll(ids);
            for (int i = 0; i < ids.size(); i++) {
                targetGroups.add(group);
            }
        } catch (StoreUnavailableException e) {
            group.resolveFailed = true;
            LOG.log(Level.WARNING, "cannot find the viewers of {0} for now: {1}", sku, e.getMessage());
        } catch (StoreFailedException e) {
            // Retrying cannot help; viewers catch up on their next sync. Logged loudly: it is a configuration fault.
            LOG.log(Level.ERROR, "cannot find the viewers of " + sku + "; version " + group.newest.version()
                    + " is not broadcast", e);
        }
    }

    /** The records of one SKU in this batch and what became of its deliveries. */
    private static final class SkuGroup {
        final List<String> sequenceNumbers = new ArrayList<>(1);
        final AtomicInteger pending = new AtomicInteger();
        StockLevel newest;
        byte[] payload;
        boolean resolveFailed;
    }

    /** One fan-out's workers and counters. */
    private final class Run {
        private final List<String> targets;
        private final List<SkuGroup> groups;
        private final long deadline;
        private final AtomicInteger next = new AtomicInteger();
        final LongAdder delivered = new LongAdder();
        final LongAdder gone = new LongAdder();
        final LongAdder retries = new LongAdder();
        final LongAdder permanent = new LongAdder();

        Run(List<String> targets, List<SkuGroup> groups, long deadline) {
            this.targets = targets;
            this.groups = groups;
            this.deadline = deadline;
        }

        void execute() {
            int workers = Math.min(settings.concurrency(), targets.size());
            if (workers == 0) {
                return;
            }
            CountDownLatch done = new CountDownLatch(workers);
            for (int w = 0; w < workers; w++) {
                // Virtual threads: no pool to size, keep or re-create after a SnapStart restore.
                Thread.ofVirtual().name("fanout-" + w).start(() -> {
                    try {
                        work();
                    } catch (RuntimeException e) {
                        LOG.log(Level.ERROR, "fan-out worker stopped; its SKU is reported as failed", e);
                    } finally {
                        done.countDown();
                    }
                });
            }
            try {
                long wait = deadline + GRACE_NANOS - System.nanoTime();
                if (!done.await(Math.max(0, wait), TimeUnit.NANOSECONDS)) {
                    LOG.log(Level.WARNING, "{0} fan-out workers still busy at the deadline", done.getCount());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private void work() {
            for (int i = next.getAndIncrement(); i < targets.size(); i = next.getAndIncrement()) {
                if (System.nanoTime() >= deadline) {
                    return;
                }
                deliver(targets.get(i), groups.get(i));
            }
        }

        private void deliver(String connectionId, SkuGroup group) {
            for (int attempt = 0; ; attempt++) {
                PostStatus status = messenger.post(connectionId, group.payload);
                switch (status) {
                    case DELIVERED -> {
                        delivered.increment();
                        group.pending.decrementAndGet();
                        return;
                    }
                    case GONE -> {
                        gone.increment();
                        group.pending.decrementAndGet();
                        GoneConnections.remove(connections, connectionId);
                        return;
                    }
                    case PAYLOAD_TOO_LARGE, PERMANENT_FAILURE -> {
                        permanent.increment();
                        group.pending.decrementAndGet();
                        LOG.log(Level.WARNING, "post to {0} failed for good: {1}", connectionId, status);
                        return;
                    }
                    case THROTTLED, TEMPORARY_FAILURE -> {
                        if (!backOff(attempt)) {
                            return;
                        }
                        retries.increment();
                    }
                }
            }
        }

        /** Full jitter (AWS architecture blog): a random wait up to an exponentially growing ceiling. */
        private boolean backOff(int attempt) {
            long ceiling = Math.min(settings.maxBackoff().toNanos(),
                    settings.initialBackoff().toNanos() << Math.min(attempt, 20));
            long wait = ThreadLocalRandom.current().nextLong(ceiling + 1);
            if (System.nanoTime() + wait >= deadline) {
                return false;
            }
            try {
                TimeUnit.NANOSECONDS.sleep(wait);
                return true;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }
}
