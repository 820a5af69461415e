package com.stockpulse.model;

/** The answer to {@code ping}; keeps the socket inside API Gateway's 10-minute idle limit. */
public record PongMessage() implements ServerMessage {
}
