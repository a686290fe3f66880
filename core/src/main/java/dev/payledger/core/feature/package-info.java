/**
 * Features that credits unlock, the grants that record who has them until when, and the unlock use case.
 */
package dev.payledger.core.feature;
