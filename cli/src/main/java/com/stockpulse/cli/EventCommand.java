package com.stockpulse.cli;

import com.stockpulse.model.EventType;
import com.stockpulse.model.SaleEvent;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import software.amazon.awssdk.services.kinesis.model.PutRecordResponse;

/** {@code sale}, {@code restock} and {@code set}: put one event and say where it went. */
abstract class EventCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    TargetOptions target;

    @Option(names = "--sku", required = true, paramLabel = "SKU", description = "The SKU, e.g. sku-100.")
    String sku;

    @Option(names = "--qty", required = true, paramLabel = "N", description = "How many units.")
    long quantity;

    abstract EventType type();

    @Override
    public Integer call() {
        SaleEvent event = SaleEvents.validated(type(), sku, quantity, "cli");
        Target resolved = target.resolve();
        PutRecordResponse put;
        try (EventPublisher publisher = new EventPublisher(resolved)) {
            put = publisher.put(event);
        }
        PrintWriter out = spec.commandLine().getOut();
        out.printf("eventId         %s%ntype            %s %d of %s%nshard           %s%nsequenceNumber  %s%n",
                event.eventId(), event.type(), event.quantity(), event.sku(), put.shardId(), put.sequenceNumber());
        out.flush();
        return ExitCodes.OK;
    }

    @Command(name = "sale", description = "Put one SALE event: takes N units.", mixinStandardHelpOptions = true,
            footerHeading = "%nExample:%n", footer = "  stockpulse sale --sku sku-100 --qty 2")
    static final class Sale extends EventCommand {
        @Override
        EventType type() {
            return EventType.SALE;
        }
    }

    @Command(name = "restock", description = "Put one RESTOCK event: adds N units.", mixinStandardHelpOptions = true,
            footerHeading = "%nExample:%n", footer = "  stockpulse restock --sku sku-100 --qty 24")
    static final class Restock extends EventCommand {
        @Override
        EventType type() {
            return EventType.RESTOCK;
        }
    }

    @Command(name = "set", description = "Put one SET event: the count becomes N (0 is sold out).",
            mixinStandardHelpOptions = true, footerHeading = "%nExample:%n",
            footer = "  stockpulse set --sku sku-100 --qty 40 --stack StockPulse --region eu-west-1")
    static final class Set extends EventCommand {
        @Override
        EventType type() {
            return EventType.SET;
        }
    }
}

/** Builds events through the same validation the consumer applies, so the CLI never puts what would be skipped. */
final class SaleEvents {

    private SaleEvents() {
    }

    static SaleEvent validated(EventType type, String sku, long quantity, String source) {
        String json = "{\"eventId\":\"" + source + "-" + UUID.randomUUID() + "\",\"type\":\"" + type + "\",\"sku\":"
                + com.stockpulse.model.Json.toString(sku) + ",\"quantity\":" + quantity + ",\"occurredAt\":\""
                + Instant.now() + "\",\"source\":\"" + source + "\"}";
        return SaleEvent.fromJson(json);
    }
}
