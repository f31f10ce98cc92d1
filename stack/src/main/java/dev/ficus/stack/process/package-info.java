@NullMarked
package dev.ficus.stack.process;

import org.jspecify.annotations.NullMarked;
