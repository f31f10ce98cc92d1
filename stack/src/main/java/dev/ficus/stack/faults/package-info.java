/**
 * The fault suite ({@code ficus-stack.jar faults}): the local stack under load with one kind of fault
 * at a time, counted afterwards the way Jepsen counts (lost, duplicated, unexpected, time to settle).
 * See docs/fault-suite.md.
 */
@NullMarked
package dev.ficus.stack.faults;

import org.jspecify.annotations.NullMarked;
