/** HTTP endpoints of the payments module: the totals for reconciliation. */
@NullMarked
package dev.ficus.payments.web;

import org.jspecify.annotations.NullMarked;
