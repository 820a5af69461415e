package com.stockpulse.functions.store.dynamodb;

import com.stockpulse.functions.store.StoreFailedException;
import com.stockpulse.functions.store.StoreUnavailableException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.model.InternalServerErrorException;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.RequestLimitExceededException;
import software.amazon.awssdk.services.dynamodb.model.TransactionConflictException;
import software.amazon.awssdk.services.dynamodb.model.TransactionInProgressException;

/** Where DynamoDB's exceptions become ours: temporary ones are retried by the caller, permanent ones are not. */
final class DynamoDbErrors {

    private DynamoDbErrors() {
    }

    static RuntimeException translate(String operation, SdkException e) {
        String message = operation + " failed: " + e.getMessage();
        if (isTemporary(e)) {
            return new StoreUnavailableException(message, e);
        }
        return new StoreFailedException(message, e);
    }

    static boolean isTemporary(SdkException e) {
        if (e instanceof SdkClientException) {
            // Timeouts and connection failures: the request may not have reached DynamoDB at all.
            return true;
        }
        if (e instanceof ProvisionedThroughputExceededException || e instanceof RequestLimitExceededException
                || e instanceof InternalServerErrorException || e instanceof TransactionConflictException
                || e instanceof TransactionInProgressException) {
            return true;
        }
        if (e instanceof AwsServiceException service) {
            return service.isThrottlingException() || service.statusCode() >= 500;
        }
        return e.retryable();
    }
}
