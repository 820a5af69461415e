package com.stockpulse.functions.config;

import com.stockpulse.functions.messaging.PostStatus;
import com.stockpulse.model.FunctionAccess;
import java.util.concurrent.atomic.AtomicBoolean;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SnapStart hooks. Before the snapshot: warm the SDK clients with calls that change nothing and that the function is
 * granted ({@link FunctionAccess}: DescribeTable of one of its tables, a post to a connection that cannot exist), so class loading, JSON marshalling and signing are in the snapshot rather than in
 * the first request after a restore. After a restore: nothing of ours must differ between restores (the functions
 * generate no ids or random seeds; the SDK re-reads credentials), so only the keep-alive connections, which point at
 * sockets of the snapshotted machine, are left to fail once and be re-opened by the SDK's retry.
 */
public final class SnapStartPriming implements Resource {

    private static final Logger LOG = LoggerFactory.getLogger(SnapStartPriming.class);
    private static final AtomicBoolean REGISTERED = new AtomicBoolean();
    /** CRaC holds resources weakly: this keeps ours for the life of the container. */
    private static volatile SnapStartPriming registered;

    private final Wiring wiring;
    private final FunctionAccess access;

    private SnapStartPriming(Wiring wiring, FunctionAccess access) {
        this.wiring = wiring;
        this.access = access;
    }

    /** Registers once per JVM, priming only what {@code access} says the function may call. */
    public static void register(Wiring wiring, FunctionAccess access) {
        if (REGISTERED.compareAndSet(false, true)) {
            registered = new SnapStartPriming(wiring, access);
            Core.getGlobalContext().register(registered);
        }
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        prime(wiring, access);
    }

    /** The calls made before the snapshot; package-visible so a test can check them against the grants. */
    static void prime(Wiring wiring, FunctionAccess access) {
        try {
            wiring.dynamoDb().describeTable(r -> r.tableName(wiring.config().tableName(access.primedTable())));
            if (access.managesConnections()) {
                PostStatus status = wiring.messenger().post("c25hcHN0YXJ0IHByaW1pbmc=", new byte[] {'{', '}'});
                LOG.info("primed the Management API client ({})", status);
            }
        } catch (RuntimeException e) {
            // Priming is an optimisation: a failure here must not stop the snapshot; the first request pays instead.
            LOG.warn("SnapStart priming failed; the first request will warm the clients: {}", e.toString());
        }
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        LOG.info("restored from a SnapStart snapshot");
    }
}
