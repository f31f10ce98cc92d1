/**
 * Operator endpoints of the messaging module: failed event publications and stuck outbox rows, and
 * sending them on again.
 */
@NullMarked
package dev.ficus.messaging.web;

import org.jspecify.annotations.NullMarked;
