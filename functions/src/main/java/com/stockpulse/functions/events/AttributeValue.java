package com.stockpulse.functions.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * One attribute in DynamoDB's JSON ({@code {"S":"sku-1"}}, {@code {"N":"5"}}, ...): exactly one part is set. Numbers
 * stay text, as DynamoDB sends them.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AttributeValue(@JsonProperty("S") String s,
                             @JsonProperty("N") String n,
                             @JsonProperty("B") byte[] b,
                             @JsonProperty("SS") List<String> ss,
                             @JsonProperty("NS") List<String> ns,
                             @JsonProperty("BS") List<byte[]> bs,
                             @JsonProperty("M") Map<String, AttributeValue> m,
                             @JsonProperty("L") List<AttributeValue> l,
                             @JsonProperty("BOOL") Boolean bool,
                             @JsonProperty("NULL") Boolean nul) {

    public static AttributeValue string(String value) {
        return new AttributeValue(value, null, null, null, null, null, null, null, null, null);
    }

    public static AttributeValue number(String value) {
        return new AttributeValue(null, value, null, null, null, null, null, null, null, null);
    }

    public static AttributeValue binary(byte[] value) {
        return new AttributeValue(null, null, value, null, null, null, null, null, null, null);
    }

    public static AttributeValue strings(List<String> values) {
        return new AttributeValue(null, null, null, values, null, null, null, null, null, null);
    }

    public static AttributeValue numbers(List<String> values) {
        return new AttributeValue(null, null, null, null, values, null, null, null, null, null);
    }

    public static AttributeValue binaries(List<byte[]> values) {
        return new AttributeValue(null, null, null, null, null, values, null, null, null, null);
    }

    public static AttributeValue map(Map<String, AttributeValue> value) {
        return new AttributeValue(null, null, null, null, null, null, value, null, null, null);
    }

    public static AttributeValue list(List<AttributeValue> values) {
        return new AttributeValue(null, null, null, null, null, null, null, values, null, null);
    }

    public static AttributeValue ofBool(boolean value) {
        return new AttributeValue(null, null, null, null, null, null, null, null, value, null);
    }

    public static AttributeValue ofNull() {
        return new AttributeValue(null, null, null, null, null, null, null, null, null, true);
    }
}
