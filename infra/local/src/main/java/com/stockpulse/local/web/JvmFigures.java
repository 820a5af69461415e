package com.stockpulse.local.web;

import com.sun.management.UnixOperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.lang.management.OperatingSystemMXBean;
import java.util.LinkedHashMap;
import java.util.Map;

/** What a soak watches of this JVM: the heap left after the last collections, live threads, open file descriptors. */
final class JvmFigures {

    private JvmFigures() {
    }

    static Map<String, Object> now() {
        long afterGc = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            MemoryUsage collected = pool.getType() == MemoryType.HEAP ? pool.getCollectionUsage() : null;
            if (collected != null) {
                afterGc += collected.getUsed();
            }
        }
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("heapAfterGcBytes", afterGc);
        figures.put("heapUsedBytes", ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        figures.put("liveThreads", ManagementFactory.getThreadMXBean().getThreadCount());
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        figures.put("openFileDescriptors", os instanceof UnixOperatingSystemMXBean unix
                ? unix.getOpenFileDescriptorCount() : -1);
        return figures;
    }
}
