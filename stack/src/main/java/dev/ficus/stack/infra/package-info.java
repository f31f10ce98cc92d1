@NullMarked
package dev.ficus.stack.infra;

import org.jspecify.annotations.NullMarked;
