package com.stockpulse.functions.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.stockpulse.model.PageKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link ConnectionStore} promises; run against the in-memory twin, DynamoDB Local and LocalStack. */
public abstract class ConnectionStoreContract {

    /** The real time: DynamoDB Local deletes rows whose TTL has passed by the wall clock, as DynamoDB does. */
    protected static final Instant NOW = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    protected static final PageKey PAGE_A = PageKey.product("sku-a");
    protected static final PageKey PAGE_B = PageKey.product("sku-b");

    private ConnectionStore store;

    protected abstract ConnectionStore newStore();

    @BeforeEach
    public void setUpStore() {
        store = newStore();
    }

    protected static Connection connection(String id, PageKey page) {
        return new Connection(id, page, NOW, NOW.plus(Duration.ofHours(2)));
    }

    @Test
    public void add_thenPagesOfAndConnectionsOn_findIt() {
        store.add(connection("c1", PAGE_A));
        store.add(connection("c2", PAGE_A));
        store.add(connection("c3", PAGE_B));

        assertThat(store.pagesOf("c1")).containsExactly(PAGE_A);
        assertThat(store.connectionsOn(PAGE_A, NOW)).containsExactlyInAnyOrder("c1", "c2");
        assertThat(store.connectionsOn(PAGE_B, NOW)).containsExactly("c3");
    }

    @Test
    public void pagesOf_whenUnknown_isEmpty() {
        assertThat(store.pagesOf("nobody")).isEmpty();
        assertThat(store.connectionsOn(PageKey.product("empty"), NOW)).isEmpty();
    }

    @Test
    public void remove_deletesEveryRowOfThatConnectionOnly_andIsIdempotent() {
        store.add(connection("c1", PAGE_A));
        store.add(connection("c2", PAGE_A));

        assertThat(store.remove("c1")).isEqualTo(1);
        assertThat(store.remove("c1")).isZero();
        assertThat(store.remove("never-seen")).isZero();

        assertThat(store.pagesOf("c1")).isEmpty();
        assertThat(store.connectionsOn(PAGE_A, NOW)).containsExactly("c2");
    }

    @Test
    public void connectionsOn_hidesExpiredRowsThatTtlHasNotDeletedYet() {
        store.add(new Connection("old", PAGE_A, NOW.minus(Duration.ofHours(3)), NOW.minusSeconds(60)));
        store.add(connection("fresh", PAGE_A));

        assertThat(store.connectionsOn(PAGE_A, NOW)).containsExactly("fresh");
    }

    @Test
    public void connectionsOn_returnsEveryConnectionOfABusyPage() {
        List<String> ids = IntStream.range(0, 250).mapToObj(i -> "conn-" + i).toList();
        ids.forEach(id -> store.add(connection(id, PAGE_A)));

        assertThat(store.connectionsOn(PAGE_A, NOW)).containsExactlyInAnyOrderElementsOf(ids);
    }

    @Test
    public void removeKnownConnection_removesItsPageRowAndEveryOtherRow() {
        store.add(connection("c1", PAGE_A));
        store.add(connection("c2", PAGE_A));

        store.remove(connection("c1", PAGE_A));
        store.remove(connection("c1", PAGE_A));   // a repeat is fine

        assertThat(store.pagesOf("c1")).isEmpty();
        assertThat(store.connectionsOn(PAGE_A, NOW)).containsExactly("c2");
    }

    @Test
    public void viewersOn_carriesEachConnectionsPageAndWhenItConnected() {
        store.add(new Connection("c1", PAGE_A, NOW.minusSeconds(30), NOW.plus(Duration.ofHours(2))));

        assertThat(store.viewersOn(PAGE_A, NOW)).singleElement().satisfies(viewer -> {
            assertThat(viewer.connectionId()).isEqualTo("c1");
            assertThat(viewer.page()).isEqualTo(PAGE_A);
            assertThat(viewer.connectedAt()).isEqualTo(NOW.minusSeconds(30));
        });
    }
}
