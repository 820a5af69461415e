package com.stockpulse.functions.broadcast;

import com.stockpulse.functions.logging.LogFields;
import com.stockpulse.functions.messaging.ConnectionMessenger;
import com.stockpulse.functions.messaging.PostStatus;
import com.stockpulse.functions.store.ConnectionStore;
import com.stockpulse.functions.store.GoneConnections;
import com.stockpulse.functions.store.PageDirectory;
import com.stockpulse.functions.store.StockStore;
import com.stockpulse.functions.store.StoreFailedException;
import com.stockpulse.functions.store.StoreUnavailableException;
import com.stockpulse.model.Json;
import com.stockpulse.model.PageKey;
import com.stockpulse.model.StockLevel;
import com.stockpulse.model.StockMessage;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Sends stock changes to every viewer of the pages that show them, within a budget of posts per second.
 *
 * <ol>
 *   <li>Coalesce: per SKU only the newest version in the batch is sent; the older ones are conflated (browsers keep
 *       the highest version, so skipping them loses nothing).</li>
 *   <li>Resolve: the pages that show the SKU, then each page's connections (Query, never Scan).</li>
 *   <li>Serialize once per SKU; every viewer gets the same bytes. SKUs with the fewest viewers go first, so a SKU on
 *       a quiet page is not held behind a hot SKU's thousands of viewers.</li>
 *   <li>Post with at most {@code concurrency} workers pulling from one list, each post taking a slot of the
 *       {@link PostBudget}. 410 deletes the connection's rows; 429 and 5xx are that viewer's problem: a few retries
 *       with jitter, then it is skipped (it catches up with the next change or its next sync).</li>
 * </ol>
 *
 * <p>Conflation across batches follows from the budget: while one SKU's broadcast takes viewers / budget seconds, the
 * stream's next records wait, and the next batch sends only the newest of them. So a SKU goes out at most once per
 * interval that fits the budget, a newer value supersedes the pending ones, and the last value always goes out.
 * Workers still running at the deadline are stopped before the report is written; the SKUs they did not finish are
 * reported as failed, so the stream retries them.
 */
public final class StockFanOut {

    private static final Logger LOG = LoggerFactory.getLogger(StockFanOut.class);
    /** How long to wait past the deadline for the workers to see it, before they are interrupted. */
    private static final long GRACE_NANOS = TimeUnit.MILLISECONDS.toNanos(200);
    /** How long a socket may sit between its $connect and being open, from the fan-out's point of view. */
    private static final long CONNECTING_NANOS = TimeUnit.MILLISECONDS.toNanos(500);

    private final PageDirectory pages;
    private final ConnectionStore connections;
    private final StockStore stock;
    private final ConnectionMessenger messenger;
    private final FanOutSettings settings;
    private final Clock clock;
    private final Ticker ticker;
    private final PostBudget budget;

    /** {@code stock} is only read: a long broadcast picks up a newer value of its SKU as it goes. */
    public StockFanOut(PageDirectory pages, ConnectionStore connections, StockStore stock,
                       ConnectionMessenger messenger, FanOutSettings settings, Clock clock) {
        this(pages, connections, stock, messenger, settings, clock, Ticker.system());
    }

    /** With a ticker of its own: the flash-sale simulation runs the fan-out on simulated time. */
    StockFanOut(PageDirectory pages, ConnectionStore connections, StockStore stock, ConnectionMessenger messenger,
                FanOutSettings settings, Clock clock, Ticker ticker) {
        this.pages = pages;
        this.connections = connections;
        this.stock = stock;
        this.messenger = messenger;
        this.settings = settings;
        this.clock = clock;
        this.ticker = ticker;
        this.budget = settings.budget(ticker);
    }


