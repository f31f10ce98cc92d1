/**
 * The record of confirmations sent and the handler of {@code notifications-commands}.
 */
@NullMarked
package dev.ficus.notifications.internal;

import org.jspecify.annotations.NullMarked;
