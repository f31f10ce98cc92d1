/**
 * The Ficus local stack: {@link dev.ficus.stack.FicusStack} starts the shared infrastructure and every
 * service as child processes on loopback, drives orders through them and checks the platform's
 * invariants. See {@code docs/local-stack.md}.
 */
@NullMarked
package dev.ficus.stack;

import org.jspecify.annotations.NullMarked;
