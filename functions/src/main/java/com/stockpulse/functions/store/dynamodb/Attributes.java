package com.stockpulse.functions.store.dynamodb;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Short builders for attribute values, so that request code reads like the request. */
final class Attributes {

    private Attributes() {
    }

    static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
