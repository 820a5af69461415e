package com.stockpulse.local;

import com.stockpulse.local.runtime.LocalRuntime;
import com.stockpulse.local.runtime.LocalSettings;
import com.stockpulse.local.testing.Eventually;
import com.stockpulse.local.testing.SigV4;
import com.stockpulse.local.testing.StreamProbe;
import com.stockpulse.local.testing.TestStacks;
import com.stockpulse.model.EventType;
import com.stockpulse.model.SaleEvent;
import com.stockpulse.model.StockLevel;
import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;
import software.amazon.awssdk.core.SdkBytes;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The web demo in real headless Chromium (Debian's chromium and chromium-driver) against the embedded stack.
 * Screenshots of each page land in target/screenshots (docs/ holds the ones shown in the README).
 */
class BrowserE2ET {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Path.of("target/screenshots");

    @TempDir
    static Path dataDir;

    private static LocalRuntime runtime;
    private WebDriver browser;

    @BeforeAll
    static void start() {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            throw new IllegalStateException("the browser tests need Debian's chromium and chromium-driver: "
                    + "apt-get install -y chromium chromium-driver (.ci/run installs them)");
        }
        runtime = LocalRuntime.start(TestStacks.settings(dataDir));
    }

    @AfterAll
    static void stop() {
        if (runtime != null) {
            runtime.close();
        }
    }

    @BeforeEach
    void openBrowser() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-dev-shm-usage", "--disable-quic", "--no-first-run", "--window-size=1280,800");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, java.util.logging.Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            List<String> problems = new ArrayList<>();
            for (LogEntry entry : browser.manage().logs().get(LogType.BROWSER)) {
                if (entry.getLevel().intValue() >= java.util.logging.Level.WARNING.intValue()) {
                    problems.add(entry.getMessage());
                }
            }
            browser.quit();
            assertThat(problems).as("browser console errors and warnings").isEmpty();
        }
    }

    private static String put(EventType type, String sku, long quantity) {
        SaleEvent event = new SaleEvent(UUID.randomUUID().toString(), type, sku, quantity, Instant.now(), "browser-test");
        return runtime.kinesis().putRecord(r -> r.streamName(runtime.settings().streamName())
                .partitionKey(sku).data(SdkBytes.fromByteArray(event.toJsonBytes()))).sequenceNumber();
    }

    private static void stockIs(String sku, long units) throws InterruptedException {
        Eventually.await(sku + " has " + units, Duration.ofSeconds(15),
                () -> runtime.wiring().stockStore().get(sku).map(StockLevel::available).orElse(-1L) == units);
    }

    private void open(String path) {
        browser.get(runtime.webUrl() + path);
        waitFor(Duration.ofSeconds(10), "the page is live",
                () -> "live".equals(browser.findElement(By.id("conn")).getAttribute("data-status")));
    }

    private void waitFor(Duration timeout, String what, java.util.function.Supplier<Boolean> condition) {
        new WebDriverWait(browser, timeout, Duration.ofMillis(50)).withMessage(what).until(driver -> condition.get());
    }

    private String text(String id) {
        return browser.findElement(By.id(id)).getText();
    }

    /** Fills the ops console's single-event form and sends it (the type stays the form's default, SALE). */
    private void sendFromTheConsole(String sku, String quantity) {
        browser.findElement(By.id("sku")).clear();
        browser.findElement(By.id("sku")).sendKeys(sku);
        browser.findElement(By.id("quantity")).clear();
        browser.findElement(By.id("quantity")).sendKeys(quantity);
        browser.findElement(By.id("send-button")).click();
    }

    private void screenshot(String name) throws Exception {
        Files.createDirectories(SCREENSHOTS);
        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    private String newConnectionId(Set<String> before) throws InterruptedException {
        Set<String> found = new HashSet<>();
        Eventually.await("the page's connection opens", Duration.ofSeconds(10), () -> {
            found.clear();
            found.addAll(runtime.webSocketApi().openConnectionIds());
            found.removeAll(before);
            return found.size() == 1;
        });
        return found.iterator().next();
    }

    private static int management(String method, String connectionId, String body) throws Exception {
        URI uri = URI.create(runtime.managementEndpoint() + "/@connections/"
                + java.net.URLEncoder.encode(connectionId, java.nio.charset.StandardCharsets.UTF_8));
        byte[] bytes = body == null ? new byte[0] : body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return HttpClient.newHttpClient().send(SigV4.signed(method, uri, bytes).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    @Test
    void sale_changesTheCounterOfAnOpenProductPageWithinTwoSeconds() throws Exception {
        put(EventType.SET, "sku-101", 7);
        stockIs("sku-101", 7);
        open("/products/sku-101");
        waitFor(Duration.ofSeconds(5), "the counter shows 7", () -> text("stock-count").equals("7 available"));
        assertThat(text("stock-label")).isEqualTo("Only 7 left");
        assertThat(text("name")).isEqualTo("Storm Shell Jacket");
        screenshot("product-page");

        long putAt = System.nanoTime();
        put(EventType.SALE, "sku-101", 7);

        waitFor(Duration.ofSeconds(2), "the counter shows Sold out within 2 s", () -> text("stock-label").equals("Sold out"));
        assertThat(Duration.ofNanos(System.nanoTime() - putAt)).isLessThan(Duration.ofSeconds(2));
        assertThat(browser.findElement(By.id("buy")).isEnabled()).isFalse();
        assertThat(browser.findElement(By.id("stock")).getAttribute("aria-live")).isEqualTo("polite");
        browser.manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
        Thread.sleep(700);
        screenshot("product-page-phone");
    }

    @Test
    void sale_onTheListingPage_changesOnlyTheRightCard() throws Exception {
        open("/collections/summer");
        waitFor(Duration.ofSeconds(5), "every card has a value", () -> browser.findElements(By.cssSelector(".badge"))
                .stream().allMatch(badge -> badge.getAttribute("data-version") != null));
        Map<String, String> before = badgeVersions();
        screenshot("listing-page");

        put(EventType.SALE, "sku-105", 1);

        waitFor(Duration.ofSeconds(2), "the sku-105 card changes within 2 s",
                () -> !badgeVersions().get("sku-105").equals(before.get("sku-105")));
        Map<String, String> after = badgeVersions();
        after.remove("sku-105");
        before.remove("sku-105");
        assertThat(after).isEqualTo(before);
    }

    private Map<String, String> badgeVersions() {
        Map<String, String> versions = new HashMap<>();
        for (WebElement card : browser.findElements(By.cssSelector(".card"))) {
            versions.put(card.getAttribute("data-sku"), card.findElement(By.cssSelector(".badge")).getAttribute("data-version"));
        }
        return versions;
    }

    @Test
    void serverClosingTheSocket_showsReconnecting_thenReconnectsAndResyncs() throws Exception {
        put(EventType.SET, "sku-102", 9);
        stockIs("sku-102", 9);
        Set<String> before = new HashSet<>(runtime.webSocketApi().openConnectionIds());
        open("/products/sku-102");
        String id = newConnectionId(before);
        waitFor(Duration.ofSeconds(5), "the counter shows 9", () -> text("stock-count").equals("9 available"));

        assertThat(management("DELETE", id, null)).isEqualTo(204);
        put(EventType.SALE, "sku-102", 4);

        waitFor(Duration.ofSeconds(10), "reconnected", () -> ((Number) ((JavascriptExecutor) browser)
                .executeScript("return window.stockpulse.feed.connections")).intValue() == 2);
        waitFor(Duration.ofSeconds(5), "the counter shows 5 after resync", () -> text("stock-count").equals("5 available"));
        @SuppressWarnings("unchecked")
        List<String> history = (List<String>) ((JavascriptExecutor) browser)
                .executeScript("return window.stockpulse.feed.history");
        assertThat(history).containsSubsequence("live", "reconnecting", "live");
        assertThat(text("conn")).isEqualTo("Live");
    }

    @Test
    void anOpenPage_convergesOnTheTable_afterTheStackRestartsWithNewTables() throws Exception {
        put(EventType.SET, "sku-104", 40);
        stockIs("sku-104", 40);
        open("/products/sku-104");
        for (int sold = 1; sold <= 6; sold++) {
            put(EventType.SALE, "sku-104", 1);
            stockIs("sku-104", 40 - sold);   // one sale per batch: six versions past the SET
        }
        waitFor(Duration.ofSeconds(5), "the counter shows 34", () -> text("stock-count").equals("34 available"));

        // Stop everything (in memory: the tables and the stream are gone) and start again on the same ports, as a
        // developer restarting ./stockpulse local does; the page stays open and reconnects on its own.
        int webPort = runtime.webUrl().getPort();
        int webSocketPort = runtime.webSocketUrl().getPort();
        runtime.close();
        runtime = LocalRuntime.start(TestStacks.settings(dataDir).toBuilder().webPort(webPort)
                .webSocketPort(webSocketPort).build());
        put(EventType.SET, "sku-104", 39);
        stockIs("sku-104", 39);

        // The recreated row's versions start above the old row's: the page takes 39 instead of keeping 34.
        waitFor(Duration.ofSeconds(20), "the page shows the new table's 39",
                () -> text("stock-count").equals("39 available"));
        waitFor(Duration.ofSeconds(5), "the page is live again",
                () -> "live".equals(browser.findElement(By.id("conn")).getAttribute("data-status")));
        // The reconnect's failed attempts while the stack was down are expected console noise, not page errors.
        browser.manage().logs().get(LogType.BROWSER);
    }

    @Test
    void olderVersionArrivingLate_isIgnored() throws Exception {
        put(EventType.SET, "sku-100", 12);
        stockIs("sku-100", 12);
        Set<String> before = new HashSet<>(runtime.webSocketApi().openConnectionIds());
        open("/products/sku-100");
        String id = newConnectionId(before);
        waitFor(Duration.ofSeconds(5), "the counter shows 12", () -> text("stock-count").equals("12 available"));
        String version = browser.findElement(By.id("stock")).getAttribute("data-version");

        assertThat(management("POST", id, "{\"type\":\"stock\",\"sku\":\"sku-100\",\"available\":999,\"version\":1,"
                + "\"updatedAt\":\"2020-01-01T00:00:00Z\"}")).isEqualTo(200);
        Thread.sleep(500);

        assertThat(text("stock-count")).isEqualTo("12 available");
        assertThat(browser.findElement(By.id("stock")).getAttribute("data-version")).isEqualTo(version);
    }

    @Test
    void feed_anOnlineEventWhileConnecting_opensNoSecondSocket_andStopRemovesItsListener() throws Exception {
        open("/products/sku-100");
        // A server that accepts connections and never answers the handshake: the feed's socket stays CONNECTING.
        try (java.net.ServerSocket silent = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            java.util.concurrent.atomic.AtomicInteger accepted = new java.util.concurrent.atomic.AtomicInteger();
            List<java.net.Socket> held = java.util.Collections.synchronizedList(new ArrayList<>());
            Thread acceptor = Thread.ofVirtual().start(() -> {
                try {
                    while (true) {
                        held.add(silent.accept());
                        accepted.incrementAndGet();
                    }
                } catch (java.io.IOException closed) {
                    // the test is over
                }
            });

            @SuppressWarnings("unchecked")
            Map<String, Object> listeners = (Map<String, Object>) ((JavascriptExecutor) browser).executeAsyncScript("""
                    const done = arguments[arguments.length - 1];
                    import('/stockpulse.js').then(({ StockFeed }) => {
                      const counted = { adds: 0, removes: 0, sockets: 0 };
                      const Real = window.WebSocket;
                      window.WebSocket = class extends Real {
                        constructor(...args) { super(...args); counted.sockets++; }
                      };
                      const add = window.addEventListener.bind(window);
                      const remove = window.removeEventListener.bind(window);
                      window.addEventListener = (t, f, o) => { if (t === 'online') counted.adds++; add(t, f, o); };
                      window.removeEventListener = (t, f, o) => { if (t === 'online') counted.removes++; remove(t, f, o); };
                      const feed = new StockFeed({ url: 'ws://127.0.0.1:%d/', page: '/products/sku-100',
                                                   onStock() {}, onStatus() {} });
                      feed.start();
                      for (let i = 0; i < 3; i++) window.dispatchEvent(new Event('online'));
                      setTimeout(() => { feed.stop(); done(counted); }, 1000);
                    });
                    """.formatted(silent.getLocalPort()));

            // Chromium itself holds a second handshake to the same address until the first ends, so the server
            // cannot tell; the page's own WebSocket objects can.
            assertThat(listeners).containsEntry("sockets", 1L).containsEntry("adds", 1L).containsEntry("removes", 1L);
            assertThat(accepted.get()).isEqualTo(1);
            silent.close();
            acceptor.join(5_000);
            for (java.net.Socket socket : held) {
                socket.close();
            }
        }
        // The abandoned handshake is reported on the console by Chromium itself; it is this test's doing.
        browser.manage().logs().get(LogType.BROWSER);
    }

    @Test
    void feed_whoseLastUpdateIsLost_syncsOnceThePageGoesQuiet_andShowsTheTable() throws Exception {
        open("/products/sku-102");
        JavascriptExecutor js = (JavascriptExecutor) browser;
        // A second feed on the page whose socket loses stock messages on demand, as a post the server gave up on.
        js.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                import('/stockpulse.js').then(({ StockFeed }) => {
                  window.lose = 0;
                  const Real = window.WebSocket;
                  class Lossy extends Real {
                    set onmessage(handler) {
                      super.onmessage = (event) => {
                        if (JSON.parse(event.data).type === 'stock' && window.lose > 0) { window.lose--; return; }
                        handler(event);
                      };
                    }
                    get onmessage() { return super.onmessage; }
                  }
                  window.WebSocket = Lossy;
                  window.shown = null;
                  window.lossyFeed = new StockFeed({ url: '%s', page: '/products/sku-102', settleMs: 500,
                                                     onStock(item) { window.shown = item.available; }, onStatus() {} });
                  window.lossyFeed.start();
                  window.WebSocket = Real;
                  done();
                });
                """.formatted(runtime.webSocketUrl()));
        put(EventType.SET, "sku-102", 10);
        waitFor(Duration.ofSeconds(5), "the feed shows 10", () -> Long.valueOf(10).equals(js.executeScript("return window.shown")));

        js.executeScript("window.lose = 1");
        put(EventType.SALE, "sku-102", 1);
        stockIs("sku-102", 9);

        waitFor(Duration.ofSeconds(5), "the feed shows 9 after its settle sync",
                () -> Long.valueOf(9).equals(js.executeScript("return window.shown")));
        assertThat((Long) js.executeScript("return window.lossyFeed.settleSyncs")).isPositive();
        js.executeScript("window.lossyFeed.stop()");
    }

    /**
     * Sets {@code sku} to {@code units}, opens a page and makes a second feed on it for {@code sku}'s product page,
     * {@code window.testFeed} (not started) with {@code options} (JS object literal fields), whose
     * sockets can be made to lose what the server sends: {@code window.loseSnapshots = n} drops the next n snapshot
     * answers; {@code window.deafen()} makes every socket open so far hear nothing more, as a network path that died
     * without a FIN or RST (what they send still reaches the server). {@code window.shown} is the last count shown.
     */
    private JavascriptExecutor testFeedOn(String sku, long units, String options) throws InterruptedException {
        put(EventType.SET, sku, units);
        stockIs(sku, units);
        open("/products/sku-100");
        String page = "/products/" + sku;
        JavascriptExecutor js = (JavascriptExecutor) browser;
        js.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                import('/stockpulse.js').then(({ StockFeed }) => {
                  window.loseSnapshots = 0;
                  const deaf = new Set();
                  const sockets = [];
                  window.deafen = () => { window.deafenedAt = Date.now(); sockets.forEach((socket) => deaf.add(socket)); };
                  window.statuses = [];
                  const Real = window.WebSocket;
                  class Lossy extends Real {
                    constructor(...args) { super(...args); sockets.push(this); }
                    set onmessage(handler) {
                      super.onmessage = (event) => {
                        if (deaf.has(this)) return;
                        if (JSON.parse(event.data).type === 'snapshot' && window.loseSnapshots > 0) {
                          window.loseSnapshots--;
                          return;
                        }
                        handler(event);
                      };
                    }
                    get onmessage() { return super.onmessage; }
                  }
                  window.WebSocket = Lossy;
                  window.shown = null;
                  window.liveBeforeAnySnapshot = false;
                  window.testFeed = new StockFeed({ url: '%s', page: '%s', %s,
                    onStock(item) { window.shown = item.available; },
                    onStatus(status) {
                      window.statuses.push({ status, at: Date.now() });
                      if (status === 'live' && window.shown === null) window.liveBeforeAnySnapshot = true;
                    } });
                  done();
                });
                """.formatted(runtime.webSocketUrl(), page, options));
        return js;
    }

    private Object feed(JavascriptExecutor js, String expression) {
        return js.executeScript("return window.testFeed." + expression);
    }

    private void waitUntilShown(JavascriptExecutor js, long units, String what) {
        waitFor(Duration.ofSeconds(10), what, () -> Long.valueOf(units).equals(js.executeScript("return window.shown")));
    }

    @Test
    void feed_onAListingWhoseSnapshotIsOver128Kb_getsItInParts_andSaysLiveOnlyWithEveryValue() throws Exception {
        int skus = 1_500;
        List<software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry> entries = new ArrayList<>();
        for (int i = 0; i < skus; i++) {
            String sku = "bulk-" + i;
            runtime.wiring().catalogStore().register(com.stockpulse.model.PageKey.collection("bulk"), sku);
            entries.add(software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry.builder().partitionKey(sku)
                    .data(SdkBytes.fromByteArray(new SaleEvent(UUID.randomUUID().toString(), EventType.SET, sku, i,
                            Instant.now(), "browser-test").toJsonBytes())).build());
        }
        for (int from = 0; from < skus; from += 500) {
            List<software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry> chunk =
                    entries.subList(from, from + 500);
            assertThat(runtime.kinesis().putRecords(r -> r.streamName(runtime.settings().streamName()).records(chunk))
                    .failedRecordCount()).isZero();
        }
        Eventually.await("every bulk SKU has its stock", Duration.ofSeconds(60), () -> runtime.wiring().stockStore()
                .getAll(java.util.stream.IntStream.range(0, skus).mapToObj(i -> "bulk-" + i).toList()).size() == skus);
        open("/products/sku-100");
        JavascriptExecutor js = (JavascriptExecutor) browser;
        js.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                import('/stockpulse.js').then(({ StockFeed }) => {
                  window.bulkSeen = new Set();
                  window.bulkAtLive = null;
                  window.bulkFeed = new StockFeed({ url: '%s', page: '/collections/bulk',
                    onStock(item) { window.bulkSeen.add(item.sku); },
                    onStatus(status) { if (status === 'live' && window.bulkAtLive === null) window.bulkAtLive = window.bulkSeen.size; } });
                  window.bulkFeed.start();
                  done();
                });
                """.formatted(runtime.webSocketUrl()));

        waitFor(Duration.ofSeconds(15), "the bulk listing says Live",
                () -> js.executeScript("return window.bulkAtLive") != null);

        assertThat(((Number) js.executeScript("return window.bulkAtLive")).intValue())
                .as("Live only once every part of the snapshot is in").isEqualTo(skus);
        js.executeScript("window.bulkFeed.stop()");
    }

    /**
     * A real trip through Chromium's back/forward cache: the product page is left for another page, its stock changes
     * meanwhile, and Back restores the page from the cache (with its old number on screen). Within 10 s it must show
     * the table's value; its socket was closed on pagehide, so the cache could keep the page at all.
     */
    @Test
    void backForwardCache_aPageRestoredFromTheCache_showsTheTablesValueWithinTenSeconds() throws Exception {
        put(EventType.SET, "sku-104", 9);
        stockIs("sku-104", 9);
        open("/products/sku-104");
        waitFor(Duration.ofSeconds(5), "the counter shows 9", () -> text("stock-count").equals("9 available"));
        JavascriptExecutor js = (JavascriptExecutor) browser;
        js.executeScript("window.markedBeforeLeaving = true;"
                + "window.addEventListener('pageshow', (e) => { window.restoredFromCache = e.persisted; });");

        browser.get(runtime.webUrl() + "/products/sku-105");
        put(EventType.SET, "sku-104", 3);
        stockIs("sku-104", 3);
        browser.navigate().back();

        assertThat(js.executeScript("return window.markedBeforeLeaving === true")).as("the same document came back, "
                + "from the back/forward cache, not a new load").isEqualTo(true);
        waitFor(Duration.ofSeconds(2), "the pageshow event ran", () -> js.executeScript("return window.restoredFromCache") != null);
        assertThat(js.executeScript("return window.restoredFromCache")).isEqualTo(true);
        long back = System.nanoTime();
        waitFor(Duration.ofSeconds(10), "the restored page shows the table's 3 within 10 s",
                () -> text("stock-count").equals("3 available")
                        && "live".equals(browser.findElement(By.id("conn")).getAttribute("data-status")));
        System.out.printf("back/forward cache: the restored page showed the table's value after %d ms%n",
                Duration.ofNanos(System.nanoTime() - back).toMillis());
        screenshot("product-page-after-back");
    }

    @Test
    void feed_whoseSyncAnswersAreLost_saysCheckingAndAsksAgain_untilASnapshotAnswers() throws Exception {
        JavascriptExecutor js = testFeedOn("feed-sync-1", 6, "syncRetryMs: 200");
        js.executeScript("window.loseSnapshots = 2; window.testFeed.start()");

        waitUntilShown(js, 6, "the feed shows 6 once a sync is answered");
        waitFor(Duration.ofSeconds(2), "the feed says live", () -> "live".equals(feed(js, "status")));
        assertThat((Long) feed(js, "syncsSent")).as("syncs sent").isGreaterThanOrEqualTo(3);
        assertThat(js.executeScript("return window.liveBeforeAnySnapshot")).as("said live before a snapshot").isEqualTo(false);
        assertThat(feed(js, "history")).asString().contains("checking");
        js.executeScript("window.testFeed.stop()");
    }

    @Test
    void feed_whoseSocketGoesSilent_stopsSayingLiveWithinTheDeadline_andReconnectsToTheTable() throws Exception {
        JavascriptExecutor js = testFeedOn("feed-silent-1", 20, "heartbeatMs: 300, heartbeatDeadlineMs: 1200");
        js.executeScript("window.testFeed.start()");
        waitUntilShown(js, 20, "the feed shows 20");
        waitFor(Duration.ofSeconds(2), "the feed says live", () -> "live".equals(feed(js, "status")));

        js.executeScript("window.deafen()");
        put(EventType.SALE, "feed-silent-1", 3);
        stockIs("feed-silent-1", 17);

        waitUntilShown(js, 17, "the feed shows the table's 17 on a new socket");
        waitFor(Duration.ofSeconds(2), "the feed says live again", () -> "live".equals(feed(js, "status")));
        Long stoppedAfterMs = (Long) js.executeScript("""
                const after = window.statuses.find((s) => s.at >= window.deafenedAt && s.status !== 'live');
                return after ? after.at - window.deafenedAt : null;""");
        assertThat(stoppedAfterMs).as("ms from the silence to the feed no longer saying live (deadline 1,200)")
                .isNotNull().isBetween(1_000L, 2_500L);
        assertThat((Long) feed(js, "replacedSilent")).isPositive();
        js.executeScript("window.testFeed.stop()");
    }

    @ParameterizedTest
    @ValueSource(strings = {"document.dispatchEvent(new Event('visibilitychange'))",
            "window.dispatchEvent(new PageTransitionEvent('pageshow', { persisted: true }))",
            "window.dispatchEvent(new Event('online'))"})
    void feed_onWaking_probesItsSilentSocket_andShowsTheTableWithinSeconds(String wake) throws Exception {
        // A heartbeat far away: only the wake-up can notice the dead socket in time.
        JavascriptExecutor js = testFeedOn("feed-wake-1", 30,
                "heartbeatMs: 600000, heartbeatDeadlineMs: 600000, probeMs: 1000");
        js.executeScript("window.testFeed.start()");
        waitUntilShown(js, 30, "the feed shows 30");
        js.executeScript("window.deafen()");
        put(EventType.SALE, "feed-wake-1", 4);
        stockIs("feed-wake-1", 26);

        js.executeScript(wake);

        waitUntilShown(js, 26, "the feed shows the table's 26 after waking");
        waitFor(Duration.ofSeconds(2), "the feed says live", () -> "live".equals(feed(js, "status")));
        js.executeScript("window.testFeed.stop()");
    }

    @Test
    void opsConsole_aFailedOutcomePoll_isRetried_andThePendingCountReturnsToZero() throws Exception {
        browser.get(runtime.webUrl() + "/ops");
        waitFor(Duration.ofSeconds(5), "the console is ready", () -> text("conn").equals("Endpoint ready"));
        // The first two polls of the outcome fail as a network error would.
        ((JavascriptExecutor) browser).executeScript("""
                const real = window.fetch.bind(window);
                let failures = 2;
                window.fetch = (url, options) => {
                  if (String(url).startsWith('/ops/api/events/') && failures > 0) {
                    failures--;
                    return Promise.reject(new TypeError('Failed to fetch'));
                  }
                  return real(url, options);
                };
                """);

        sendFromTheConsole("sku-104", "1");

        waitFor(Duration.ofSeconds(10), "the sale is followed to its outcome", () -> text("count-applied").equals("1"));
        assertThat(text("count-pending")).isEqualTo("0");
    }

    @Test
    void opsConsole_invalidInputShowsAnErrorAndPutsNothing_validInputIsFollowedToItsOutcome() throws Exception {
        browser.get(runtime.webUrl() + "/ops");
        waitFor(Duration.ofSeconds(5), "the console is ready", () -> text("conn").equals("Endpoint ready"));
        StreamProbe probe = StreamProbe.mark(runtime);

        browser.findElement(By.id("quantity")).clear();
        browser.findElement(By.id("quantity")).sendKeys("abc");
        browser.findElement(By.id("send-button")).click();

        waitFor(Duration.ofSeconds(5), "an error is shown", () -> text("alert").startsWith("quantity:"));
        assertThat(text("count-invalid")).isEqualTo("1");
        assertThat(probe.recordsSinceMark()).isZero();

        sendFromTheConsole("sku-103", "2");
        waitFor(Duration.ofSeconds(10), "the sale is applied", () -> text("count-applied").equals("1"));
        assertThat(text("alert")).isEmpty();

        browser.findElement(By.id("burst-count")).clear();
        browser.findElement(By.id("burst-count")).sendKeys("3");
        browser.findElement(By.id("burst-rate")).clear();
        browser.findElement(By.id("burst-rate")).sendKeys("20");
        browser.findElement(By.id("burst-start")).click();
        waitFor(Duration.ofSeconds(15), "the burst is applied", () -> text("count-applied").equals("4"));
        screenshot("ops-console");
        stockIs("sku-103", 25 - 2 - 3);
    }
}
