package com.stockpulse.aws;

import com.stockpulse.model.FunctionAccess;
import com.stockpulse.model.MetricName;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.Dashboard;
import software.amazon.awscdk.services.cloudwatch.GraphWidget;
import software.amazon.awscdk.services.cloudwatch.IAlarm;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.lambda.Alias;
import software.constructs.Construct;

/**
 * Alarms and the dashboard, on AWS's metrics and on our own (EMF, namespace StockPulse). Returns, per function, the
 * alarms that roll a release of it back ({@link Releases}).
 */
final class Monitoring {

    private final Construct scope;

    private Monitoring(Construct scope) {
        this.scope = scope;
    }

    static Map<FunctionAccess, List<IAlarm>> create(Construct scope, Map<FunctionAccess, Alias> functions,
                                                   StreamPipeline pipeline) {
        Monitoring monitoring = new Monitoring(scope);
        Map<FunctionAccess, List<IAlarm>> rollbackOn = monitoring.alarms(functions, pipeline);
        monitoring.dashboard(functions, pipeline);
        return rollbackOn;
    }

    private Map<FunctionAccess, List<IAlarm>> alarms(Map<FunctionAccess, Alias> functions, StreamPipeline pipeline) {
        Alias consumer = functions.get(FunctionAccess.SALE_EVENT_CONSUMER);
        Alias fanOut = functions.get(FunctionAccess.STOCK_FAN_OUT);
        String fanOutId = FunctionAccess.STOCK_FAN_OUT.functionId();
        Alarm saleLag = alarm("SaleEventsIteratorAge", iteratorAge(consumer), 60_000, "sale events wait more than a minute");
        Alarm changesLag = alarm("StockChangesIteratorAge", iteratorAge(fanOut), 10_000,
                "stock changes wait more than 10 s to be broadcast");
        // Our own figures: a broadcast that ends more than 5 s after its value was written, and a fan-out that spends
        // its whole post budget (viewers x changes beyond what the account may post) for 5 minutes on end.
        Alarm broadcastLag = alarm("FanOutLag", ours(MetricName.FANOUT_LAG, fanOutId, "Maximum"), 5_000,
                "a broadcast ends more than 5 s after its stock change");
        Alarm.Builder.create(scope, "PostBudgetHitAlarm")
                .metric(ours(MetricName.POST_BUDGET_USED, fanOutId, "Average")).threshold(95).evaluationPeriods(5)
                .comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD)
                .treatMissingData(TreatMissingData.NOT_BREACHING)
                .alarmDescription("StockPulse: the fan-out spends its whole post budget for 5 minutes: viewers get "
                        + "conflated values; raise the budget (account quota) or expect slower updates").build();
        alarm("SaleEventsOnFailureDepth", pipeline.saleFailures().metricApproximateNumberOfMessagesVisible(), 1,
                "sale events were discarded");
        alarm("StockChangesOnFailureDepth", pipeline.stockFailures().metricApproximateNumberOfMessagesVisible(), 1,
                "stock changes were discarded");
        Map<FunctionAccess, List<IAlarm>> rollbackOn = new EnumMap<>(FunctionAccess.class);
        functions.forEach((access, alias) -> {
            String name = access.functionId();
            List<IAlarm> alarms = new ArrayList<>();
            alarms.add(alarm(name + "Errors", alias.metricErrors(), 5, name + " fails"));
            alarm(name + "Throttles", alias.metricThrottles(), 1, name + " is throttled");
            switch (access) {
                case SALE_EVENT_CONSUMER -> alarms.add(saleLag);
                case STOCK_FAN_OUT -> alarms.addAll(List.of(changesLag, broadcastLag));
                default -> { }
            }
            rollbackOn.put(access, alarms);
        });
        return rollbackOn;
    }

    private void dashboard(Map<FunctionAccess, Alias> functions, StreamPipeline pipeline) {
        Alias consumer = functions.get(FunctionAccess.SALE_EVENT_CONSUMER);
        Alias fanOut = functions.get(FunctionAccess.STOCK_FAN_OUT);
        String fanOutId = FunctionAccess.STOCK_FAN_OUT.functionId();
        List<IMetric> viewers = Stream.of(
                ours(FunctionAccess.CONNECT.functionId(), "Sum", MetricName.CONNECTS, MetricName.CONNECTS_REFUSED_ORIGIN,
                        MetricName.CONNECTS_REFUSED_PAGE),
                ours(FunctionAccess.DISCONNECT.functionId(), "Sum", MetricName.DISCONNECTS),
                ours(FunctionAccess.MESSAGE.functionId(), "Sum", MetricName.SYNCS, MetricName.MESSAGES_REFUSED_INVALID,
                        MetricName.MESSAGES_RATE_LIMITED, MetricName.SOCKETS_CLOSED_ABUSIVE)).flatMap(List::stream).toList();
        Dashboard.Builder.create(scope, "Dashboard").dashboardName("StockPulse").widgets(List.of(List.of(
                graph("Iterator age (ms)", List.of(iteratorAge(consumer), iteratorAge(fanOut))),
                graph("Errors", functions.values().stream().map(alias -> (IMetric) alias.metricErrors()).toList()),
                graph("On-failure queues", List.of(pipeline.saleFailures().metricApproximateNumberOfMessagesVisible(),
                        pipeline.stockFailures().metricApproximateNumberOfMessagesVisible()))), List.of(
                graph("Sales per minute", ours(FunctionAccess.SALE_EVENT_CONSUMER.functionId(), "Sum",
                        MetricName.SALES_APPLIED, MetricName.SALES_REFUSED_OVERSELL, MetricName.SALES_REFUSED_UNKNOWN_SKU,
                        MetricName.SALES_DUPLICATE, MetricName.SALES_MALFORMED, MetricName.SALE_BATCH_FAILURES)),
                graph("Posts per minute", ours(fanOutId, "Sum", MetricName.POSTS_DELIVERED, MetricName.POSTS_GONE,
                        MetricName.POSTS_RETRIED, MetricName.VIEWERS_SKIPPED_SLOW, MetricName.VERSIONS_CONFLATED)),
                GraphWidget.Builder.create().title("Fan-out: lag (ms) and budget used (%)")
                        .left(ours(fanOutId, "Maximum", MetricName.FANOUT_LAG))
                        .right(ours(fanOutId, "Average", MetricName.POST_BUDGET_USED)).build()), List.of(
                graph("Viewers per minute", viewers)))).build();
    }

    private static GraphWidget graph(String title, List<IMetric> left) {
        return GraphWidget.Builder.create().title(title).left(left).build();
    }

    /** One of our own figures, as EMF wrote it for one function. */
    private static Metric ours(MetricName metric, String functionId, String statistic) {
        return Metric.Builder.create()
                .namespace(MetricName.NAMESPACE).metricName(metric.metricName())
                .dimensionsMap(Map.of(MetricName.SERVICE_DIMENSION, functionId))
                .statistic(statistic).period(Duration.minutes(1)).build();
    }

    private static List<IMetric> ours(String functionId, String statistic, MetricName... metrics) {
        return Arrays.stream(metrics).map(metric -> (IMetric) ours(metric, functionId, statistic)).toList();
    }

    private static Metric iteratorAge(Alias alias) {
        return alias.metric("IteratorAge", MetricOptions.builder().statistic("Maximum").period(Duration.minutes(1)).build());
    }

    private Alarm alarm(String id, IMetric metric, double threshold, String description) {
        return Alarm.Builder.create(scope, id + "Alarm").metric(metric).threshold(threshold).evaluationPeriods(1)
                .comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD)
                .treatMissingData(TreatMissingData.NOT_BREACHING).alarmDescription("StockPulse: " + description).build();
    }
}
