/**
 * Host notifications (core's {@code HostNotifications}) on the real database after a real purchase.
 */
package dev.payledger.reliability.notify;
