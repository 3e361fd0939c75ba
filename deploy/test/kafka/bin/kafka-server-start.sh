#!/usr/bin/env bash
# kafka-server-start.sh server.properties: the broker, with Kafka's own defaults for the heap and the log configuration.
base_dir=$(dirname "$0")/..
export KAFKA_HEAP_OPTS="${KAFKA_HEAP_OPTS:--Xmx1G -Xms1G}"
export KAFKA_LOG4J_OPTS="${KAFKA_LOG4J_OPTS:--Dlog4j2.configurationFile=$base_dir/config/log4j2.properties}"
exec "$base_dir/bin/kafka-run-class.sh" kafka.Kafka "$@"