    public FanOutReport fanOut(List<StockChange> changes) {
        long started = ticker.nanoTime();
        long deadline = started + settings.deadline().toNanos();
        List<SkuGroup> groups = coalesce(changes);
        Instant now = clock.instant();
        for (SkuGroup group : groups) {
            resolve(group, now);
            group.refreshedAt = started;
        }
        List<SkuGroup> smallestFirst = new ArrayList<>(groups);
        smallestFirst.sort(Comparator.comparingInt(group -> group.viewers.size()));
        List<String> targets = new ArrayList<>();
        List<SkuGroup> targetGroups = new ArrayList<>();
        for (SkuGroup group : smallestFirst) {
            targets.addAll(group.viewers);
            group.viewers.forEach(id -> targetGroups.add(group));
        }
        Run run = new Run(targets, targetGroups, deadline);
        run.execute();

        List<String> failed = new ArrayList<>();
        long unfinished = 0;
        long conflated = 0;
        int failedSkus = 0;
        for (SkuGroup group : groups) {
            conflated += group.sequenceNumbers.size() - 1 + group.refreshes;
            int pending = group.pending.get();
            if (group.resolveFailed || pending > 0) {
                failed.addAll(group.sequenceNumbers);
                unfinished += pending;
                failedSkus++;
            }
        }
        long endedMillis = clock.millis();
        long lagMillis = groups.stream().filter(group -> !group.viewers.isEmpty())
                .mapToLong(group -> endedMillis - group.newest.updatedAt().toEpochMilli()).max().orElse(0);
        FanOutReport report = new FanOutReport(groups.size(), targets.size(), run.delivered.sum(), run.gone.sum(),
                run.retries.sum(), run.skipped.sum(), run.permanent.sum(), unfinished, conflated, failed,
                Math.max(0, lagMillis), budget.usedPercent());
        if (failedSkus > 0) {
            LOG.warn("fan-out left {} of {} SKUs unfinished: {}", failedSkus, groups.size(), report);
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

    private void resolve(SkuGroup group, Instant now) {
        String sku = group.newest.sku();
        try {
            List<String> ids = new ArrayList<>();
            for (PageKey page : pages.pagesShowing(sku)) {
                ids.addAll(connections.connectionsOn(page, now));
            }
            group.payload = Json.toBytes(StockMessage.of(group.newest));
            group.pending.set(ids.size());
            group.viewers = ids;
        } catch (StoreUnavailableException e) {
            group.resolveFailed = true;
            LOG.warn("cannot find the viewers of {} for now: {}", LogFields.sku(sku), e.getMessage());
        } catch (StoreFailedException e) {
            // Retrying cannot help; viewers catch up on their next sync. Logged loudly: it is a configuration fault.
            LOG.error("cannot find the viewers of {}; version {} is not broadcast", LogFields.sku(sku),
                    group.newest.version(), e);
        }
    }

    /**
     * The bytes to post now for a group. A broadcast to many viewers takes viewers / budget seconds; while it runs the
     * stream's newer records wait for the next batch. So every {@code refreshAfter} the SKU's row is read again and a
     * newer value supersedes the one being sent: the viewers late in the list get the value of their moment, not of
     * the broadcast's start (this halves how stale a hot page's viewers get). One worker reads; the others go on.
     */
    private byte[] payloadFor(SkuGroup group) {
        long now = ticker.nanoTime();
        if (now - group.refreshedAt < settings.refreshAfter().toNanos() || !group.refreshing.compareAndSet(false, true)) {
            return group.payload;
        }
        try {
            group.refreshedAt = now;
            StockLevel current = stock.get(group.newest.sku()).orElse(null);
            if (current != null && current.version() > group.newest.version()) {
                group.payload = Json.toBytes(StockMessage.of(current));
                group.newest = current;
                group.refreshes++;
            }
        } catch (StoreUnavailableException | StoreFailedException e) {
            LOG.debug("cannot refresh {} mid-broadcast; sending what it has: {}", LogFields.sku(group.newest.sku()),
                    e.getMessage());
        } finally {
            group.refreshing.set(false);
        }
        return group.payload;
    }

    /** The records of one SKU in this batch and what became of its deliveries. */
    private static final class SkuGroup {
        final List<String> sequenceNumbers = new ArrayList<>(1);
        final AtomicInteger pending = new AtomicInteger();
        final AtomicBoolean refreshing = new AtomicBoolean();
        List<String> viewers = List.of();
        volatile StockLevel newest;
        volatile byte[] payload;
        volatile long refreshedAt;
        /** Newer versions picked up mid-broadcast (written by the one refreshing worker). */
        volatile int refreshes;
        boolean resolveFailed;
    }

    /** One fan-out's workers and counters. */
    private final class Run {
        private final List<String> targets;
        private final List<SkuGroup> groups;
        private final long deadline;
        private final AtomicInteger next = new AtomicInteger();
        private volatile boolean stopped;
        final LongAdder delivered = new LongAdder();
        final LongAdder gone = new LongAdder();
        final LongAdder retries = new LongAdder();
        final LongAdder skipped = new LongAdder();
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
            if (workers == 1) {
                // In the caller's thread: nothing to stop afterwards, and deterministic on a simulated ticker.
                try {
                    work();
                } catch (RuntimeException e) {
                    LOG.error("fan-out worker stopped; its SKU is reported as failed", e);
                }
                return;
            }
            CountDownLatch done = new CountDownLatch(workers);
            List<Thread> threads = startWorkers(workers, done);
            awaitOrStop(done, threads);
        }

        private List<Thread> startWorkers(int workers, CountDownLatch done) {
            List<Thread> threads = new ArrayList<>(workers);
            // The invocation's log fields (request id, cold start: thread-local) go with it to the workers' lines.
            Map<String, String> logContext = MDC.getCopyOfContextMap();
            for (int w = 0; w < workers; w++) {
                // Virtual threads: no pool to size, keep or re-create after a SnapStart restore.
                threads.add(Thread.ofVirtual().name("fanout-" + w).start(() -> {
                    if (logContext != null) {
                        MDC.setContextMap(logContext);
                    }
                    try {
                        work();
                    } catch (RuntimeException e) {
                        LOG.error("fan-out worker stopped; its SKU is reported as failed", e);
                    } finally {
                        MDC.clear();
                        done.countDown();
                    }
                }));
            }
            return threads;
        }

        /** Waits for the workers until the deadline (and its grace); past it, stops them and waits until they have. */
        private void awaitOrStop(CountDownLatch done, List<Thread> threads) {
            boolean interrupted = false;
            try {
                if (done.await(Math.max(0, deadline + GRACE_NANOS - ticker.nanoTime()), TimeUnit.NANOSECONDS)) {
                    return;
                }
                LOG.warn("stopping {} fan-out workers still busy at the deadline", done.getCount());
            } catch (InterruptedException e) {
                interrupted = true;
            }
            stopped = true;
            threads.forEach(Thread::interrupt);
            // A post already on the wire ends within the HTTP timeout; none starts after this, and the report is
            // only written once every worker has stopped counting.
            while (true) {
                try {
                    done.await();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }

        private void work() {
            for (int i = next.getAndIncrement(); i < targets.size(); i = next.getAndIncrement()) {
                if (stopped || ticker.nanoTime() >= deadline || Thread.currentThread().isInterrupted()) {
                    return;
                }
                deliver(targets.get(i), groups.get(i));
            }
        }

        private void deliver(String connectionId, SkuGroup group) {
            for (int attempt = 0; ; attempt++) {
                // The payload first: a refresh may read DynamoDB, and the budget's slot is for the post itself.
                byte[] payload = payloadFor(group);
                if (!takeSlot()) {
                    return;
                }
                PostStatus status = messenger.post(connectionId, payload);
                // Stopped at the deadline while posting: whatever came back, this viewer stays unfinished.
                if (stopped || !settle(connectionId, group, status, attempt)) {
                    return;
                }
                retries.increment();
            }
        }

        /** Waits for the budget's next slot; false past the deadline, once stopped, or when interrupted. */
        private boolean takeSlot() {
            try {
                return budget.acquire(deadline) && !stopped;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }

        /** Counts what a post came to; true when the viewer is to be tried again (after the wait this took). */
        private boolean settle(String connectionId, SkuGroup group, PostStatus status, int attempt) {
            return switch (status) {
                case DELIVERED -> {
                    delivered.increment();
                    group.pending.decrementAndGet();
                    yield false;
                }
                case GONE -> {
                    // API Gateway answers 410 to a socket still in $connect too, whose rows are already written:
                    // ask once more a moment later before deleting the rows of a viewer that is only arriving.
                    if (attempt == 0 && pause(CONNECTING_NANOS)) {
                        yield true;
                    }
                    gone.increment();
                    group.pending.decrementAndGet();
                    if (attempt > 0) {
                        GoneConnections.remove(connections, connectionId);
                    }
                    yield false;
                }
                case PAYLOAD_TOO_LARGE, PERMANENT_FAILURE -> {
                    permanent.increment();
                    group.pending.decrementAndGet();
                    LOG.warn("post to {} failed for good: {}", LogFields.connection(connectionId), status);
                    yield false;
                }
                case THROTTLED, TEMPORARY_FAILURE -> {
                    if (attempt >= settings.retriesPerConnection()) {
                        // This viewer's problem (a full buffer, a blip): it catches up on the next change or sync.
                        skipped.increment();
                        group.pending.decrementAndGet();
                        LOG.debug("skipping {} after {} attempts: {}", LogFields.connection(connectionId), attempt + 1,
                                status);
                        yield false;
                    }
                    // False when no time is left to retry before the deadline (or stopped): unfinished, its SKU is
                    // retried.
                    yield backOff(attempt);
                }
            };
        }

        /** Waits {@code nanos} unless that passes the deadline or the run is stopped. */
        private boolean pause(long nanos) {
            if (ticker.nanoTime() + nanos >= deadline || stopped) {
                return false;
            }
            try {
                ticker.sleepNanos(nanos);
                return true;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }

        /** Full jitter (AWS architecture blog): a random wait up to an exponentially growing ceiling. */
        private boolean backOff(int attempt) {
            long ceiling = Math.min(settings.maxBackoff().toNanos(),
                    settings.initialBackoff().toNanos() << Math.min(attempt, 20));
            return pause(ThreadLocalRandom.current().nextLong(ceiling + 1));
        }
    }
}
