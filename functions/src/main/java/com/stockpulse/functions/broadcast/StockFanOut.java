package com.stockpulse.functions.broadcast;

import com.stockpulse.functions.logging.LogFields;
import com.stockpulse.functions.messaging.ConnectionMessenger;
import com.stockpulse.functions.messaging.PostStatus;
import com.stockpulse.functions.store.BroadcastLedger;
import com.stockpulse.functions.store.BroadcastProgress;
import com.stockpulse.functions.store.Connection;
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
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
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
 * Sends stock changes to every viewer of the pages that show them, within a budget of posts per second, in
 * broadcasts that finish whatever their size.
 *
 * <ol>
 *   <li>Coalesce: per SKU only the newest version in the batch is sent; the older ones are conflated (browsers keep
 *       the highest version, so skipping them loses nothing). The SKU's last record also says where its broadcast
 *       stands ({@link BroadcastProgress}, kept on the stock row).</li>
 *   <li>Resolve: the pages that show the SKU, then each page's connections (Query, never Scan), as a ring in
 *       connection-id order. A newer value is owed to the whole ring, starting where the last broadcast stopped (so
 *       a hot SKU's viewers are served round-robin, none starved); otherwise the broadcast goes on from where it
 *       stopped, and a record that owes nobody anything (the fan-out's own finished progress) sends nothing.</li>
 *   <li>Serialize once per SKU; every viewer gets the same bytes. The SKUs take turns, one post each, so a SKU on a
 *       quiet page is not held behind a hot SKU's thousands of viewers, and SKUs of equal audiences share the
 *       budget.</li>
 *   <li>Post with at most {@code concurrency} workers, each post taking a slot of the {@link PostBudget}. 410 deletes
 *       the viewer's rows at once, its page row by its key (a first 410 within 30 s of the viewer's $connect
 *       may be a socket still opening: it is asked once more half a second later, after everyone else); 429 and 5xx are that viewer's problem: a few retries with jitter,
 *       then it is skipped (it catches up with the next change or its next sync).</li>
 *   <li>At the deadline the workers stop. What is still owed (the rest of the ring, and the viewers whose post was
 *       under way) is written as the SKU's progress; that write is a record on the stock stream, so the next
 *       invocation goes on from there. Nobody gets a second copy, and the batch is not failed for being large.</li>
 * </ol>
 *
 * <p>Conflation across batches follows from the budget: while one SKU's broadcast takes viewers / budget seconds, the
 * stream's next records wait, and the next batch sends only the newest of them. A long broadcast also reads its SKU
 * again every {@code refreshAfter} and sends a newer value from there on, owing it to the whole ring.
 */
public final class StockFanOut {

    private static final Logger LOG = LoggerFactory.getLogger(StockFanOut.class);
    /** How long to wait past the deadline for the workers to see it, before they are interrupted. */
    private static final long GRACE_NANOS = TimeUnit.MILLISECONDS.toNanos(200);
    /**
     * API Gateway answers 410 to a socket still in $connect. Its rows are written at the end of $connect, which may
     * take up to the 29 s integration timeout, and the socket opens moments after they are. So a first 410 from a
     * viewer whose {@code connectedAt} (when its $connect began) is younger than this is asked once more half a second
     * later, once everyone else is served (one wait per invocation, no worker held); still 410, its rows go. Deleting
     * the rows of a socket about to open would leave it connected but never reached.
     */
    static final Duration CONNECTING = Duration.ofSeconds(30);
    /** How long after a first 410 from a viewer perhaps still opening it is asked again (an open socket is open). */
    private static final long RECHECK_AFTER_NANOS = TimeUnit.MILLISECONDS.toNanos(500);
    /** Looking up a batch's viewers may take at most this many deadlines before the rest of its SKUs are failed. */
    private static final int RESOLVING = 4;

    private final PageDirectory pages;
    private final ConnectionStore connections;
    private final StockStore stock;
    private final BroadcastLedger ledger;
    private final ConnectionMessenger messenger;
    private final FanOutSettings settings;
    private final Clock clock;
    private final Ticker ticker;
    private final PostBudget budget;

    /**
     * {@code stock} is only read: a long broadcast picks up a newer value of its SKU as it goes. {@code ledger} keeps
     * each unfinished broadcast's progress on its stock row.
     */
    public StockFanOut(PageDirectory pages, ConnectionStore connections, StockStore stock, BroadcastLedger ledger,
                       ConnectionMessenger messenger, FanOutSettings settings, Clock clock) {
        this(pages, connections, stock, ledger, messenger, settings, clock, Ticker.system());
    }

    /** With a ticker of its own: the flash-sale simulation runs the fan-out on simulated time. */
    StockFanOut(PageDirectory pages, ConnectionStore connections, StockStore stock, BroadcastLedger ledger,
                ConnectionMessenger messenger, FanOutSettings settings, Clock clock, Ticker ticker) {
        this.pages = pages;
        this.connections = connections;
        this.stock = stock;
        this.ledger = ledger;
        this.messenger = messenger;
        this.settings = settings;
        this.clock = clock;
        this.ticker = ticker;
        this.budget = settings.budget(ticker);
    }

    public FanOutReport fanOut(List<StockChange> changes) {
        long started = ticker.nanoTime();
        List<Sweep> sweeps = coalesce(changes);
        readRows(sweeps);
        Instant now = clock.instant();
        int planned = 0;
        // A batch of many SKUs costs a Query or two each: past RESOLVING deadlines the rest are failed for the mapping
        // to retry, and the posting gets its whole deadline after the looking up (the function's timeout is 60 s).
        long resolveUntil = started + RESOLVING * settings.deadline().toNanos();
        for (Sweep sweep : sweeps) {
            if (!sweep.resolveFailed && ticker.nanoTime() >= resolveUntil) {
                sweep.resolveFailed = true;
                LOG.warn("no time left to look up the viewers of {} in this invocation", LogFields.sku(sweep.newest.sku()));
            }
            if (!sweep.resolveFailed) {
                resolve(sweep, now);
            }
            planned += sweep.limit;
        }
        long postingFrom = ticker.nanoTime();
        sweeps.forEach(sweep -> sweep.refreshedAt = postingFrom);
        Run run = new Run(sweeps, postingFrom + settings.deadline().toNanos());
        run.execute();

        List<String> failed = new ArrayList<>();
        long unfinished = 0;
        long conflated = 0;
        int failedSkus = 0;
        int carried = 0;
        for (Sweep sweep : sweeps) {
            conflated += sweep.versions.size() - 1 + sweep.refreshes;
            if (!keep(sweep, run)) {
                failed.addAll(sweep.sequenceNumbers);
                failedSkus++;
            }
            if (sweep.left != null && sweep.left.pending()) {
                carried++;
                unfinished += sweep.owedAfter;
            }
        }
        long endedMillis = clock.millis();
        long lagMillis = sweeps.stream().filter(sweep -> sweep.limit > 0)
                .mapToLong(sweep -> endedMillis - sweep.newest.updatedAt().toEpochMilli()).max().orElse(0);
        FanOutReport report = new FanOutReport(sweeps.size(), planned, run.delivered.sum(), run.gone.sum(),
                run.retries.sum(), run.skipped.sum(), run.permanent.sum(), unfinished, conflated, failed,
                Math.max(0, lagMillis), budget.usedPercent());
        if (failedSkus > 0) {
            LOG.warn("fan-out failed {} of {} SKUs, to be retried: {}", failedSkus, sweeps.size(), report);
        } else if (carried > 0) {
            LOG.info("fan-out carries {} of {} SKUs on to the next invocation: {}", carried, sweeps.size(), report);
        }
        return report;
    }

    private static List<Sweep> coalesce(List<StockChange> changes) {
        Map<String, Sweep> bySku = new LinkedHashMap<>();
        for (StockChange change : changes) {
            Sweep sweep = bySku.computeIfAbsent(change.level().sku(), sku -> new Sweep());
            sweep.sequenceNumbers.add(change.sequenceNumber());
            // The fan-out's own progress records repeat the row's version: versions, not records, are conflated.
            sweep.versions.add(change.level().version());
            if (sweep.newest == null || change.level().version() > sweep.newest.version()) {
                sweep.newest = change.level();
            }
        }
        return new ArrayList<>(bySku.values());
    }

    /**
     * The rows as they are now: the records of a batch can be older than the row (a backlog) and than its last
     * progress, so what is owed is read, not taken from the images. One consistent BatchGetItem per batch.
     */
    private void readRows(List<Sweep> sweeps) {
        try {
            Map<String, BroadcastLedger.Row> rows = ledger.rows(sweeps.stream().map(sweep -> sweep.newest.sku()).toList());
            for (Sweep sweep : sweeps) {
                BroadcastLedger.Row row = rows.get(sweep.newest.sku());
                if (row != null) {
                    sweep.progress = row.progress();
                    if (row.level().version() > sweep.newest.version()) {
                        sweep.newest = row.level();
                    }
                }
            }
        } catch (StoreUnavailableException e) {
            LOG.warn("cannot read the stock rows of {} SKUs for now: {}", sweeps.size(), e.getMessage());
            sweeps.forEach(sweep -> sweep.resolveFailed = true);
        } catch (StoreFailedException e) {
            // A row this code did not write: send the batch's values, as if no broadcast were under way.
            LOG.error("cannot read the stock rows of {} SKUs; broadcasting the batch's values", sweeps.size(), e);
        }
    }

    private void resolve(Sweep sweep, Instant now) {
        String sku = sweep.newest.sku();
        try {
            TreeMap<String, Connection> ring = new TreeMap<>();
            for (PageKey page : pages.pagesShowing(sku)) {
                for (Connection viewer : connections.viewersOn(page, now)) {
                    ring.putIfAbsent(viewer.connectionId(), viewer);
                }
            }
            sweep.payload = Json.toBytes(StockMessage.of(sweep.newest));
            sweep.plan(ring, now);
        } catch (StoreUnavailableException e) {
            sweep.resolveFailed = true;
            LOG.warn("cannot find the viewers of {} for now: {}", LogFields.sku(sku), e.getMessage());
        } catch (StoreFailedException e) {
            // Retrying cannot help; viewers catch up on their next sync. Logged loudly: it is a configuration fault.
            LOG.error("cannot find the viewers of {}; version {} is not broadcast", LogFields.sku(sku),
                    sweep.newest.version(), e);
        }
    }

    /**
     * Writes where the sweep stopped, when that differs from what the row says: the rest of a broadcast to finish, or
     * the end of one that was carried. False when the write failed for now (the SKU's records are then retried).
     */
    private boolean keep(Sweep sweep, Run run) {
        if (sweep.ring == null) {
            return !sweep.resolveFailed;
        }
        BroadcastProgress left = sweep.leftAfter(run);
        sweep.left = left;
        if (!left.pending() && !sweep.progress.pending()) {
            return true;   // finished within this invocation, as most are: no write
        }
        String sku = sweep.newest.sku();
        try {
            if (!ledger.save(sku, left)) {
                LOG.warn("the broadcast progress of {} moved under this invocation (a redelivered batch?); leaving it",
                        LogFields.sku(sku));
            }
            return true;
        } catch (StoreUnavailableException e) {
            LOG.warn("cannot keep the broadcast progress of {} for now: {}", LogFields.sku(sku), e.getMessage());
            return false;
        } catch (StoreFailedException e) {
            LOG.error("cannot keep the broadcast progress of {}; its viewers catch up on their next sync",
                    LogFields.sku(sku), e);
            return true;
        }
    }

    /**
     * The bytes to post now to the sweep's viewer at {@code index}. Every {@code refreshAfter} the SKU's row is read
     * again and a newer value supersedes the one being sent: the viewers late in the ring get the value of their
     * moment, not of the broadcast's start. The newer value is owed to the whole ring from this viewer on: this
     * invocation still takes the ring once only (so the stream's next records wait no longer than that), and the rest
     * is carried on. One worker reads; the others go on.
     */
    private byte[] payloadFor(Sweep sweep, int index) {
        long now = ticker.nanoTime();
        if (now - sweep.refreshedAt < settings.refreshAfter().toNanos() || !sweep.refreshing.compareAndSet(false, true)) {
            return sweep.payload;
        }
        try {
            sweep.refreshedAt = now;
            StockLevel current = stock.get(sweep.newest.sku()).orElse(null);
            if (current != null && current.version() > sweep.newest.version()) {
                sweep.payload = Json.toBytes(StockMessage.of(current));
                sweep.newest = current;
                sweep.refreshes++;
                // Workers that took a viewer just before may still post the old value: from the earliest of them on.
                sweep.oweNewerFrom(Math.min(index, sweep.next.get() - settings.concurrency()));
            }
        } catch (StoreUnavailableException | StoreFailedException e) {
            LOG.debug("cannot refresh {} mid-broadcast; sending what it has: {}", LogFields.sku(sweep.newest.sku()),
                    e.getMessage());
        } finally {
            sweep.refreshing.set(false);
        }
        return sweep.payload;
    }

    /**
     * One SKU's broadcast in this invocation: its records, and the viewers it owes its newest value as a list of
     * virtual indexes, the carried-over {@code owed} viewers first, then the ring from {@code start}, wrapping.
     * Workers take indexes below {@code limit} in order; a newer value picked up mid-way owes itself up to
     * {@code owedUntil}.
     */
    private static final class Sweep {
        final List<String> sequenceNumbers = new ArrayList<>(1);
        final Set<Long> versions = new HashSet<>(2);
        final AtomicInteger next = new AtomicInteger();
        final AtomicBoolean refreshing = new AtomicBoolean();
        /** Viewers whose post was started and not finished here: owed again next time. */
        final ConcurrentLinkedQueue<String> unfinished = new ConcurrentLinkedQueue<>();
        /** Viewers that answered a first 410 perhaps while still opening: asked again at the end of the run. */
        final ConcurrentLinkedQueue<Connection> opening = new ConcurrentLinkedQueue<>();
        volatile StockLevel newest;
        volatile byte[] payload;
        volatile long refreshedAt;
        /** Newer versions picked up mid-broadcast (written by the one refreshing worker). */
        volatile int refreshes;
        volatile int limit;
        int owedUntil;
        BroadcastProgress progress = BroadcastProgress.NONE;
        Connection[] ring;
        Connection[] owed = new Connection[0];
        int start;
        boolean resolveFailed;
        BroadcastProgress left;
        long owedAfter;

        /** Decides whom this invocation owes what; see the class comment. */
        void plan(TreeMap<String, Connection> byId, Instant now) {
            ring = byId.values().toArray(Connection[]::new);
            int size = ring.length;
            if (size == 0) {
                limit = 0;
                return;
            }
            if (newest.version() > progress.version()) {
                // A newer value: the whole ring owes it, starting where the last broadcast stopped.
                start = progress.from() == null ? 0 : below(progress.from()) % size;
                limit = size;
                return;
            }
            if (!progress.pending()) {
                limit = 0;   // nobody is owed anything: the fan-out's own record, or a redelivery
                return;
            }
            List<Connection> stillOwed = new ArrayList<>();
            for (String id : progress.owed()) {
                Connection viewer = byId.get(id);
                if (viewer != null && !inArc(id)) {
                    stillOwed.add(viewer);
                }
            }
            owed = stillOwed.toArray(Connection[]::new);
            int arc = 0;
            if (progress.from() != null) {
                int from = below(progress.from());
                int until = below(progress.until());
                start = from % size;
                arc = progress.from().equals(progress.until()) ? size
                        : progress.from().compareTo(progress.until()) < 0 ? until - from : size - from + until;
            }
            limit = owed.length + arc;
        }

        /** How many viewers of the ring sort before {@code id}. */
        private int below(String id) {
            int low = 0;
            int high = ring.length;
            while (low < high) {
                int mid = (low + high) >>> 1;
                if (ring[mid].connectionId().compareTo(id) < 0) {
                    low = mid + 1;
                } else {
                    high = mid;
                }
            }
            return low;
        }

        private boolean inArc(String id) {
            String from = progress.from();
            String until = progress.until();
            if (from == null) {
                return false;
            }
            if (from.equals(until)) {
                return true;
            }
            return from.compareTo(until) < 0 ? id.compareTo(from) >= 0 && id.compareTo(until) < 0
                    : id.compareTo(from) >= 0 || id.compareTo(until) < 0;
        }

        /** The next index to post to, or -1 when none is left below the limit. */
        int take() {
            while (true) {
                int index = next.get();
                if (index >= limit) {
                    return -1;
                }
                if (next.compareAndSet(index, index + 1)) {
                    return index;
                }
            }
        }

        Connection at(int index) {
            return index < owed.length ? owed[index] : ring[(start + index - owed.length) % ring.length];
        }

        /** A newer value goes to the viewer at {@code index}: from there, the whole ring is owed it. */
        synchronized void oweNewerFrom(int index) {
            owedUntil = Math.max(owedUntil, Math.max(index, owed.length) + ring.length);
        }

        /** What is still owed once the workers have stopped. */
        BroadcastProgress leftAfter(Run run) {
            int taken = Math.min(next.get(), limit);
            List<String> carry = new ArrayList<>();
            for (int i = taken; i < owed.length; i++) {
                carry.add(owed[i].connectionId());
            }
            carry.addAll(unfinished);
            String from = null;
            String until = null;
            int ringFrom = Math.max(taken, owed.length);
            int ringLeft = Math.max(limit, owedUntil) - ringFrom;
            if (ringLeft > 0) {
                from = at(ringFrom).connectionId();
                until = ringLeft >= ring.length ? from : at(ringFrom + ringLeft).connectionId();
            }
            List<String> distinct = carry.stream().distinct().toList();
            List<String> kept = distinct.subList(0, Math.min(distinct.size(), BroadcastProgress.MAX_OWED));
            run.skipped.add(distinct.size() - kept.size());
            owedAfter = kept.size() + Math.max(0, ringLeft);
            return new BroadcastProgress(newest.version(), from, until, kept, progress.seq() + 1);
        }
    }

    /** One fan-out's workers and counters. */
    private final class Run {
        private final List<Sweep> sweeps;
        private final long deadline;
        private final AtomicInteger turns = new AtomicInteger();
        /** When the first 410 of a viewer perhaps still opening came; MIN_VALUE when none did. */
        private final java.util.concurrent.atomic.AtomicLong firstOpening410At =
                new java.util.concurrent.atomic.AtomicLong(Long.MIN_VALUE);
        private volatile boolean stopped;
        final LongAdder delivered = new LongAdder();
        final LongAdder gone = new LongAdder();
        final LongAdder retries = new LongAdder();
        final LongAdder skipped = new LongAdder();
        final LongAdder permanent = new LongAdder();

        Run(List<Sweep> sweeps, long deadline) {
            this.sweeps = sweeps;
            this.deadline = deadline;
        }

        void execute() {
            long owed = sweeps.stream().mapToLong(sweep -> sweep.limit).sum();
            int workers = (int) Math.min(settings.concurrency(), owed);
            if (workers == 0) {
                return;
            }
            if (workers == 1) {
                // In the caller's thread: nothing to stop afterwards, and deterministic on a simulated ticker.
                work();
            } else {
                CountDownLatch done = new CountDownLatch(workers);
                List<Thread> threads = startWorkers(workers, done);
                awaitOrStop(done, threads);
            }
            recheckOpening();
        }

        /**
         * The viewers that answered a first 410 while perhaps still opening, asked once more a moment later, after
         * everyone else, in the caller's thread (no worker waits for them). Gone then, their rows go; not asked in
         * time, they are owed to the next invocation.
         */
        private void recheckOpening() {
            long asked = firstOpening410At.get();
            if (asked == Long.MIN_VALUE) {
                return;
            }
            // Stopped at the deadline, or no time left to wait: they are owed to the next invocation.
            boolean waited = !stopped && pause(Math.max(0, asked + RECHECK_AFTER_NANOS - ticker.nanoTime()));
            for (Sweep sweep : sweeps) {
                for (Connection viewer = sweep.opening.poll(); viewer != null; viewer = sweep.opening.poll()) {
                    if (!waited || !takeSlot()) {
                        sweep.unfinished.add(viewer.connectionId());
                        continue;
                    }
                    PostStatus status = messenger.post(viewer.connectionId(), payloadFor(sweep, sweep.limit));
                    if (status == PostStatus.GONE) {
                        gone.increment();
                        GoneConnections.remove(connections, viewer);
                    } else if (status == PostStatus.DELIVERED) {
                        delivered.increment();
                    } else {
                        sweep.unfinished.add(viewer.connectionId());
                    }
                }
            }
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

        /**
         * Takes the sweeps' viewers in turn, one post per sweep per turn, until all are served or the deadline: each
         * SKU gets an equal share of the budget, a small audience finishes within its first turns, and no SKU waits
         * for another to finish (with SKUs of equal audiences, the same one would always be cut at the deadline).
         */
        private void work() {
            int count = sweeps.size();
            boolean[] exhausted = new boolean[count];
            int remaining = count;
            while (remaining > 0) {
                if (stopped || ticker.nanoTime() >= deadline || Thread.currentThread().isInterrupted()) {
                    return;
                }
                int turn = Math.floorMod(turns.getAndIncrement(), count);
                if (exhausted[turn]) {
                    continue;
                }
                Sweep sweep = sweeps.get(turn);
                int index = sweep.take();
                if (index < 0) {
                    exhausted[turn] = true;
                    remaining--;
                    continue;
                }
                Connection viewer = sweep.at(index);
                try {
                    deliver(sweep, index, viewer);
                } catch (RuntimeException e) {
                    if (index < sweep.owed.length) {
                        // Owed already and failing again: skipped, or it would bring the fan-out back for ever.
                        LOG.error("posting to {} failed unexpectedly again; skipping it",
                                LogFields.connection(viewer.connectionId()), e);
                        skipped.increment();
                    } else {
                        LOG.error("posting to {} failed unexpectedly; it is owed again next time",
                                LogFields.connection(viewer.connectionId()), e);
                        sweep.unfinished.add(viewer.connectionId());
                    }
                }
            }
        }

        /**
         * Posts to the viewer, each attempt in a slot of the budget. A viewer taken but not posted to by the deadline
         * (its worker was waiting for a slot) is owed on: at most one per worker.
         */
        private void deliver(Sweep sweep, int index, Connection viewer) {
            for (int attempt = 0; ; attempt++) {
                // The payload first: a refresh may read DynamoDB, and the budget's slot is for the post itself.
                byte[] payload = payloadFor(sweep, index);
                if (!takeSlot()) {
                    sweep.unfinished.add(viewer.connectionId());
                    return;
                }
                PostStatus status = messenger.post(viewer.connectionId(), payload);
                if (!settle(sweep, viewer, index < sweep.owed.length, status, attempt)) {
                    return;
                }
                // Stopped at the deadline while backing off: owed again next time.
                if (stopped || !backOff(attempt)) {
                    sweep.unfinished.add(viewer.connectionId());
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

        /** Counts what a post came to; true when the viewer is to be tried again after a backoff. */
        private boolean settle(Sweep sweep, Connection viewer, boolean askedBefore, PostStatus status, int attempt) {
            String connectionId = viewer.connectionId();
            return switch (status) {
                case DELIVERED -> {
                    delivered.increment();
                    yield false;
                }
                case GONE -> {
                    if (!askedBefore && clock.instant().isBefore(viewer.connectedAt().plus(CONNECTING))) {
                        // Perhaps still opening: asked once more at the end of this invocation, rows kept.
                        sweep.opening.add(viewer);
                        firstOpening410At.compareAndSet(Long.MIN_VALUE, ticker.nanoTime());
                    } else {
                        gone.increment();
                        GoneConnections.remove(connections, viewer);
                    }
                    yield false;
                }
                case PAYLOAD_TOO_LARGE, PERMANENT_FAILURE -> {
                    permanent.increment();
                    LOG.warn("post to {} failed for good: {}", LogFields.connection(connectionId), status);
                    yield false;
                }
                case THROTTLED, TEMPORARY_FAILURE -> {
                    if (attempt >= settings.retriesPerConnection()) {
                        // This viewer's problem (a full buffer, a blip): it catches up on the next change or sync.
                        skipped.increment();
                        LOG.debug("skipping {} after {} attempts: {}", LogFields.connection(connectionId), attempt + 1,
                                status);
                        yield false;
                    }
                    yield true;
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
