/**
 * The DynamoDB (with Streams) the local runtime keeps its tables in, as a {@link DynamoDbService}: AWS's
 * {@link DynamoDbLocal} in this JVM, or another one over HTTP, such as LocalStack's, named with
 * {@code --dynamodb-endpoint} ({@link DynamoDbEndpoint}). DynamoDB Local serves one database two ways: in-process SDK
 * clients for the runtime's own code ({@code InProcessClient}, which raises the exceptions the HTTP client would) and
 * its HTTP API on loopback for other tools ({@code SharedDbRequestHandler}). Where this code builds on DynamoDB
 * Local's own classes ({@code LocalAdapters}, {@code SharedDbRequestHandler}), those classes say what an upgrade of it
 * can break.
 */
package com.stockpulse.local.dynamodb;
