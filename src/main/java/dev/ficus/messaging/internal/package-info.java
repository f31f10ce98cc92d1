/**
 * How the messaging module works inside: the JDBC outbox, the relay that moves its rows to SQS, the SQS
 * client (embedded ElasticMQ or the real service), the registry of handlers and the per-channel consumers
 * that deliver messages through each module's inbox.
 */
@NullMarked
package dev.ficus.messaging.internal;

import org.jspecify.annotations.NullMarked;
