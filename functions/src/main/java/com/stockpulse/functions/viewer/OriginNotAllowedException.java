package com.stockpulse.functions.viewer;

import com.stockpulse.model.Untrusted;

/** A {@code $connect} from a page whose origin is not on the allow-list: API Gateway answers the upgrade with 403. */
public final class OriginNotAllowedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public OriginNotAllowedException(String origin) {
        super("pages from " + Untrusted.quote(origin) + " may not connect");
    }
}
