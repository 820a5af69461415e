package com.stockpulse.functions.testing;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;

/** Real event JSON from src/test/resources/events, read by the same serialization the Lambda runtime uses. */
public final class Fixtures {

    private Fixtures() {
    }

    public static APIGatewayV2WebSocketEvent webSocket(String name) {
        return EventLoader.loadEvent("events/" + name, APIGatewayV2WebSocketEvent.class);
    }

    public static KinesisEvent kinesis(String name) {
        return EventLoader.loadKinesisEvent("events/" + name);
    }

    public static DynamodbEvent dynamoDb(String name) {
        return EventLoader.loadDynamoDbEvent("events/" + name);
    }
}
