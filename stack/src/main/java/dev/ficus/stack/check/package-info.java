@NullMarked
package dev.ficus.stack.check;

import org.jspecify.annotations.NullMarked;
