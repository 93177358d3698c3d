/** A real local Kafka + schema registry stack for tests and the demo. */
package io.lstmsignals.ops.stack;
