/**
 * The HTTP edge shared by every module: one RFC 9457 {@code application/problem+json} answer for every
 * error ({@link dev.ficus.platform.web.ProblemType} lists the kinds), a request id on every request, a
 * size limit on every request body and strict JSON reading. See {@code docs/errors.md}.
 */
@NullMarked
package dev.ficus.platform.web;

import org.jspecify.annotations.NullMarked;
