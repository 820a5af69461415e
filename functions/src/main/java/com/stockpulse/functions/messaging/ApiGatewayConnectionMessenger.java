package com.stockpulse.functions.messaging;

import com.stockpulse.functions.logging.LogFields;
import com.stockpulse.model.Limits;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiClient;
import software.amazon.awssdk.services.apigatewaymanagementapi.model.GoneException;
import software.amazon.awssdk.services.apigatewaymanagementapi.model.LimitExceededException;
import software.amazon.awssdk.services.apigatewaymanagementapi.model.PayloadTooLargeException;

/**
 * PostToConnection through the SDK's Management API client. The client should be built with SDK retries off: the
 * fan-out retries 429 and 5xx itself, with jitter and against its own deadline.
 */
public final class ApiGatewayConnectionMessenger implements ConnectionMessenger {

    private static final Logger LOG = LoggerFactory.getLogger(ApiGatewayConnectionMessenger.class);

    private final ApiGatewayManagementApiClient client;

    public ApiGatewayConnectionMessenger(ApiGatewayManagementApiClient client) {
        this.client = client;
    }

    @Override
    public PostStatus post(String connectionId, byte[] payload) {
        if (payload.length > Limits.MAX_POST_BYTES) {
            return PostStatus.PAYLOAD_TOO_LARGE;
        }
        try {
            client.postToConnection(r -> r.connectionId(connectionId).data(SdkBytes.fromByteArrayUnsafe(payload)));
            return PostStatus.DELIVERED;
        } catch (GoneException e) {
            return PostStatus.GONE;
        } catch (LimitExceededException e) {
            return PostStatus.THROTTLED;
        } catch (PayloadTooLargeException e) {
            return PostStatus.PAYLOAD_TOO_LARGE;
        } catch (AwsServiceException e) {
            return classify(connectionId, e);
        } catch (SdkClientException e) {
            LOG.debug("post to {} did not complete: {}", LogFields.connection(connectionId), e.getMessage());
            return PostStatus.TEMPORARY_FAILURE;
        }
    }

    @Override
    public PostStatus disconnect(String connectionId) {
        try {
            client.deleteConnection(r -> r.connectionId(connectionId));
            return PostStatus.DELIVERED;
        } catch (GoneException e) {
            return PostStatus.GONE;
        } catch (LimitExceededException e) {
            return PostStatus.THROTTLED;
        } catch (AwsServiceException e) {
            return classify(connectionId, e);
        } catch (SdkClientException e) {
            LOG.debug("close of {} did not complete: {}", LogFields.connection(connectionId), e.getMessage());
            return PostStatus.TEMPORARY_FAILURE;
        }
    }

    private static PostStatus classify(String connectionId, AwsServiceException e) {
        int status = e.statusCode();
        if (status == 410) {
            return PostStatus.GONE;
        }
        if (status == 429 || e.isThrottlingException()) {
            return PostStatus.THROTTLED;
        }
        if (status == 413) {
            return PostStatus.PAYLOAD_TOO_LARGE;
        }
        if (status >= 500) {
            return PostStatus.TEMPORARY_FAILURE;
        }
        LOG.warn("call for {} refused with {}: {}", LogFields.connection(connectionId), status, e.getMessage());
        return PostStatus.PERMANENT_FAILURE;
    }
}
