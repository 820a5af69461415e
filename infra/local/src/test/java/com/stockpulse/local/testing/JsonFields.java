package com.stockpulse.local.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.stockpulse.model.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** Reading the JSON the local stand-ins write, for tests that compare it with AWS's documented shapes. */
public final class JsonFields {

    private JsonFields() {
    }

    public static JsonNode parse(byte[] json) {
        try {
            return Json.mapper().readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The field names of an object, in order. */
    public static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
