package com.stockpulse.local.runtime;

import java.time.Duration;

/**
 * What the runtime has done so far, read at one moment: the console's status line and the ops API's figures.
 *
 * @param faults the faults injected so far ({@code --chaos}), empty without
 */
public record RuntimeSample(int connections, long salesDone, long postsDelivered, Duration saleLag, String faults) {

    public RuntimeSample(int connections, long salesDone, long postsDelivered, Duration saleLag) {
        this(connections, salesDone, postsDelivered, saleLag, "");
    }
}
