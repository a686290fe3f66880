/**
 * The shared kernel: user ids, the unit of work, id generation and paging, used by every context.
 */
package dev.payledger.core.common;
